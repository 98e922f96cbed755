package dev.vigil.features;

import dev.vigil.spi.stream.IncrementalFeature;
import dev.vigil.spi.stream.StreamHistory;
import dev.vigil.spi.stream.StreamLayout;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Function;
import java.util.function.LongToDoubleFunction;

/**
 * The built-in features one row at a time (docs/streaming.md): each evaluator computes what its
 * batch computation in {@link Series} or in its generator computes for the newest row, with the same
 * operations in the same order, so the values are the same to the bit. Running sums carry the batch
 * loop's state (sum, run length since the last missing value) in primitive fields.
 */
final class Streamed {
    private Streamed() {
    }

    /** A function of the newest row's local time (calendar features). */
    static Function<StreamLayout, IncrementalFeature> ofLocalTime(LongToDoubleFunction f) {
        return layout -> new Stateless(0) {
            @Override
            public double next(StreamHistory rows) {
                return f.applyAsDouble(rows.localMillis());
            }
        };
    }

    /** {@code Month <= month} of the newest row's local time, the month looked up once per day. */
    static Function<StreamLayout, IncrementalFeature> month(int month) {
        return layout -> new Stateless(0) {
            private long cachedDay = Long.MIN_VALUE;
            private int cachedMonth;

            @Override
            public double next(StreamHistory rows) {
                long local = rows.localMillis();
                long day = Math.floorDiv(local, 86_400_000L);
                if (day != cachedDay) {
                    cachedDay = day;
                    cachedMonth = Calendar.month(local);
                }
                return cachedMonth <= month ? 1 : 0;
            }
        };
    }

    /** A function of the newest row's timestamp, epoch milliseconds. */
    static Function<StreamLayout, IncrementalFeature> ofTime(LongToDoubleFunction f) {
        return layout -> new Stateless(0) {
            @Override
            public double next(StreamHistory rows) {
                return f.applyAsDouble(rows.time());
            }
        };
    }

    /** A function of one column's value {@code lag} rows back ({@code NaN} before the first row). */
    static Function<StreamLayout, IncrementalFeature> ofValue(String column, int lag, DoubleUnaryOperator f) {
        return layout -> {
            int c = layout.column(column);
            return new Stateless(lag) {
                @Override
                public double next(StreamHistory rows) {
                    return f.applyAsDouble(rows.value(c, lag));
                }
            };
        };
    }

    /** {@link Series#sma} ending {@code −offset} rows back. */
    static Function<StreamLayout, IncrementalFeature> sma(String column, int window, int offset) {
        return layout -> new Sma(layout.column(column), window, -offset);
    }

    /** {@link Series#ema} ending {@code −offset} rows back. */
    static Function<StreamLayout, IncrementalFeature> ema(String column, int window, int offset) {
        return layout -> new Ema(layout.column(column), window, -offset);
    }

    private abstract static class Stateless implements IncrementalFeature {
        private final int lags;

        Stateless(int lags) {
            this.lags = lags;
        }

        @Override
        public final int lags() {
            return lags;
        }
    }

    /**
     * The batch loop of {@link Series#sma} run on the value {@code delay} rows back: the shifted output
     * of batch is the loop's output that many rows earlier, and rows before the first read as missing,
     * which resets the loop as batch's start does.
     */
    private static final class Sma implements IncrementalFeature {
        private final int column;
        private final int window;
        private final int delay;
        private double sum;
        private long run;

        Sma(int column, int window, int delay) {
            this.column = column;
            this.window = window;
            this.delay = delay;
        }

        @Override
        public int lags() {
            return delay + window;
        }

        @Override
        public double next(StreamHistory rows) {
            double v = rows.value(column, delay);
            if (Double.isNaN(v)) {
                sum = 0;
                run = 0;
                return Double.NaN;
            }
            run++;
            if (run > window && run % 4096 == 0) {
                sum = 0;
                for (int j = window - 1; j >= 0; j--) {
                    sum += rows.value(column, delay + j);
                }
            } else {
                sum += v;
                if (run > window) {
                    sum -= rows.value(column, delay + window);
                }
            }
            return run >= window ? sum / window : Double.NaN;
        }

        @Override
        public double[] state() {
            return new double[] {sum, run};
        }

        @Override
        public void restore(double[] state) {
            requireLength(state, 2);
            sum = state[0];
            run = (long) state[1];
        }
    }

    /** The batch loop of {@link Series#ema} run on the value {@code delay} rows back (see {@link Sma}). */
    private static final class Ema implements IncrementalFeature {
        private final int column;
        private final int length;
        private final int delay;
        private final double beta;
        private final double betaL;
        private final double scale;
        private double s;
        private long run;

        Ema(int column, int window, int delay) {
            this.column = column;
            this.delay = delay;
            this.length = Series.emaLength(window);
            double alpha = 2.0 / (window + 1);
            this.beta = 1 - alpha;
            this.betaL = Math.pow(beta, length);
            this.scale = alpha / (1 - betaL);
        }

        @Override
        public int lags() {
            return delay + length;
        }

        @Override
        public double next(StreamHistory rows) {
            double v = rows.value(column, delay);
            if (Double.isNaN(v)) {
                s = 0;
                run = 0;
                return Double.NaN;
            }
            s = beta * s + v;
            run++;
            if (run > length) {
                s -= betaL * rows.value(column, delay + length);
            }
            return run >= length ? s * scale : Double.NaN;
        }

        @Override
        public double[] state() {
            return new double[] {s, run};
        }

        @Override
        public void restore(double[] state) {
            requireLength(state, 2);
            s = state[0];
            run = (long) state[1];
        }
    }

    private static void requireLength(double[] state, int n) {
        if (state.length != n) {
            throw new IllegalArgumentException("the state of a moving average has " + n + " values, got " + state.length);
        }
    }
}
