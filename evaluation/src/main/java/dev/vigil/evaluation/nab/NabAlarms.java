package dev.vigil.evaluation.nab;

import dev.vigil.core.detection.AnomalyScores;
import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.VigilException;
import java.util.Arrays;
import java.util.OptionalDouble;

/**
 * How a NAB file's anomaly indicators become its anomaly scores: one alarm per anomaly, early.
 *
 * <ol>
 *   <li><b>Perspectives.</b> A row's indicator is the largest of its perspectives' indicators, those
 *       of every perspective after the first raised to {@link #secondaryExponent} (1: as they are).
 *       The first perspective of the configuration leads; the others, whose windows keep an indicator
 *       up for as long as a shift lasts, add what it misses without outvoting it.</li>
 *   <li><b>New extremes.</b> A row whose value lies beyond the range of all earlier rows of the file
 *       by more than {@link #rangeTolerance} of that range ({@link #beyondRange}) gets at least the
 *       indicator {@value #BEYOND_RANGE_INDICATOR}: a value never seen before is an anomaly whatever a
 *       model expected (Numenta's HTM detector for NAB marks such rows "spatial anomalies").</li>
 *   <li><b>Onsets.</b> {@link AnomalyScores#onsets(double[], int, double)}: a row keeps its score
 *       only where its indicator exceeds {@link #escalation} times every indicator of the hold-off
 *       rows before it, else it is capped at 0.5 — one alarm when an anomaly starts, another only
 *       when it grows by that factor.</li>
 * </ol>
 *
 * <p>Causal: a row's score depends on it and earlier rows only. Immutable and thread-safe.
 *
 * @param escalation factor, at least 1, by which a row's indicator must exceed those of the hold-off
 *     rows before it to keep its score
 * @param rangeTolerance share of the range of earlier values a value must lie beyond to count as a
 *     new extreme; empty: no new-extreme rule
 * @param secondaryExponent power, in (0, 1], applied to the indicators of every perspective but the first
 */
public record NabAlarms(double escalation, OptionalDouble rangeTolerance, double secondaryExponent) {
    /** The indicator of a row beyond the range of earlier values: score 10/11 ≈ 0.91. */
    public static final double BEYOND_RANGE_INDICATOR = 10;
    /** Vigil's NAB scoring: escalation 1.1, new extremes beyond 2 % of the range, secondary perspectives' indicators square-rooted. */
    public static final NabAlarms DEFAULT = new NabAlarms(1.1, OptionalDouble.of(0.02), 0.5);
    /** The scoring before issue 15: the largest indicator's onsets, nothing else. */
    public static final NabAlarms PLAIN_ONSETS = new NabAlarms(1, OptionalDouble.empty(), 1);

    public NabAlarms {
        if (!(escalation >= 1) || Double.isInfinite(escalation)) {
            throw new VigilException(ErrorCode.INVALID_CONFIGURATION, "escalation must be a finite factor of at least 1, got " + escalation);
        }
        if (rangeTolerance.isPresent() && !(rangeTolerance.getAsDouble() >= 0 && Double.isFinite(rangeTolerance.getAsDouble()))) {
            throw new VigilException(ErrorCode.INVALID_CONFIGURATION, "range tolerance must be a finite share of at least 0, got "
                    + rangeTolerance.getAsDouble());
        }
        if (!(secondaryExponent > 0 && secondaryExponent <= 1)) {
            throw new VigilException(ErrorCode.INVALID_CONFIGURATION, "secondary exponent must lie in (0, 1], got " + secondaryExponent);
        }
    }

    /**
     * The anomaly scores of a file's rows.
     *
     * @param byPerspective each perspective's indicator of each row, in file order, the leading
     *     perspective first; {@code NaN} where none was calculated
     * @param values the file's KPI values in file order ({@code NaN}: missing)
     * @param firstScored rows before it (the probation period) are never new extremes, but their values
     *     make the range
     * @param holdOff rows a row's indicator must outdo to keep its score
     * @return one score in [0, 1] per row
     */
    public double[] scores(double[][] byPerspective, double[] values, int firstScored, int holdOff) {
        int n = values.length;
        double[] indicators = new double[n];
        Arrays.fill(indicators, Double.NaN);
        for (int p = 0; p < byPerspective.length; p++) {
            double[] each = byPerspective[p];
            if (each.length != n) {
                throw new IllegalArgumentException("perspective " + p + " has " + each.length + " indicators for " + n + " rows");
            }
            for (int i = 0; i < n; i++) {
                double v = p == 0 || Double.isNaN(each[i]) ? each[i] : Math.pow(Math.max(0, each[i]), secondaryExponent);
                if (!Double.isNaN(v) && !(v <= indicators[i])) {
                    indicators[i] = v;
                }
            }
        }
        if (rangeTolerance.isPresent()) {
            boolean[] beyond = beyondRange(values, firstScored, rangeTolerance.getAsDouble());
            for (int i = 0; i < n; i++) {
                if (beyond[i] && !(indicators[i] >= BEYOND_RANGE_INDICATOR)) {
                    indicators[i] = BEYOND_RANGE_INDICATOR;
                }
            }
        }
        return AnomalyScores.onsets(indicators, holdOff, escalation);
    }

    /**
     * Which rows hold a new extreme: a value above the largest, or below the smallest, of all earlier
     * values by more than {@code tolerance} times their range (largest − smallest). Rows before
     * {@code from}, rows before two distinct values have been seen and missing values ({@code NaN})
     * never do; every value but a missing one widens the range for the rows after it.
     */
    static boolean[] beyondRange(double[] values, int from, double tolerance) {
        boolean[] out = new boolean[values.length];
        double low = Double.POSITIVE_INFINITY;
        double high = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < values.length; i++) {
            double x = values[i];
            if (Double.isNaN(x)) {
                continue;
            }
            if (i >= from && high > low) {
                double margin = tolerance * (high - low);
                out[i] = x > high + margin || x < low - margin;
            }
            low = Math.min(low, x);
            high = Math.max(high, x);
        }
        return out;
    }
}
