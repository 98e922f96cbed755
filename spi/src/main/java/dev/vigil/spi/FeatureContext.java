package dev.vigil.spi;

import static java.util.Objects.requireNonNull;

import dev.vigil.spi.frame.RowSet;
import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.spi.log.JobLog;
import java.util.List;
import java.util.Optional;

/**
 * What a {@link FeatureGenerator} may look at when proposing candidates.
 *
 * @param frame prepared, regular data: in-sample rows and the rows before them
 * @param inSample rows the model will be fitted on (for quantiles, spans, …)
 * @param kpi the KPI column
 * @param influencers candidate predictor columns (not the KPI, label or holiday columns)
 * @param holidayColumn the holiday column, or {@code null}
 * @param useKpiOffsets whether lagged KPI values (offset ≤ −1) may be used
 * @param allowOffsets whether lagged influencer values may be used
 * @param offsetLimit the most negative offset in samples a feature may read (≤ 0; 0: only current
 *     values, no lags)
 * @param dailyCycle whether one model per time of day will be fitted
 * @param normalization whether inputs are normalised (products of standardised factors)
 * @param leaders the best single features of the first round, for combining generators; empty in
 *     the first round
 * @param log where to explain decisions (e.g. switching the generator off and why)
 */
public record FeatureContext(
        TimeFrame frame,
        RowSet inSample,
        String kpi,
        List<String> influencers,
        String holidayColumn,
        boolean useKpiOffsets,
        boolean allowOffsets,
        int offsetLimit,
        boolean dailyCycle,
        boolean normalization,
        List<Feature> leaders,
        JobLog log) {

    /** The origin of log entries written by feature generators. */
    public static final String LOG_ORIGIN = "Features";

    public FeatureContext {
        requireNonNull(frame, "frame is null");
        requireNonNull(inSample, "inSample is null");
        requireNonNull(kpi, "kpi is null");
        influencers = List.copyOf(requireNonNull(influencers, "influencers is null"));
        leaders = List.copyOf(requireNonNull(leaders, "leaders is null"));
        requireNonNull(log, "log is null");
        if (offsetLimit > 0) {
            throw new IllegalArgumentException("offsetLimit must be at most 0, got " + offsetLimit);
        }
    }

    /** The holiday column, if any. */
    public Optional<String> holidays() {
        return Optional.ofNullable(holidayColumn);
    }

    /** A copy in which lagged KPI values may not be used. */
    public FeatureContext withoutKpiOffsets() {
        return new FeatureContext(frame, inSample, kpi, influencers, holidayColumn, false, allowOffsets, offsetLimit, dailyCycle,
                normalization, leaders, log);
    }

    /** A copy for the combining round with the given leaders. */
    public FeatureContext withLeaders(List<Feature> newLeaders) {
        return new FeatureContext(frame, inSample, kpi, influencers, holidayColumn, useKpiOffsets, allowOffsets,
                offsetLimit, dailyCycle, normalization, newLeaders, log);
    }
}
