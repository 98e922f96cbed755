package dev.vigil.core.detection;

import dev.vigil.spi.NormalBehaviorModel;
import dev.vigil.spi.NormalBehaviorModelFactory;
import dev.vigil.spi.NormalBehaviorProblem;
import dev.vigil.spi.frame.RowSet;
import dev.vigil.spi.log.JobLog;
import dev.vigil.spi.settings.AutoBoolean;
import dev.vigil.spi.settings.NormalBehaviorSettings;
import java.util.Arrays;
import java.util.Locale;

/**
 * How much wider the normal behaviour's residuals are on rows it was not fitted to than on the rows it
 * was (docs/models.md#the-out-of-sample-scale). In-sample residuals are optimistic: the terms are chosen
 * and their coefficients fitted on the same rows, most of all with one model per time of day fitted on a
 * few dozen rows each; an anomalous-behaviour model fitted on them flags too many later rows. The check
 * is time-ordered: a model fitted afresh (terms chosen again) on the first {@link #TRAINING_SHARE} of the
 * fit rows, its residuals on the rest against the final model's there, as the median absolute residual;
 * never below 1.
 *
 * @param scale the factor the in-sample residuals are widened by before the anomalous behaviour is fitted (≥ 1)
 * @param rows the later fit rows the factor was measured on (0: not measured, factor 1)
 * @param ratio the measured ratio before it was bounded below by 1 (NaN when not measured)
 */
record OutOfSampleScale(double scale, int rows, double ratio) {
    /** The share of the fit rows, in time order, the checking model is fitted on. */
    static final double TRAINING_SHARE = 0.75;
    /** Fewest later rows with residuals from both models for a ratio. */
    static final int MIN_ROWS = 30;

    /** No widening. */
    static final OutOfSampleScale NONE = new OutOfSampleScale(1, 0, Double.NaN);

    /**
     * Measures the scale of a normal-behaviour model.
     *
     * @param factory the factory that fitted {@code normal}
     * @param normal the final normal-behaviour model
     * @param problem the problem it was fitted on (its fit rows are the rows measured)
     * @param residual kpi − {@code normal}'s prediction, every row of the problem's frame
     */
    static OutOfSampleScale of(NormalBehaviorModelFactory factory, NormalBehaviorModel normal, NormalBehaviorProblem problem,
            double[] residual) {
        int[] fit = problem.fitRows().toArray();
        if (fit.length < 4 * MIN_ROWS) {
            return NONE;
        }
        int split = fit[(int) (fit.length * TRAINING_SHARE)];
        boolean[] first = new boolean[problem.frame().rows()];
        for (int r : fit) {
            first[r] = r < split;
        }
        NormalBehaviorSettings settings = problem.settings();
        if (settings.dailyCycle() == AutoBoolean.AUTO) { // check the model that was built, not another decision on fewer days
            settings = settings.withDailyCycle(AutoBoolean.of(normal.summary().models().stream().anyMatch(m -> m.dayTime() != null)));
        }
        NormalBehaviorProblem earlier = new NormalBehaviorProblem(problem.frame(), problem.kpi(), problem.influencers(),
                problem.holidayColumn(), RowSet.of(first), settings, problem.generators(), new JobLog());
        NormalBehaviorModel checking = factory.fit(earlier);
        double[] later = Pipeline.score(checking, problem.frame(), problem.kpi()).residual();
        double[] a = new double[fit.length];
        double[] b = new double[fit.length];
        int n = 0;
        for (int r : fit) {
            if (r >= split && Double.isFinite(residual[r]) && Double.isFinite(later[r])) {
                a[n] = Math.abs(residual[r]);
                b[n++] = Math.abs(later[r]);
            }
        }
        if (n < MIN_ROWS) {
            return NONE;
        }
        double inSample = median(Arrays.copyOf(a, n));
        double outOfSample = median(Arrays.copyOf(b, n));
        if (!(inSample > 0)) {
            return NONE;
        }
        double ratio = outOfSample / inSample;
        return new OutOfSampleScale(Math.max(1, ratio), n, ratio);
    }

    private static double median(double[] v) {
        Arrays.sort(v);
        int m = v.length / 2;
        return v.length % 2 == 1 ? v[m] : (v[m - 1] + v[m]) / 2;
    }

    /** The log line: the evidence for the factor. */
    String describe() {
        if (rows == 0) {
            return "Out-of-sample scale: not measured (too few in-sample rows); the in-sample residuals are used as they are.";
        }
        return String.format(Locale.ROOT, "Out-of-sample scale: a normal behaviour fitted on the first %.0f %% of the fit rows leaves "
                + "residuals %.3f times as wide (median absolute) on the %,d later ones as the final model does; %s", 100 * TRAINING_SHARE,
                ratio, rows, scale > 1 ? String.format(Locale.ROOT, "the anomalous behaviour is fitted on the in-sample residuals widened by %.3f.",
                        scale) : "no wider, so the in-sample residuals are used as they are.");
    }

    /** The residuals times the scale (the same array when the scale is 1). */
    double[] widen(double[] residual) {
        if (scale == 1) {
            return residual;
        }
        double[] out = new double[residual.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = residual[i] * scale;
        }
        return out;
    }
}
