package dev.vigil.report;

import java.util.Arrays;

/**
 * Thins a series for drawing without losing its spikes: the rows are cut into buckets of consecutive rows
 * (one per horizontal pixel or so), and each bucket keeps its smallest and its largest value, in the order
 * they occur. A bucket whose values are all missing keeps one missing point, so a line breaks there as it
 * would at full resolution. Works on primitive arrays in one pass; thread-safe (no state).
 */
final class Downsampling {
    private Downsampling() {
    }

    /**
     * Points of a series, in time order.
     *
     * @param time epoch milliseconds
     * @param value the values, {@code NaN} where missing
     */
    record Points(long[] time, double[] value) {
        int size() {
            return time.length;
        }
    }

    /** The rows {@code [from, to)} of a series, at most {@code 2 * buckets} points (all of them when that is no fewer). */
    static Points minMax(long[] time, double[] value, int from, int to, int buckets) {
        if (buckets < 1) {
            throw new IllegalArgumentException("buckets must be at least 1, not " + buckets);
        }
        int n = to - from;
        if (n <= 2 * buckets) {
            return new Points(Arrays.copyOfRange(time, from, to), Arrays.copyOfRange(value, from, to));
        }
        long[] t = new long[2 * buckets];
        double[] v = new double[2 * buckets];
        int k = 0;
        for (int b = 0; b < buckets; b++) {
            int start = from + (int) ((long) b * n / buckets);
            int end = from + (int) ((long) (b + 1) * n / buckets);
            int lo = -1;
            int hi = -1;
            for (int r = start; r < end; r++) {
                double x = value[r];
                if (Double.isNaN(x)) {
                    continue;
                }
                if (lo < 0 || x < value[lo]) {
                    lo = r;
                }
                if (hi < 0 || x > value[hi]) {
                    hi = r;
                }
            }
            if (lo < 0) {
                t[k] = time[start];
                v[k++] = Double.NaN;
            } else if (lo == hi) {
                t[k] = time[lo];
                v[k++] = value[lo];
            } else {
                int first = Math.min(lo, hi);
                int second = Math.max(lo, hi);
                t[k] = time[first];
                v[k++] = value[first];
                t[k] = time[second];
                v[k++] = value[second];
            }
        }
        return new Points(Arrays.copyOf(t, k), Arrays.copyOf(v, k));
    }
}
