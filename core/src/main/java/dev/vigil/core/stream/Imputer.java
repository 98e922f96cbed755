package dev.vigil.core.stream;

import dev.vigil.spi.settings.Imputation;
import dev.vigil.spi.settings.ImputationType;
import java.util.Arrays;

/**
 * The imputation of {@code Preparation.impute} one row at a time. Batch fills a run of missing values
 * when it is at most {@code maxGapLength} rows long, has a value before it and (for Linear) one after
 * it: whether a missing value is filled depends on rows still to come. So a row with a missing value
 * that may yet be filled waits here until its run is decided — a value arrives (the run is filled, as
 * batch fills it), or the run grows too long (it stays missing) — and rows leave in order, each once
 * none of its values waits: at most {@code maxGapLength + 1} rows late. Rows without missing values
 * and no row waiting before them pass straight through. {@link #end} decides the open runs as batch
 * decides runs at the end of its data. Not thread-safe.
 */
final class Imputer {
    /** Where rows go once decided. */
    interface Sink {
        void row(long time, double[] values);
    }

    static final int NONE = 0;
    static final int OPEN = 1;
    static final int DEAD = 2;

    private final int columns;
    private final boolean[] skip;
    private final boolean on;
    private final boolean locf;
    private final int maxGap;
    // per column: the run of missing values in progress
    final int[] status;
    final long[] runStart;
    final long[] runLength;
    final double[] last;
    final long[] lastTime;
    // rows waiting, a ring from `head` (sequence number of the oldest) to `seq`
    private final int capacity;
    final long[] pendingTimes;
    final double[] pendingValues;
    long head;
    long seq;
    private final double[] out;

    Imputer(int columns, boolean[] skip, Imputation imputation) {
        this.columns = columns;
        this.skip = skip.clone();
        this.on = imputation.type() != ImputationType.None && imputation.maxGapLength() > 0;
        this.locf = imputation.type() == ImputationType.LOCF;
        this.maxGap = imputation.maxGapLength();
        this.status = new int[columns];
        this.runStart = new long[columns];
        this.runLength = new long[columns];
        this.last = new double[columns];
        this.lastTime = new long[columns];
        this.capacity = on ? maxGap + 2 : 1;
        this.pendingTimes = new long[capacity];
        this.pendingValues = new double[capacity * columns];
        this.out = new double[columns];
    }

    /** Rows waiting for a decision. */
    int waiting() {
        return (int) (seq - head);
    }

    /** Takes in the next row of the grid ({@code values} is copied) and passes on every row decided by it. */
    void push(long time, double[] values, Sink sink) {
        long n = seq;
        if (!on) {
            seq++;
            head = seq;
            sink.row(time, values);
            return;
        }
        boolean missing = false;
        for (int c = 0; c < columns; c++) {
            double v = values[c];
            if (skip[c]) {
                continue;
            }
            if (!Double.isNaN(v)) {
                if (status[c] == OPEN) {
                    fill(c, v, time);
                }
                status[c] = NONE;
                last[c] = v;
                lastTime[c] = time;
            } else {
                missing = true;
                if (status[c] == NONE) {
                    status[c] = n == 0 ? DEAD : OPEN; // a run starting at the first row has no value before it
                    runStart[c] = n;
                    runLength[c] = 1;
                } else {
                    runLength[c]++;
                }
                if (status[c] == OPEN && runLength[c] > maxGap) {
                    status[c] = DEAD; // too long: batch leaves the whole run missing
                }
            }
        }
        seq++;
        if (!missing && head == n) {
            head = seq;
            sink.row(time, values);
            return;
        }
        int slot = (int) (n % capacity);
        pendingTimes[slot] = time;
        System.arraycopy(values, 0, pendingValues, slot * columns, columns);
        release(sink);
    }

    /**
     * Counts {@code n} rows without values without running them: only when nothing waits and every
     * run is decided (after more than {@code maxGapLength} empty rows).
     */
    void skipEmpty(long n) {
        for (int c = 0; c < columns; c++) {
            if (status[c] == DEAD) {
                runLength[c] += n;
            }
        }
        seq += n;
        head += n;
    }

    /** Decides every open run as at the end of batch's data (LOCF fills it, Linear leaves it) and passes on every row. */
    void end(Sink sink) {
        for (int c = 0; c < columns; c++) {
            if (status[c] == OPEN && locf) {
                fill(c, last[c], Long.MIN_VALUE);
            }
            status[c] = NONE;
        }
        release(sink);
    }

    /** Fills column {@code c} of the rows of its open run, as batch does, with the value {@code v} at {@code time} ending it. */
    private void fill(int c, double v, long time) {
        double a = last[c];
        double span = time - lastTime[c];
        for (long k = runStart[c]; k < seq; k++) {
            int slot = (int) (k % capacity);
            pendingValues[slot * columns + c] = locf ? a : a + (v - a) * ((pendingTimes[slot] - lastTime[c]) / span);
        }
    }

    private void release(Sink sink) {
        long until = seq;
        for (int c = 0; c < columns; c++) {
            if (status[c] == OPEN) {
                until = Math.min(until, runStart[c]);
            }
        }
        while (head < until) {
            int slot = (int) (head % capacity);
            System.arraycopy(pendingValues, slot * columns, out, 0, columns);
            head++;
            sink.row(pendingTimes[slot], out);
        }
    }

    /** The rows waiting, oldest first: times, and values row by row; for snapshots. */
    long[] waitingTimes() {
        long[] t = new long[waiting()];
        for (int i = 0; i < t.length; i++) {
            t[i] = pendingTimes[(int) ((head + i) % capacity)];
        }
        return t;
    }

    double[] waitingValues() {
        double[] v = new double[waiting() * columns];
        for (int i = 0; i < waiting(); i++) {
            System.arraycopy(pendingValues, (int) ((head + i) % capacity) * columns, v, i * columns, columns);
        }
        return v;
    }

    /** Resumes from a snapshot (see {@link StreamState}). */
    void load(long count, long[] times, double[] values, int[] statuses, long[] starts, long[] lengths, double[] lasts, long[] lastTimes) {
        if (times.length > capacity - 1 || values.length != times.length * columns || statuses.length != columns) {
            throw new IllegalArgumentException("the imputation state does not fit this model's imputation");
        }
        seq = count;
        head = count - times.length;
        for (int i = 0; i < times.length; i++) {
            int slot = (int) ((head + i) % capacity);
            pendingTimes[slot] = times[i];
            System.arraycopy(values, i * columns, pendingValues, slot * columns, columns);
        }
        System.arraycopy(statuses, 0, status, 0, columns);
        System.arraycopy(starts, 0, runStart, 0, columns);
        System.arraycopy(lengths, 0, runLength, 0, columns);
        System.arraycopy(lasts, 0, last, 0, columns);
        System.arraycopy(lastTimes, 0, lastTime, 0, columns);
        Arrays.fill(out, Double.NaN);
    }
}
