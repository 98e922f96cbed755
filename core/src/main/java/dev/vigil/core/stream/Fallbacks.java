package dev.vigil.core.stream;

import dev.vigil.spi.DetectionPerspective;
import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.Feature;
import dev.vigil.spi.NormalBehaviorDecomposition;
import dev.vigil.spi.NormalBehaviorModel;
import dev.vigil.spi.PerspectiveWindow;
import dev.vigil.spi.VigilException;
import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.spi.stream.IncrementalFeature;
import dev.vigil.spi.stream.IncrementalNormalBehavior;
import dev.vigil.spi.stream.IncrementalPerspective;
import dev.vigil.spi.stream.StreamHistory;
import dev.vigil.spi.stream.StreamLayout;
import java.time.Duration;
import java.util.List;

/**
 * The generic stream evaluators of plugins that offer no incremental form: at each row, the plugin's
 * batch method on the last rows it needs, and the value of the last row. Exact for a plugin that keeps
 * its contract (a value depends on the rows of its history or window alone, computed the same way
 * whatever came before); a batch method that carries a running sum over all rows can differ in the
 * last bits. The cost of a row grows with the history or window, and features and models allocate a
 * small frame per row.
 */
final class Fallbacks {
    private Fallbacks() {
    }

    /** A frame of the last {@code min(rows, need)} rows of the history, the given columns. */
    static TimeFrame window(Rows rows, int need, int[] columns, List<String> names, StreamLayout layout) {
        int n = (int) Math.min(Math.min(rows.rows(), rows.held()), need);
        long[] times = new long[n];
        for (int i = 0; i < n; i++) {
            times[i] = rows.time(n - 1 - i);
        }
        TimeFrame.Builder b = TimeFrame.builder(times).zone(layout.zone()).samplingPeriod(Duration.ofMillis(layout.samplingPeriodMillis()))
                .source("stream");
        for (int c = 0; c < columns.length; c++) {
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                v[i] = rows.value(columns[c], n - 1 - i);
            }
            b.column(names.get(c), v);
        }
        return b.build();
    }

    static Rows rows(StreamHistory h) {
        if (h instanceof Rows r) {
            return r;
        }
        throw new VigilException(ErrorCode.INTERNAL, "a generic stream evaluator needs the stream's own history, got " + h.getClass().getName());
    }

    static int[] positions(List<String> names, StreamLayout layout) {
        int[] out = new int[names.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = layout.column(names.get(i));
        }
        return out;
    }

    static VigilException failure(String what, RuntimeException e) {
        if (e instanceof VigilException v) {
            return v;
        }
        return new VigilException(ErrorCode.PLUGIN_FAILURE, what + " failed in a stream: " + e, e);
    }

    /** A feature evaluated on the last {@code history + 1} rows. */
    static final class OfFeature implements IncrementalFeature {
        private final Feature feature;
        private final StreamLayout layout;
        private final int[] columns;

        OfFeature(Feature feature, StreamLayout layout) {
            this.feature = feature;
            this.layout = layout;
            this.columns = positions(feature.influencers(), layout);
        }

        @Override
        public int lags() {
            return feature.history();
        }

        @Override
        public double next(StreamHistory history) {
            TimeFrame frame = window(rows(history), feature.history() + 1, columns, feature.influencers(), layout);
            double[] out = new double[frame.rows()];
            try {
                feature.evaluate(frame, out);
            } catch (RuntimeException e) {
                throw failure("Feature " + feature.label(), e);
            }
            return out[out.length - 1];
        }
    }

    /** A perspective's transform of the last {@code window.length()} residuals. */
    static final class OfPerspective implements IncrementalPerspective {
        private final DetectionPerspective perspective;
        private final PerspectiveWindow window;
        private final double[] residuals;
        private final double[] out;

        OfPerspective(DetectionPerspective perspective, PerspectiveWindow window) {
            this.perspective = perspective;
            this.window = window;
            this.residuals = new double[window.length()];
            this.out = new double[window.length()];
        }

        @Override
        public int lags() {
            return window.length() - 1;
        }

        @Override
        public double next(StreamHistory history) {
            int w = residuals.length;
            for (int i = 0; i < w; i++) {
                residuals[i] = history.value(0, w - 1 - i);
            }
            try {
                perspective.transform(residuals, window, out);
            } catch (RuntimeException e) {
                throw failure("Perspective " + perspective.name(), e);
            }
            return out[w - 1];
        }
    }

    /** A normal-behaviour model's prediction on the last {@code history + 1} rows. */
    static final class OfNormalBehavior implements IncrementalNormalBehavior {
        private final NormalBehaviorModel model;
        private final StreamLayout layout;
        private final int[] columns;
        private TimeFrame last;
        private int modelIndex;

        OfNormalBehavior(NormalBehaviorModel model, StreamLayout layout) {
            this.model = model;
            this.layout = layout;
            this.columns = positions(model.inputs(), layout);
        }

        @Override
        public int lags() {
            return model.history();
        }

        @Override
        public double next(StreamHistory history) {
            last = window(rows(history), model.history() + 1, columns, model.inputs(), layout);
            double[] out = new double[last.rows()];
            int[] idx = new int[last.rows()];
            try {
                model.predict(last, out, idx);
            } catch (RuntimeException e) {
                throw failure("The normal behaviour model " + model.factory(), e);
            }
            modelIndex = idx[idx.length - 1];
            return out[out.length - 1];
        }

        @Override
        public int modelIndex() {
            return modelIndex;
        }

        @Override
        public NormalBehaviorDecomposition decomposition() {
            if (last == null) {
                return null;
            }
            NormalBehaviorDecomposition all;
            try {
                all = model.decompose(last);
            } catch (VigilException e) {
                if (e.code() == ErrorCode.PLUGIN_FAILURE) {
                    return null; // not additive: no causes
                }
                throw e;
            }
            int r = all.rows() - 1;
            double[][] contributions = new double[all.contributors().size()][];
            for (int c = 0; c < contributions.length; c++) {
                contributions[c] = new double[] {all.contributions()[c][r]};
            }
            return new NormalBehaviorDecomposition(all.contributors(), new int[] {all.modelIndex()[r]}, new double[] {all.normalBehavior()[r]},
                    contributions, all.typicalByModel(), all.typicalNormalBehaviorByModel());
        }
    }
}
