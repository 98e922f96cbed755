package dev.vigil.perspectives;

import dev.vigil.spi.stream.IncrementalPerspective;
import dev.vigil.spi.stream.StreamHistory;

/**
 * The built-in perspectives one residual at a time (docs/streaming.md): each evaluator computes for
 * the newest residual what the perspective's {@code transform} computes for that row, with the same
 * operations in the same order, so the values are the same to the bit. Sums over a window run over
 * the stream's history in time order; medians come from a {@link SortedWindow} slid by one value per
 * row instead of a sort per row. The state a snapshot keeps is the run of finite residuals (and
 * Imbalance's running sum); sorted windows are rebuilt from the history after a restore.
 */
final class Streamed {
    private Streamed() {
    }

    /** Counts the finite residuals ending at the newest one, as {@code Windows.complete} does. */
    private abstract static class Run implements IncrementalPerspective {
        long run;

        /** Takes in the newest residual; whether the last {@code length} residuals are all finite. */
        final boolean complete(double r, int length) {
            run = Double.isFinite(r) ? run + 1 : 0;
            return run >= length;
        }

        @Override
        public double[] state() {
            return new double[] {run};
        }

        @Override
        public void restore(double[] state) {
            if (state.length != 1) {
                throw new IllegalArgumentException("the state of a windowed perspective has 1 value, got " + state.length);
            }
            run = (long) state[0];
            forget();
        }

        /** Drops what can be rebuilt from the history. */
        void forget() {
        }
    }

    /** {@link Residual}: the residual itself. */
    static final class Identity implements IncrementalPerspective {
        @Override
        public int lags() {
            return 0;
        }

        @Override
        public double next(StreamHistory h) {
            return h.value(0, 0);
        }
    }

    /** {@link Imbalance}: the running mean of {@code Imbalance.transform}, re-added every 4096 rows as there. */
    static final class Level implements IncrementalPerspective {
        private final int w;
        private double sum;
        private long run;

        Level(int w) {
            this.w = w;
        }

        @Override
        public int lags() {
            return w;
        }

        @Override
        public double next(StreamHistory h) {
            double v = h.value(0, 0);
            if (!Double.isFinite(v)) {
                sum = 0;
                run = 0;
                return Double.NaN;
            }
            run++;
            if (run > w && run % 4096 == 0) {
                sum = 0;
                for (int lag = w - 1; lag >= 0; lag--) {
                    sum += h.value(0, lag);
                }
            } else {
                sum += v;
                if (run > w) {
                    sum -= h.value(0, w);
                }
            }
            return run >= w ? sum / w : Double.NaN;
        }

        @Override
        public double[] state() {
            return new double[] {sum, run};
        }

        @Override
        public void restore(double[] state) {
            if (state.length != 2) {
                throw new IllegalArgumentException("the state of Imbalance has 2 values, got " + state.length);
            }
            sum = state[0];
            run = (long) state[1];
        }
    }

    /** {@link Fluctuation}: the population standard deviation of the window, two passes as {@code Windows.sd}. */
    static final class Spread extends Run {
        private final int w;

        Spread(int w) {
            this.w = w;
        }

        @Override
        public int lags() {
            return w - 1;
        }

        @Override
        public double next(StreamHistory h) {
            return complete(h.value(0, 0), w) ? sd(h, w - 1, 0) : Double.NaN;
        }
    }

    /** {@link ResidualChange}: the newest residual against the median and absolute deviation of the w − 1 before. */
    static final class Outlier extends Run {
        private final int w;
        private final SortedWindow before;

        Outlier(int w) {
            this.w = w;
            this.before = new SortedWindow(w - 1);
        }

        @Override
        public int lags() {
            return w;
        }

        @Override
        public double next(StreamHistory h) {
            double r = h.value(0, 0);
            if (!complete(r, w)) {
                before.clear();
                return Double.NaN;
            }
            if (before.filled()) {
                before.slide(h.value(0, w), h.value(0, 1));
            } else {
                before.fill(h, 1);
            }
            double m = before.median();
            return (r - m) / (1 + absDeviation(h, w - 1, 1, m));
        }

        @Override
        void forget() {
            before.clear();
        }
    }

    /** {@link ImbalanceChange} and {@link FluctuationChange}: the recent part A against the older part B. */
    static final class Shift extends Run {
        private final int w;
        private final int s;
        private final boolean spread;
        private final SortedWindow older;

        Shift(int w, int s, boolean spread) {
            this.w = w;
            this.s = s;
            this.spread = spread;
            this.older = new SortedWindow(w - s);
        }

        @Override
        public int lags() {
            return w;
        }

        @Override
        public double next(StreamHistory h) {
            if (!complete(h.value(0, 0), w)) {
                older.clear();
                return Double.NaN;
            }
            if (older.filled()) {
                older.slide(h.value(0, w), h.value(0, s));
            } else {
                older.fill(h, s);
            }
            double m = older.median();
            double scale = 1 + absDeviation(h, w - 1, s, m) / (w - s);
            double a = spread ? sd(h, s - 1, 0) : mean(h, s - 1, 0);
            double b = spread ? sd(h, w - 1, s) : mean(h, w - 1, s);
            return (a - b) / scale;
        }

        @Override
        void forget() {
            older.clear();
        }
    }

    /** {@code Windows.mean} of the residuals from lag {@code oldest} down to lag {@code newest}, oldest first. */
    static double mean(StreamHistory h, int oldest, int newest) {
        double sum = 0;
        for (int lag = oldest; lag >= newest; lag--) {
            sum += h.value(0, lag);
        }
        return sum / (oldest - newest + 1);
    }

    /** {@code Windows.sd} of the residuals from lag {@code oldest} down to lag {@code newest}: two passes, oldest first. */
    static double sd(StreamHistory h, int oldest, int newest) {
        double m = mean(h, oldest, newest);
        double s = 0;
        for (int lag = oldest; lag >= newest; lag--) {
            double d = h.value(0, lag);
            s += (d - m) * (d - m);
        }
        return Math.sqrt(s / (oldest - newest + 1));
    }

    /** {@code Windows.absDeviation}: Σ |r − m| from lag {@code oldest} down to lag {@code newest}, oldest first. */
    static double absDeviation(StreamHistory h, int oldest, int newest, double m) {
        double s = 0;
        for (int lag = oldest; lag >= newest; lag--) {
            s += Math.abs(h.value(0, lag) - m);
        }
        return s;
    }
}
