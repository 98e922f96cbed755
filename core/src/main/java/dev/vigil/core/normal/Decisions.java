package dev.vigil.core.normal;

import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.VigilException;
import dev.vigil.spi.frame.Durations;
import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.spi.log.JobLog;
import dev.vigil.spi.settings.AutoBoolean;
import dev.vigil.spi.settings.NormalBehaviorSettings;
import java.time.Duration;
import java.util.Arrays;
import java.util.IntSummaryStatistics;
import java.util.Locale;

/**
 * The automatic choices of the normal-behaviour settings ({@code "auto"}), each logged with its reason:
 *
 * <ul>
 *   <li><b>dailyCycle</b>: on when the sampling period lies between 10 minutes and 12 hours and
 *       divides a day, the in-sample data span at least 60 days (so every time-of-day model sees 60
 *       days), and the KPI's autocorrelation one day apart exceeds 0.5 and its values one sample
 *       either side of that lag (TIM's rule, docs/models.md#automatic-decisions, with 60 days instead of half a year);
 *   <li><b>useKPIoffsets</b>: decided by a probe (see {@link SparseRegression}): a small model on the
 *       influencers alone; if its residual's lag-1 autocorrelation exceeds 0.5 the KPI has dynamics of
 *       its own and lagged KPI values join the candidates, otherwise they stay out, so that sustained
 *       shifts stay visible as residuals instead of being absorbed after one step (TIM's default is
 *       always on, which makes every residual a one-step-ahead error);
 *   <li><b>offsetLimit</b>: −1 without a daily cycle, minus the samples of a day with one. An explicit
 *       0 means no lagged values at all (TIM's offsets are negative, offset 0 being the current value;
 *       docs/models.md#automatic-decisions): neither lagged influencers nor lagged KPI values are proposed, logged;
 *   <li><b>maxModelComplexity</b>: {@code min(50, max(5, ⌊√N⌋))} for a model fitted on N rows,
 *       logged with N (a range over the time-of-day models).
 * </ul>
 *
 * @param useKpiOffsets whether lagged KPI values may be proposed (with "auto", a probe decides later)
 * @param allowOffsets whether lagged influencer values may be proposed
 * @param offsetLimit the most negative offset a feature may read (0: only current values)
 */
record Decisions(boolean dailyCycle, boolean useKpiOffsets, boolean allowOffsets, int offsetLimit) {
    static final String ORIGIN = "NormalBehavior";

    static Decisions of(NormalBehaviorSettings s, TimeFrame frame, String kpi, int[] fitRows, JobLog log) {
        long period = frame.samplingPeriodMillis();
        boolean daily = dailyCycle(s.dailyCycle(), frame, kpi, fitRows, log);
        // with "auto", KPI lags are proposed and the probe decides whether they stay
        boolean kpiOffsets = s.useKPIoffsets() != AutoBoolean.FALSE;
        boolean allowOffsets = s.allowOffsets();
        int limit;
        if (s.offsetLimit().isPresent()) {
            limit = s.offsetLimit().getAsInt();
            if (limit == 0) {
                // NormalBehaviorSettings refuses useKPIoffsets true with offsetLimit 0
                log.info(ORIGIN, "Offset limit is 0: features use only current values, so no lagged influencer values "
                        + "(TimeOffsets) and no lagged KPI values (useKPIoffsets is off) are proposed. Moving averages of "
                        + "influencers still end at the current sample.");
                kpiOffsets = false;
                allowOffsets = false;
            }
        } else {
            limit = daily ? -TimeOfDay.slots(period) : -1;
            log.info(ORIGIN, "Offset limit set to " + limit + ".");
        }
        return new Decisions(daily, kpiOffsets, allowOffsets, limit);
    }

    /** Lag-1 autocorrelation above which the KPI is deemed to have dynamics of its own. */
    static final double KPI_DYNAMICS = 0.5;

    /** Logs the outcome of the useKPIoffsets probe. */
    static boolean kpiOffsetsFromProbe(double autocorrelation, JobLog log) {
        boolean on = autocorrelation > KPI_DYNAMICS;
        log.info(ORIGIN, String.format(Locale.ROOT, "Parameter useKPIoffsets is set to %s. Reason: a model on the influencers "
                + "alone leaves a residual with lag-1 autocorrelation %.2f (%s 0.5): %s", on, autocorrelation, on ? ">" : "≤",
                on ? "the KPI has dynamics of its own, which its lagged values explain; residuals become one-step-ahead errors."
                        : "the influencers explain the KPI's dynamics, and judging it by them alone keeps sustained shifts visible."));
        return on;
    }

    static int complexity(NormalBehaviorSettings s, int rows) {
        return s.maxModelComplexity().orElse(autoComplexity(rows));
    }

    private static int autoComplexity(int rows) {
        return Math.min(50, Math.max(5, (int) Math.floor(Math.sqrt(rows))));
    }

