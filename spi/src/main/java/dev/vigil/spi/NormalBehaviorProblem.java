package dev.vigil.spi;

import static java.util.Objects.requireNonNull;

import dev.vigil.spi.frame.RowSet;
import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.spi.log.JobLog;
import dev.vigil.spi.settings.NormalBehaviorSettings;
import java.util.List;
import java.util.Optional;
import java.util.function.DoubleConsumer;

/**
 * Everything a {@link NormalBehaviorModelFactory} needs to fit a model.
 *
 * @param frame prepared, regular data holding the KPI, the influencers and the rows before the
 *     in-sample rows
 * @param kpi the KPI column
 * @param influencers the columns the model may use
 * @param holidayColumn the holiday column, or {@code null}
 * @param fitRows rows whose KPI the model is fitted to (in-sample rows, minus rows excluded as
 *     anomalous in a second pass)
 * @param settings the normal-behaviour settings
 * @param generators the feature generators named in the settings, resolved
 * @param log where decisions and their reasons are written
 * @param progress receives the fraction of the fit done, from 0 to 1 (may be called from any thread)
 */
public record NormalBehaviorProblem(
        TimeFrame frame,
        String kpi,
        List<String> influencers,
        String holidayColumn,
        RowSet fitRows,
        NormalBehaviorSettings settings,
        List<FeatureGenerator> generators,
        JobLog log,
        DoubleConsumer progress) {

    public NormalBehaviorProblem {
        requireNonNull(frame, "frame is null");
        requireNonNull(kpi, "kpi is null");
        influencers = List.copyOf(requireNonNull(influencers, "influencers is null"));
        requireNonNull(fitRows, "fitRows is null");
        requireNonNull(settings, "settings is null");
        generators = List.copyOf(requireNonNull(generators, "generators is null"));
        requireNonNull(log, "log is null");
        requireNonNull(progress, "progress is null");
    }

    /** A problem without progress reports. */
    public NormalBehaviorProblem(TimeFrame frame, String kpi, List<String> influencers, String holidayColumn, RowSet fitRows,
            NormalBehaviorSettings settings, List<FeatureGenerator> generators, JobLog log) {
        this(frame, kpi, influencers, holidayColumn, fitRows, settings, generators, log, fraction -> { });
    }

    /** The same problem fitted on other rows. */
    public NormalBehaviorProblem withFitRows(RowSet rows) {
        return new NormalBehaviorProblem(frame, kpi, influencers, holidayColumn, rows, settings, generators, log, progress);
    }

    /** The holiday column, if any. */
    public Optional<String> holidays() {
        return Optional.ofNullable(holidayColumn);
    }
}
