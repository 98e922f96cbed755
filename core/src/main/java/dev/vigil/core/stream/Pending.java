package dev.vigil.core.stream;

import dev.vigil.spi.NormalBehaviorDecomposition;
import java.util.Arrays;

/**
 * Answers of a stream held back until the decision rule decides their anomaly codes, oldest first:
 * a copy of each row's answer (and of its normal behaviour's split, for the causes), its code once
 * decided. Codes are decided in row order, so the decided rows are the oldest ones. A ring that grows
 * when full; it holds a few rows, and only while a run of high indicators is open. Not thread-safe.
 */
final class Pending {
    private final int perspectives;
    private long[] time;
    private int[] modelIndex;
    private double[] kpi;
    private double[] normalBehavior;
    private double[] indicators;
    private int[] code;
    private boolean[] emit;
    private NormalBehaviorDecomposition[] decomposition;
    private int head;
    private int size;
    private int decided;

    Pending(int perspectives) {
        this.perspectives = perspectives;
        allocate(8);
    }

    private void allocate(int capacity) {
        time = new long[capacity];
        modelIndex = new int[capacity];
        kpi = new double[capacity];
        normalBehavior = new double[capacity];
        indicators = new double[capacity * perspectives];
        code = new int[capacity];
        emit = new boolean[capacity];
        decomposition = new NormalBehaviorDecomposition[capacity];
    }

    /** Rows held. */
    int size() {
        return size;
    }

    /** Rows held whose code is not decided yet. */
    int undecided() {
        return size - decided;
    }

    /** Rows held that will be answered (the others only wait for their turn in the decision). */
    int answered() {
        int n = 0;
        for (int i = 0; i < size; i++) {
            if (emit[slot(i)]) {
                n++;
            }
        }
        return n;
    }

    /** The timestamps of the rows held that are to be answered, oldest first. */
    long[] answeredTimes() {
        long[] t = new long[answered()];
        int n = 0;
        for (int i = 0; i < size; i++) {
            if (emit[slot(i)]) {
                t[n++] = time[slot(i)];
            }
        }
        return t;
    }

    /** Whether the oldest row held is decided. */
    boolean headDecided() {
        return decided > 0;
    }

    /** Whether the oldest row held is to be answered. */
    boolean headAnswered() {
        return emit[head];
    }

    /**
     * Holds a copy of an answer.
     *
     * @param anomalyCode its code, -1 while undecided (every row after an undecided one is undecided)
     * @param answered whether the row is to be answered (a row without a KPI value, or one already
     *     answered before a refresh, only takes its turn in the decision)
     * @param parts the row's normal behaviour split, or null
     */
    void add(StreamRow row, int anomalyCode, boolean answered, NormalBehaviorDecomposition parts) {
        add(row.time, row.modelIndex, row.kpi, row.normalBehavior, row.indicators, anomalyCode, answered, parts);
    }

    void add(long t, int index, double k, double nb, double[] ind, int anomalyCode, boolean answered, NormalBehaviorDecomposition parts) {
        if (anomalyCode >= 0 && decided != size) {
            throw new IllegalStateException("a decided row after an undecided one");
        }
        if (size == time.length) {
            grow();
        }
        int s = slot(size);
        time[s] = t;
        modelIndex[s] = index;
        kpi[s] = k;
        normalBehavior[s] = nb;
        System.arraycopy(ind, 0, indicators, s * perspectives, perspectives);
        code[s] = anomalyCode;
        emit[s] = answered;
        decomposition[s] = parts;
        size++;
        if (anomalyCode >= 0) {
            decided++;
        }
    }

    /** Decides the code of the oldest undecided row. */
    void decide(int anomalyCode) {
        code[slot(decided)] = anomalyCode;
        decided++;
    }

    /** Fills {@code row} with the oldest row held (which must be decided) and drops it from here. */
    void pop(StreamRow row) {
        row.time = time[head];
        row.modelIndex = modelIndex[head];
        row.kpi = kpi[head];
        row.normalBehavior = normalBehavior[head];
        System.arraycopy(indicators, head * perspectives, row.indicators, 0, perspectives);
        row.anomalyCode = code[head];
        row.held(decomposition[head]);
        drop();
    }

    /** Drops the oldest row held (which must be decided). */
    void drop() {
        decomposition[head] = null;
        head = (head + 1) % time.length;
        size--;
        decided--;
    }

    private int slot(int i) {
        return (head + i) % time.length;
    }

    private void grow() {
        Pending bigger = new Pending(perspectives);
        bigger.allocate(time.length * 2);
        for (int i = 0; i < size; i++) {
            int s = slot(i);
            bigger.add(time[s], modelIndex[s], kpi[s], normalBehavior[s], Arrays.copyOfRange(indicators, s * perspectives, (s + 1) * perspectives),
                    code[s], emit[s], decomposition[s]);
        }
        time = bigger.time;
        modelIndex = bigger.modelIndex;
        kpi = bigger.kpi;
        normalBehavior = bigger.normalBehavior;
        indicators = bigger.indicators;
        code = bigger.code;
        emit = bigger.emit;
        decomposition = bigger.decomposition;
        head = 0;
    }

    /** The rows held, oldest first, as plain values for a snapshot. */
    StreamState.Held state() {
        long[] t = new long[size];
        int[] index = new int[size];
        double[] k = new double[size];
        double[] nb = new double[size];
        double[] ind = new double[size * perspectives];
        int[] c = new int[size];
        boolean[] e = new boolean[size];
        java.util.List<StreamState.Parts> parts = new java.util.ArrayList<>();
        for (int i = 0; i < size; i++) {
            int s = slot(i);
            t[i] = time[s];
            index[i] = modelIndex[s];
            k[i] = kpi[s];
            nb[i] = normalBehavior[s];
            System.arraycopy(indicators, s * perspectives, ind, i * perspectives, perspectives);
            c[i] = code[s];
            e[i] = emit[s];
            parts.add(StreamState.Parts.of(decomposition[s]));
        }
        return new StreamState.Held(t, index, k, nb, ind, c, e, parts);
    }

    /** Loads rows held from a snapshot. */
    void load(StreamState.Held held) {
        int n = held.times().length;
        if (held.modelIndex().length != n || held.kpi().length != n || held.normalBehavior().length != n || held.indicators().length != n * perspectives
                || held.codes().length != n || held.answered().length != n || held.parts().size() != n) {
            throw new IllegalArgumentException("the held rows' fields have different lengths for " + n + " rows of " + perspectives + " indicators");
        }
        double[] ind = new double[perspectives];
        for (int i = 0; i < n; i++) {
            int c = held.codes()[i];
            if (c < -1 || c > 3) {
                throw new IllegalArgumentException("a held row's code is -1 (undecided) or 0-3, got " + c);
            }
            System.arraycopy(held.indicators(), i * perspectives, ind, 0, perspectives);
            add(held.times()[i], held.modelIndex()[i], held.kpi()[i], held.normalBehavior()[i], ind, c, held.answered()[i],
                    held.parts().get(i).decomposition());
        }
    }
}