    /**
     * Logs the automatic maxModelComplexity of the models fitted on the given rows (index 1.. as in
     * {@code slotRows}; models with fewer than 3 rows are not fitted); nothing when it is set.
     */
    static void logComplexity(NormalBehaviorSettings s, int[][] slotRows, JobLog log) {
        if (s.maxModelComplexity().isPresent()) {
            return;
        }
        IntSummaryStatistics rows = Arrays.stream(slotRows, 1, slotRows.length).mapToInt(r -> r.length)
                .filter(n -> n >= 3).summaryStatistics();
        if (rows.getCount() == 0) {
            return;
        }
        String rule = "Reason: the automatic rule min(50, max(5, ⌊√N⌋)) for a model fitted on N in-sample rows, ";
        if (slotRows.length == 2) {
            log.info(ORIGIN, String.format(Locale.ROOT, "Parameter maxModelComplexity is set to %d. %swith N = %d.",
                    autoComplexity(rows.getMax()), rule, rows.getMax()));
        } else {
            int low = autoComplexity(rows.getMin());
            int high = autoComplexity(rows.getMax());
            log.info(ORIGIN, String.format(Locale.ROOT, "Parameter maxModelComplexity is set to %s for the %d time-of-day models. "
                    + "%swith N from %d to %d.", low == high ? String.valueOf(low) : low + " to " + high, rows.getCount(), rule,
                    rows.getMin(), rows.getMax()));
        }
    }

    private static boolean dailyCycle(AutoBoolean setting, TimeFrame frame, String kpi, int[] rows, JobLog log) {
        long period = frame.samplingPeriodMillis();
        if (setting == AutoBoolean.FALSE) {
            return false;
        }
        if (setting == AutoBoolean.TRUE) {
            if (!TimeOfDay.divides(period) || !frame.isRegular()) {
                throw new VigilException(ErrorCode.INVALID_CONFIGURATION, "dailyCycle is true, but the sampling period "
                        + Durations.human(Duration.ofMillis(period)) + (frame.isRegular() ? " does not divide a day" : " is not regular")
                        + "; a daily cycle needs one model per time of day. Set dailyCycle to false or \"auto\", or set timeScale");
            }
            return true;
        }
        Duration p = Duration.ofMillis(period);
        if (p.compareTo(Duration.ofMinutes(10)) < 0 || p.compareTo(Duration.ofHours(12)) > 0 || !TimeOfDay.divides(period)
                || !frame.isRegular()) {
            log.info(ORIGIN, "Vigil will consider this dataset to be nondaily-cycle: the sampling period "
                    + Durations.human(p) + " is not between 10 minutes and 12 hours dividing a day on a regular grid.");
            return false;
        }
        long span = rows.length == 0 ? 0 : frame.time(rows[rows.length - 1]) - frame.time(rows[0]);
        if (span < 60 * TimeOfDay.DAY) {
            log.info(ORIGIN, "Vigil will consider this dataset to be nondaily-cycle: the in-sample data span "
                    + Durations.human(Duration.ofMillis(span)) + ", less than the 60 days daily-cycle models need.");
            return false;
        }
        int lag = TimeOfDay.slots(period);
        double[] y = frame.values(kpi);
        int from = rows[0];
        int to = rows[rows.length - 1] + 1;
        double at = autocorrelation(y, from, to, lag);
        double before = autocorrelation(y, from, to, lag - 1);
        double after = autocorrelation(y, from, to, lag + 1);
        boolean daily = at > 0.5 && at > before && at > after;
        log.info(ORIGIN, String.format(Locale.ROOT, "Vigil will consider this dataset to be %s: the KPI's autocorrelation one day "
                + "apart is %.2f (%.2f and %.2f one sample either side)%s.", daily ? "daily-cycle" : "nondaily-cycle", at, before, after,
                daily ? "" : "; a daily cycle needs more than 0.5 and a peak at one day"));
        return daily;
    }

    /** Autocorrelation at a lag over rows [from, to), skipping pairs with a missing value. */
    static double autocorrelation(double[] y, int from, int to, int lag) {
        double mean = 0;
        int n = 0;
        for (int i = from; i < to; i++) {
            if (Double.isFinite(y[i])) {
                mean += y[i];
                n++;
            }
        }
        if (n < 3) {
            return 0;
        }
        mean /= n;
        double var = 0;
        for (int i = from; i < to; i++) {
            if (Double.isFinite(y[i])) {
                var += (y[i] - mean) * (y[i] - mean);
            }
        }
        double cov = 0;
        for (int i = from + lag; i < to; i++) {
            if (Double.isFinite(y[i]) && Double.isFinite(y[i - lag])) {
                cov += (y[i] - mean) * (y[i - lag] - mean);
            }
        }
        return var > 0 ? cov / var : 0;
    }
}
