package dev.vigil.perspectives;

import dev.vigil.spi.stream.StreamHistory;
import java.util.Arrays;

/**
 * The values of a sliding window kept in sorted order, for a median per row without a sort per row:
 * sliding by one row is a binary search for the leaving value, one for the entering value and one
 * move of the values between them ({@code O(log w)} comparisons, a {@code System.arraycopy} of at most
 * {@code w} doubles). The order is {@link Arrays#sort(double[])}'s (−0.0 before 0.0), so the median is
 * the one a sort of the window gives, to the bit. Batch transforms and stream evaluators share it.
 * Not thread-safe.
 */
final class SortedWindow {
    private final double[] sorted;
    private boolean filled;

    SortedWindow(int size) {
        this.sorted = new double[size];
    }

    /** Forgets the values (a missing residual broke the window); the next {@link #fill} sorts afresh. */
    void clear() {
        filled = false;
    }

    boolean filled() {
        return filled;
    }

    /** Takes the residuals at lags {@code from .. from + size − 1} of the history, sorted. */
    void fill(StreamHistory h, int from) {
        for (int i = 0; i < sorted.length; i++) {
            sorted[i] = h.value(0, from + i);
        }
        Arrays.sort(sorted);
        filled = true;
    }

    /** Takes the values {@code v[from .. from + size)}, sorted. */
    void fill(double[] v, int from) {
        System.arraycopy(v, from, sorted, 0, sorted.length);
        Arrays.sort(sorted);
        filled = true;
    }

    /** Replaces one value of the window by another, keeping the order. */
    void slide(double leaving, double entering) {
        int n = sorted.length;
        int out = Arrays.binarySearch(sorted, 0, n, leaving);
        if (out < 0) {
            throw new IllegalStateException("the sorted window lost the value " + leaving);
        }
        int in = Arrays.binarySearch(sorted, 0, n, entering);
        int at = in >= 0 ? in : -in - 1; // insertion point among all n values
        if (at > out) {
            at--; // the leaving value's slot closes up first
            System.arraycopy(sorted, out + 1, sorted, out, at - out);
        } else if (at < out) {
            System.arraycopy(sorted, at, sorted, at + 1, out - at);
        }
        sorted[at] = entering;
    }

    /** The median, as {@code Windows.median} computes it on the same values. */
    double median() {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
