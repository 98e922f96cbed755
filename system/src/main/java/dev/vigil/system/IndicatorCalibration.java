package dev.vigil.system;

import dev.vigil.core.StateReader;
import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.VigilException;
import dev.vigil.spi.log.JobLog;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * TIM's system-driven anomaly indicator, the same for every system model (docs/system-driven.md#the-anomaly-indicator):
 * the raw score is smoothed by a trailing mean over {@code windowLength} rows, then mapped affinely so
 * that the lowest in-sample value is 0 and the (K+1)-th largest is 1, K = round(S·N/100) for
 * sensitivity S % and N in-sample rows with a value. So exactly K in-sample rows are above 1 (fewer only
 * when scores tie at the cut), and a row is anomalous when its indicator is above 1.
 *
 * @param detectedSensitivity S, the share of in-sample rows above 1, in % (given or automatic)
 * @param threshold the smoothed score mapped to 1
 * @param translation the smoothed score mapped to 0 (the in-sample minimum)
 * @param windowLength rows in the trailing mean, at least 1
 * @param maxIndicator the largest in-sample indicator
 * @param severityRule how an anomalous row's indicator becomes Azure's severity
 */
public record IndicatorCalibration(double detectedSensitivity, double threshold, double translation, int windowLength,
        double maxIndicator, SeverityRule severityRule) {
    /**
     * How {@link #severity} turns an anomalous row's indicator AI into a severity in (0, 1].
     *
     * <ul>
     *   <li>{@link #BEYOND_THRESHOLD} (models built now): {@code 1 − 1/AI}, that is {@code (s − threshold) / (s −
     *       translation)} for the smoothed score s: the share of the score's rise above the in-sample minimum
     *       that lies beyond the threshold. It never saturates, so it ranks every anomaly, whatever the
     *       in-sample rows held.
     *   <li>{@link #IN_SAMPLE_MAX} (model files written before it): {@code min(1, (AI − 1) / (maxIndicator − 1))}.
     *       It saturates at the in-sample maximum, and at once when no in-sample row is above 1 (an automatic
     *       sensitivity of 0 %), where it gave 1 on every anomalous row.
     * </ul>
     */
    public enum SeverityRule {
        /** {@code 1 − 1/AI}. */
        BEYOND_THRESHOLD,
        /** {@code min(1, (AI − 1) / (maxIndicator − 1))}, as model files written before {@link #BEYOND_THRESHOLD} have it. */
        IN_SAMPLE_MAX
    }

    /** An indicator standing for "infinitely above the threshold" when the in-sample scores are all equal. */
    static final double CAP = 1e6;
    private static final String ORIGIN = "IndicatorCalibration";

    public IndicatorCalibration {
        if (!(detectedSensitivity >= 0 && detectedSensitivity <= 100) || !Double.isFinite(threshold) || !Double.isFinite(translation)
                || threshold < translation || windowLength < 1 || !(maxIndicator >= 0) || severityRule == null) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "invalid calibration: sensitivity %s, threshold %s, "
                    + "translation %s, window %d, max indicator %s", detectedSensitivity, threshold, translation, windowLength, maxIndicator));
        }
    }

    /**
     * How to calibrate: TIM's {@code sensitivity} (absent: automatic within {@code [minSensitivity,
     * maxSensitivity]}) and {@code anomalyIndicatorWindow} in rows.
     *
     * @param sensitivity the share of in-sample rows to flag, in %, or {@code NaN} for automatic
     * @param minSensitivity lower bound of the automatic sensitivity, in %
     * @param maxSensitivity upper bound of the automatic sensitivity, in %
     * @param windowLength rows in the trailing mean of the score, at least 1
     * @param fence where the automatic sensitivity's outliers begin, in interquartile ranges of the log
     *     scores above their third quartile: {@link #INNER} (Tukey's inner fence) or {@link #FAR_OUT}
     *     (Tukey's far-out fence); {@code NaN}, the default, for the model's own choice ({@link
     *     PreferredFence}, else the inner fence)
     */
    public record Settings(double sensitivity, double minSensitivity, double maxSensitivity, int windowLength, double fence) {
        /** Tukey's inner fence, 1.5 interquartile ranges above the third quartile. */
        public static final double INNER = 1.5;
        /** Tukey's far-out fence, 3 interquartile ranges above the third quartile. */
        public static final double FAR_OUT = 3;
        /** TIM's defaults: automatic sensitivity within [0, 5] % (rows beyond the model's fence), no smoothing. */
        public static final Settings DEFAULT = new Settings(Double.NaN, 0, 5, 1);

        public Settings {
            if (!Double.isNaN(sensitivity) && !(sensitivity >= 0 && sensitivity <= 100)) {
                throw new VigilException(ErrorCode.INVALID_CONFIGURATION, "sensitivity must be a percentage from 0 to 100, got " + sensitivity);
            }
            if (!(minSensitivity >= 0 && minSensitivity <= maxSensitivity && maxSensitivity <= 100)) {
                throw new VigilException(ErrorCode.INVALID_CONFIGURATION, "minSensitivity and maxSensitivity must satisfy 0 ≤ min ≤ max ≤ "
                        + "100 (percentages), got " + minSensitivity + " and " + maxSensitivity);
            }
            if (windowLength < 1) {
                throw new VigilException(ErrorCode.INVALID_CONFIGURATION, "anomalyIndicatorWindow must be at least 1 row, got " + windowLength);
            }
            if (!Double.isNaN(fence) && !(fence > 0 && fence < 100)) {
                throw new VigilException(ErrorCode.INVALID_CONFIGURATION, "the automatic sensitivity's fence must be a positive number of "
                        + "interquartile ranges, below 100, got " + fence);
            }
        }

        /** Settings with the model's own fence for the automatic sensitivity. */
        public Settings(double sensitivity, double minSensitivity, double maxSensitivity, int windowLength) {
            this(sensitivity, minSensitivity, maxSensitivity, windowLength, Double.NaN);
        }

        /** A fixed sensitivity, in %. */
        public static Settings sensitivity(double percent) {
            return new Settings(percent, 0, 5, 1);
        }

        /** The same settings with another window, in rows. */
        public Settings withWindow(int rows) {
            return new Settings(sensitivity, minSensitivity, maxSensitivity, rows, fence);
        }

        /** The same settings with another fence for the automatic sensitivity, in interquartile ranges ({@code NaN}: the model's). */
        public Settings withFence(double iqrs) {
            return new Settings(sensitivity, minSensitivity, maxSensitivity, windowLength, iqrs);
        }
    }

    /**
     * The trailing mean of the scores over {@code window} rows: {@code NaN} where any of the window's
     * rows has no score, and on the first {@code window − 1} rows. Returns {@code scores} itself for a
     * window of 1.
     */
    static double[] smooth(double[] scores, int window) {
        if (window == 1) {
            return scores;
        }
        int n = scores.length;
        double[] out = new double[n];
        double sum = 0;
        int run = 0; // consecutive finite scores ending here
        for (int t = 0; t < n; t++) {
            double v = scores[t];
            if (Double.isNaN(v)) {
                run = 0;
                sum = 0;
                out[t] = Double.NaN;
                continue;
            }
            sum += v;
            run++;
            if (run > window) {
                sum -= scores[t - window];
            }
            // re-sum now and then so rounding errors do not pile up over millions of rows
            if (run > window && (t & 4095) == 0) {
                sum = 0;
                for (int i = t - window + 1; i <= t; i++) {
                    sum += scores[i];
                }
            }
            out[t] = run >= window ? sum / window : Double.NaN;
        }
        return out;
    }

    /**
     * Calibrates on in-sample raw scores ({@code NaN} on the rows that are not in-sample or have no
     * score); logs the sensitivity, how it was chosen, and the threshold.
     *
     * @throws VigilException {@link ErrorCode#INSUFFICIENT_DATA} when no row has a smoothed score
     */
    public static IndicatorCalibration fit(double[] inSampleScores, Settings settings, JobLog log) {
        double[] smoothed = smooth(inSampleScores, settings.windowLength());
        double[] v = Arrays.stream(smoothed).filter(x -> !Double.isNaN(x)).toArray();
        int n = v.length;
        if (n == 0) {
            throw new VigilException(ErrorCode.INSUFFICIENT_DATA, "No in-sample row has a score over a window of " + settings.windowLength()
                    + " rows: the anomaly indicator cannot be calibrated. Give more fit rows or a shorter anomalyIndicatorWindow");
        }
        Arrays.sort(v);
        double s;
        if (Double.isNaN(settings.sensitivity())) {
            // Tukey's fence on the logarithm of the in-sample scores, Q3 + k·IQR there, i.e. Q3·(Q3/Q1)^k: the scores are
            // non-negative and skewed to the right (sums of squares, isolation scores), so their spread is multiplicative;
            // on the scores themselves the fence would cut into the long tail of normal rows. k is the inner fence's 1.5
            // unless the settings (or, through SystemDetector, the model) ask for the far-out 3
            double q1 = quantile(v, 0.25);
            double q3 = quantile(v, 0.75);
            boolean logScale = q1 > 0;
            double k = Double.isNaN(settings.fence()) ? Settings.INNER : settings.fence();
            double fence = logScale ? q3 * Math.pow(q3 / q1, k) : q3 + k * (q3 - q1);
            int beyond = n - upperBound(v, fence);
            double rule = 100.0 * beyond / n;
            s = Math.min(settings.maxSensitivity(), Math.max(settings.minSensitivity(), rule));
            log.info(ORIGIN, String.format(Locale.ROOT, "Sensitivity %.3f %% chosen automatically (heuristic): %,d of %,d in-sample rows "
                    + "(%.3f %%) score beyond Tukey's fence %s = %.6g, clipped to [%s, %s] %%.", s, beyond, n, rule,
                    logScale ? "on the log scale, Q3·(Q3/Q1)^" + fmt(k) : "Q3 + " + fmt(k) + "·IQR (the scores reach 0, so not on the log scale)", fence,
                    fmt(settings.minSensitivity()), fmt(settings.maxSensitivity())));
        } else {
            s = settings.sensitivity();
        }
        int k = (int) Math.round(s * n / 100);
        k = Math.min(k, n - 1);
        double translation = v[0];
        double threshold = v[n - 1 - k];
        int above = n - upperBound(v, threshold);
        if (above != k) {
            log.warning(ORIGIN, String.format(Locale.ROOT, "In-sample scores tie at the threshold %.6g: %,d rows are above it instead "
                    + "of the %,d the sensitivity asks for.", threshold, above, k));
        }
        double maxIndicator = map(v[n - 1], threshold, translation);
        log.info(ORIGIN, String.format(Locale.ROOT, "Anomaly indicator calibrated on %,d in-sample rows (window %d): sensitivity %.3f %% "
                + "flags %,d of them; raw score %.6g maps to 1 (threshold), %.6g to 0 (translation).", n, settings.windowLength(), s, above,
                threshold, translation));
        return new IndicatorCalibration(s, threshold, translation, settings.windowLength(), maxIndicator, SeverityRule.BEYOND_THRESHOLD);
    }

    /** The anomaly indicator of each row from its raw score: {@code NaN} where there is no smoothed score. */
    public double[] indicator(double[] scores) {
        double[] smoothed = smooth(scores, windowLength);
        double[] out = new double[scores.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = map(smoothed[i], threshold, translation);
        }
        return out;
    }

    private static double map(double s, double threshold, double translation) {
        if (Double.isNaN(s)) {
            return Double.NaN;
        }
        if (threshold == translation) {
            return s <= translation ? 0 : CAP;
        }
        return Math.min(CAP, Math.max(0, (s - translation) / (threshold - translation)));
    }

    /** Azure's severity: 0 on a normal row, else in (0, 1] by the {@link #severityRule}. */
    public double severity(double indicator) {
        if (!(indicator > 1)) {
            return 0;
        }
        return switch (severityRule) {
            case BEYOND_THRESHOLD -> 1 - 1 / indicator;
            case IN_SAMPLE_MAX -> Math.min(1, (indicator - 1) / Math.max(maxIndicator - 1, 1e-9));
        };
    }

    /** The first index of a sorted array whose value is above {@code x}. */
    private static int upperBound(double[] sorted, double x) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static double quantile(double[] sorted, double p) {
        double pos = p * (sorted.length - 1);
        int i = (int) Math.floor(pos);
        int j = Math.min(sorted.length - 1, i + 1);
        return sorted[i] + (pos - i) * (sorted[j] - sorted[i]);
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    /** TIM's {@code anomalyIndicator} object. */
    public Map<String, Object> state() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("detectedSensitivity", detectedSensitivity);
        m.put("threshold", threshold);
        m.put("translation", translation);
        m.put("windowLength", windowLength);
        m.put("maxIndicator", maxIndicator);
        if (severityRule == SeverityRule.BEYOND_THRESHOLD) { // absent: the rule of files written before it
            m.put("severity", "beyondThreshold");
        }
        return m;
    }

    /** Reads {@link #state()}. */
    public static IndicatorCalibration restore(StateReader s) {
        try {
            return new IndicatorCalibration(s.number("detectedSensitivity"), s.number("threshold"), s.number("translation"),
                    s.integer("windowLength"), s.number("maxIndicator"), severityRule(s));
        } catch (IllegalArgumentException e) {
            throw s.error("threshold", e.getMessage());
        }
    }

    private static SeverityRule severityRule(StateReader s) {
        if (!s.has("severity")) {
            return SeverityRule.IN_SAMPLE_MAX;
        }
        String rule = s.string("severity");
        if (!rule.equals("beyondThreshold")) {
            throw s.error("severity", "must be \"beyondThreshold\" (or absent, in files written before it), got \"" + rule + "\"");
        }
        return SeverityRule.BEYOND_THRESHOLD;
    }

    /**
     * Rows in an {@code anomalyIndicatorWindow} of TIM's form {@code {baseUnit, value}}: {@code Sample}
     * counts rows; {@code Second}, {@code Minute}, {@code Hour} and {@code Day} are divided by the
     * sampling period (rounded, at least 1).
     */
    public static int windowRows(String baseUnit, int value, long samplingPeriodMillis) {
        if (value < 1) {
            throw new VigilException(ErrorCode.INVALID_CONFIGURATION, "anomalyIndicatorWindow value must be at least 1, got " + value);
        }
        long unit = switch (baseUnit.toLowerCase(Locale.ROOT)) {
            case "sample" -> 0;
            case "second" -> 1_000L;
            case "minute" -> 60_000L;
            case "hour" -> 3_600_000L;
            case "day" -> 86_400_000L;
            default -> throw new VigilException(ErrorCode.INVALID_CONFIGURATION, "anomalyIndicatorWindow baseUnit must be one of Sample, "
                    + "Second, Minute, Hour, Day, got '" + baseUnit + "'");
        };
        if (unit == 0) {
            return value;
        }
        if (samplingPeriodMillis <= 0) {
            throw new VigilException(ErrorCode.INVALID_CONFIGURATION, "anomalyIndicatorWindow in " + baseUnit + "s needs a regular "
                    + "sampling period; give it in Samples");
        }
        return (int) Math.max(1, Math.round((double) unit * value / samplingPeriodMillis));
    }
}
