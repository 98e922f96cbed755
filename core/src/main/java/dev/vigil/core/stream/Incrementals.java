package dev.vigil.core.stream;

import static java.util.Objects.requireNonNull;

import dev.vigil.spi.DetectionPerspective;
import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.Feature;
import dev.vigil.spi.NormalBehaviorModel;
import dev.vigil.spi.PerspectiveWindow;
import dev.vigil.spi.VigilException;
import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.spi.stream.IncrementalFeature;
import dev.vigil.spi.stream.IncrementalNormalBehavior;
import dev.vigil.spi.stream.IncrementalPerspective;
import dev.vigil.spi.stream.StreamLayout;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The stream evaluator of any plugin: its own incremental form where it offers one, else the generic
 * fallback (its batch method on the last rows it needs at each row; exact for a plugin that keeps its
 * contract, at a cost per row that grows with its history). And the checks the contract suites run:
 * a feature or a perspective streamed over data row by row, to compare with its batch values.
 * Stateless and thread-safe; the evaluators it returns are not.
 */
public final class Incrementals {
    private Incrementals() {
    }

    /** The feature's {@link Feature#incremental} evaluator, or the generic fallback. */
    public static IncrementalFeature feature(Feature feature, StreamLayout layout) {
        IncrementalFeature own = feature.incremental(layout);
        return own != null ? own : new Fallbacks.OfFeature(feature, layout);
    }

    /** The perspective's {@link DetectionPerspective#incremental} evaluator, or the generic fallback. */
    public static IncrementalPerspective perspective(DetectionPerspective perspective, PerspectiveWindow window) {
        IncrementalPerspective own = perspective.incremental(window);
        return own != null ? own : new Fallbacks.OfPerspective(perspective, window);
    }

    /** The model's {@link NormalBehaviorModel#incremental} evaluator, or the generic fallback. */
    public static IncrementalNormalBehavior normalBehavior(NormalBehaviorModel model, StreamLayout layout) {
        IncrementalNormalBehavior own = model.incremental(layout);
        return own != null ? own : new Fallbacks.OfNormalBehavior(model, layout);
    }

    /**
     * The feature's values on a regular frame, computed as a stream computes them: one row at a time,
     * the rows of the frame taken in order from the first. With {@code resumeAt} in the frame, the
     * evaluator's {@link IncrementalFeature#state() state} is taken before that row and restored into a
     * new evaluator, which goes on: the values must not change.
     *
     * @param resumeAt the row before which to snapshot and resume, or −1 for none
     * @throws VigilException {@link ErrorCode#INVALID_CONFIGURATION} for a frame that is not regular
     */
    public static double[] stream(Feature feature, TimeFrame frame, int resumeAt) {
        requireRegular(frame);
        StreamLayout layout = new StreamLayout(frame.columnNames(), frame.zone(), frame.samplingPeriodMillis());
        IncrementalFeature evaluator = feature(feature, layout);
        RowHistory history = new RowHistory(frame.columnCount(), evaluator.lags() + 1, frame.zone());
        double[] row = new double[frame.columnCount()];
        double[] out = new double[frame.rows()];
        for (int t = 0; t < out.length; t++) {
            if (t == resumeAt) {
                double[] state = evaluator.state();
                evaluator = feature(feature, layout);
                evaluator.restore(state.clone());
            }
            for (int c = 0; c < row.length; c++) {
                row[c] = frame.value(c, t);
            }
            history.push(frame.time(t), row);
            out[t] = evaluator.next(history);
        }
        return out;
    }

    /**
     * The perspective's values of residuals, computed as a stream computes them (see {@link
     * #stream(Feature, TimeFrame, int)}).
     *
     * @param resumeAt the row before which to snapshot and resume, or −1 for none
     */
    public static double[] stream(DetectionPerspective perspective, PerspectiveWindow window, double[] residuals, int resumeAt) {
        requireNonNull(residuals, "residuals is null");
        IncrementalPerspective evaluator = perspective(perspective, window);
        RowHistory history = new RowHistory(1, evaluator.lags() + 1, ZoneOffset.UTC);
        double[] out = new double[residuals.length];
        for (int t = 0; t < out.length; t++) {
            if (t == resumeAt) {
                double[] state = evaluator.state();
                evaluator = perspective(perspective, window);
                evaluator.restore(state.clone());
            }
            history.push(t, residuals[t]);
            out[t] = evaluator.next(history);
        }
        return out;
    }

    /**
     * The model's normal behaviour on a regular frame, computed as a stream computes it (see {@link
     * #stream(Feature, TimeFrame, int)}): {@code out} and {@code modelIndex} receive one value per row.
     *
     * @param resumeAt the row before which to snapshot and resume, or −1 for none
     */
    public static void stream(NormalBehaviorModel model, TimeFrame frame, int resumeAt, double[] out, int[] modelIndex) {
        requireRegular(frame);
        StreamLayout layout = new StreamLayout(frame.columnNames(), frame.zone(), frame.samplingPeriodMillis());
        IncrementalNormalBehavior evaluator = normalBehavior(model, layout);
        RowHistory history = new RowHistory(frame.columnCount(), evaluator.lags() + 1, frame.zone());
        double[] row = new double[frame.columnCount()];
        for (int t = 0; t < frame.rows(); t++) {
            if (t == resumeAt) {
                double[] state = evaluator.state();
                evaluator = normalBehavior(model, layout);
                evaluator.restore(state.clone());
            }
            for (int c = 0; c < row.length; c++) {
                row[c] = frame.value(c, t);
            }
            history.push(frame.time(t), row);
            out[t] = evaluator.next(history);
            modelIndex[t] = evaluator.modelIndex();
        }
    }

    /** Whether the plugin brings its own incremental form (else a stream uses the generic fallback). */
    public static boolean hasOwn(Feature feature, List<String> columns) {
        return feature.incremental(new StreamLayout(columns, ZoneOffset.UTC, 1)) != null;
    }

    private static void requireRegular(TimeFrame frame) {
        if (frame.rows() > 1 && !frame.isRegular()) {
            throw new VigilException(ErrorCode.INVALID_CONFIGURATION, frame.source() + " is not regular: a stream's rows lie on the grid "
                    + "of the sampling period; prepare the frame first");
        }
    }
}
