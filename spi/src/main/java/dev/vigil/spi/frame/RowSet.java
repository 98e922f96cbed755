package dev.vigil.spi.frame;

import java.util.Arrays;
import java.util.Objects;

/**
 * An immutable set of row positions stored as sorted, disjoint, half-open ranges
 * {@code [start, end)}: the rows a job works on. Usually one range; a list of {@code {from, to}}
 * selections gives several.
 */
public final class RowSet {
    private static final RowSet EMPTY = new RowSet(new int[0], new int[0]);

    private final int[] starts;
    private final int[] ends;
    private final int count;

    private RowSet(int[] starts, int[] ends) {
        this.starts = starts;
        this.ends = ends;
        int c = 0;
        for (int i = 0; i < starts.length; i++) {
            c += ends[i] - starts[i];
        }
        this.count = c;
    }

    /** No rows. */
    public static RowSet empty() {
        return EMPTY;
    }

    /** Rows {@code from} (inclusive) to {@code to} (exclusive). */
    public static RowSet range(int from, int to) {
        if (from < 0 || to < from) {
            throw new IllegalArgumentException("bad range [" + from + ", " + to + ")");
        }
        return from == to ? EMPTY : new RowSet(new int[] {from}, new int[] {to});
    }

    /** Rows 0 to {@code rows - 1}. */
    public static RowSet all(int rows) {
        return range(0, rows);
    }

    /** The union of ranges given as pairs {@code [start, end)} in any order, overlaps merged. */
    public static RowSet ofRanges(int[] rangeStarts, int[] rangeEnds) {
        if (rangeStarts.length != rangeEnds.length) {
            throw new IllegalArgumentException("starts and ends differ in length");
        }
        int n = rangeStarts.length;
        long[] packed = new long[n];
        for (int i = 0; i < n; i++) {
            if (rangeStarts[i] < 0 || rangeEnds[i] < rangeStarts[i]) {
                throw new IllegalArgumentException("bad range [" + rangeStarts[i] + ", " + rangeEnds[i] + ")");
            }
            packed[i] = ((long) rangeStarts[i] << 32) | rangeEnds[i];
        }
        Arrays.sort(packed);
        int[] s = new int[n];
        int[] e = new int[n];
        int k = 0;
        for (long p : packed) {
            int start = (int) (p >>> 32);
            int end = (int) p;
            if (start == end) {
                continue;
            }
            if (k > 0 && start <= e[k - 1]) {
                e[k - 1] = Math.max(e[k - 1], end);
            } else {
                s[k] = start;
                e[k] = end;
                k++;
            }
        }
        return k == 0 ? EMPTY : new RowSet(Arrays.copyOf(s, k), Arrays.copyOf(e, k));
    }

    /** The rows where {@code mask} is true. */
    public static RowSet of(boolean[] mask) {
        int[] s = new int[8];
        int[] e = new int[8];
        int k = 0;
        int i = 0;
        while (i < mask.length) {
            if (!mask[i]) {
                i++;
                continue;
            }
            int j = i;
            while (j < mask.length && mask[j]) {
                j++;
            }
            if (k == s.length) {
                s = Arrays.copyOf(s, k * 2);
                e = Arrays.copyOf(e, k * 2);
            }
            s[k] = i;
            e[k] = j;
            k++;
            i = j;
        }
        return k == 0 ? EMPTY : new RowSet(Arrays.copyOf(s, k), Arrays.copyOf(e, k));
    }

    /** Number of rows. */
    public int count() {
        return count;
    }

    /** Whether there are no rows. */
    public boolean isEmpty() {
        return count == 0;
    }

    /** Number of contiguous ranges. */
    public int rangeCount() {
        return starts.length;
    }

    /** Start (inclusive) of range {@code i}. */
    public int rangeStart(int i) {
        return starts[i];
    }

    /** End (exclusive) of range {@code i}. */
    public int rangeEnd(int i) {
        return ends[i];
    }

    /** The first row. */
    public int first() {
        requireNonEmpty();
        return starts[0];
    }

    /** The last row (inclusive). */
    public int last() {
        requireNonEmpty();
        return ends[ends.length - 1] - 1;
    }

    /** Whether the row is in the set. */
    public boolean contains(int row) {
        int i = Arrays.binarySearch(starts, row);
        if (i >= 0) {
            return true;
        }
        int r = -i - 2;
        return r >= 0 && row < ends[r];
    }

    /** The rows as a sorted array. */
    public int[] toArray() {
        int[] rows = new int[count];
        int k = 0;
        for (int i = 0; i < starts.length; i++) {
            for (int r = starts[i]; r < ends[i]; r++) {
                rows[k++] = r;
            }
        }
        return rows;
    }

    /** The rows as a mask over {@code size} rows. */
    public boolean[] toMask(int size) {
        boolean[] mask = new boolean[size];
        for (int i = 0; i < starts.length; i++) {
            Arrays.fill(mask, starts[i], Math.min(ends[i], size), true);
        }
        return mask;
    }

    private void requireNonEmpty() {
        if (count == 0) {
            throw new IllegalStateException("the row set is empty");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RowSet r && Arrays.equals(starts, r.starts) && Arrays.equals(ends, r.ends);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(starts), Arrays.hashCode(ends));
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("RowSet[");
        for (int i = 0; i < starts.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(starts[i]).append("..").append(ends[i] - 1);
        }
        return sb.append(']').toString();
    }
}
