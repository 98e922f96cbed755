package dev.vigil.rca;

import static java.util.Objects.requireNonNull;

import dev.vigil.core.detection.DetectionModel;
import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.NormalBehaviorDecomposition;
import dev.vigil.spi.NormalBehaviorTerms;
import dev.vigil.spi.VigilException;
import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.spi.settings.RowSelection;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

/**
 * Root-cause analysis of a model's normal behaviour on data (docs/models.md#root-cause-analysis):
 *
 * <ul>
 *   <li>{@link #decompose}: every row's normal behaviour as the sum of its influencers' contributions
 *       (a term using several shares its value equally among them), the constant term's and each
 *       calendar kind's; and how far each departs from its in-sample mean — the causes of a row;
 *   <li>{@link #terms}: TIM's term view of one model, nominal terms and nested models;
 *   <li>{@link #importances}: TIM's {@code properties} and {@code features} tables.
 * </ul>
 *
 * The data are prepared exactly as detection prepares them. Immutable and thread-safe.
 */
public final class RootCauseAnalysis {
    private final DetectionModel model;

    private RootCauseAnalysis(DetectionModel model) {
        this.model = requireNonNull(model, "model is null");
    }

    /** The analysis of a model. */
    public static RootCauseAnalysis of(DetectionModel model) {
        return new RootCauseAnalysis(model);
    }

    /** The decomposition of the selected rows ({@code null}: the rows detection would pick by default). */
    public Decomposition decompose(TimeFrame raw, RowSelection rows) {
        DetectionModel.PreparedData prepared = model.prepare(raw, rows);
        TimeFrame frame = prepared.frame();
        NormalBehaviorDecomposition parts = model.normalBehavior().decompose(frame);
        double[] y = frame.values(model.kpi());
        int[] picked = Arrays.stream(prepared.rows().toArray()).filter(r -> Double.isFinite(y[r])).toArray();
        return new Decomposition(frame, picked, model.kpi(), parts);
    }

    /**
     * TIM's term view of one model: the rows it serves within the selection, or, with {@code at}, the
     * {@code radius} rows it serves before and after that timestamp (all when {@code radius} is null).
     *
     * @param at the centre, or {@code null} for no centre
     */
    public TermView terms(TimeFrame raw, RowSelection rows, int modelIndex, Instant at, Integer radius) {
        DetectionModel.PreparedData prepared = model.prepare(raw, rows);
        TimeFrame frame = prepared.frame();
        NormalBehaviorTerms view = model.normalBehavior().terms(frame, modelIndex);
        int[] served = Arrays.stream(view.rows()).filter(prepared.rows()::contains).toArray();
        int[] positions = new int[served.length];
        int j = 0;
        for (int i = 0; i < view.rows().length && j < served.length; i++) {
            if (view.rows()[i] == served[j]) {
                positions[j++] = i;
            }
        }
        if (at != null) {
            int centre = -1;
            long t = at.toEpochMilli();
            for (int i = 0; i < served.length; i++) {
                if (frame.time(served[i]) <= t) {
                    centre = i;
                }
            }
            if (centre < 0) {
                throw new VigilException(ErrorCode.INVALID_CONFIGURATION, "No row of model " + modelIndex + " is at or before " + at);
            }
            int r = radius == null ? served.length : radius;
            int from = Math.max(0, centre - r);
            int to = Math.min(served.length, centre + r + 1);
            served = Arrays.copyOfRange(served, from, to);
            positions = Arrays.copyOfRange(positions, from, to);
        }
        long[] time = new long[served.length];
        for (int i = 0; i < served.length; i++) {
            time[i] = frame.time(served[i]);
        }
        TimeFrame.Builder b = TimeFrame.builder(time).zone(frame.zone()).source("term view");
        if (frame.samplingPeriodMillis() > 0) {
            b.samplingPeriod(Duration.ofMillis(frame.samplingPeriodMillis()));
        }
        for (int k = 0; k < view.terms().length; k++) {
            b.column("term_" + (k + 1), pick(view.terms()[k], positions));
        }
        for (int k = 0; k < view.nested().length; k++) {
            b.column("yhat_" + (k + 1), pick(view.nested()[k], positions));
        }
        return new TermView(modelIndex, view.labels(), b.build());
    }

    /** TIM's properties and features tables of the model. */
    public Importances importances() {
        return Importances.of(model.normalBehavior().summary());
    }

    private static double[] pick(double[] values, int[] positions) {
        double[] out = new double[positions.length];
        for (int i = 0; i < positions.length; i++) {
            out[i] = values[positions[i]];
        }
        return out;
    }
}
