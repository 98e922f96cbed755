package dev.vigil.core.stream;

import java.time.ZoneId;
import java.util.Arrays;

/**
 * The last rows of a stream in a ring: one {@code double} per column and row, one timestamp per row,
 * the newest row's local time. Pushing a row copies it (no allocation); a value {@code lag} rows back
 * is one array read. Rows older than the capacity, and rows before the first, read as {@code NaN}.
 * Not thread-safe.
 */
final class RowHistory implements Rows {
    private final int columns;
    private final int capacity;
    private final int mask;
    private final double[] values;
    private final long[] times;
    private final LocalClock clock;
    private final ZoneId zone;
    private long rows;
    private long local;

    /**
     * @param columns values per row
     * @param keep rows to keep at least (the capacity is the next power of two)
     */
    RowHistory(int columns, int keep, ZoneId zone) {
        this.columns = columns;
        int c = Integer.highestOneBit(Math.max(2, keep));
        this.capacity = c < keep ? c << 1 : c;
        this.mask = capacity - 1;
        this.values = new double[capacity * columns];
        this.times = new long[capacity];
        this.zone = zone;
        this.clock = new LocalClock(zone);
        Arrays.fill(values, Double.NaN);
    }

    int capacity() {
        return capacity;
    }

    /** Takes in a row; {@code values} holds one value per column (copied). */
    void push(long time, double[] row) {
        int slot = (int) (rows & mask);
        System.arraycopy(row, 0, values, slot * columns, columns);
        times[slot] = time;
        rows++;
        local = clock.local(time);
    }

    /** Takes in a row of one value (a history of one column). */
    void push(long time, double value) {
        int slot = (int) (rows & mask);
        values[slot * columns] = value;
        times[slot] = time;
        rows++;
        local = clock.local(time);
    }

    /**
     * Counts {@code n} rows without taking them in: only for rows without values, when at least {@link
     * #capacity()} empty rows follow before anything reads the history again (so what the ring holds
     * then is all empty rows, correctly timed).
     */
    void skip(long n) {
        rows += n;
    }

    @Override
    public long time() {
        return times[(int) ((rows - 1) & mask)];
    }

    @Override
    public long time(int lag) {
        return times[(int) ((rows - 1 - lag) & mask)];
    }

    @Override
    public long localMillis() {
        return local;
    }

    @Override
    public long rows() {
        return rows;
    }

    @Override
    public int held() {
        return (int) Math.min(rows, capacity);
    }

    @Override
    public double value(int column, int lag) {
        if (lag >= rows || lag >= capacity) {
            return Double.NaN;
        }
        return values[(int) ((rows - 1 - lag) & mask) * columns + column];
    }

    /**
     * The history as it stood {@code back} rows ago, as if the stream had begun with the oldest row held:
     * what a new evaluator replays to warm up (see {@link DetectionStream#refresh}).
     */
    Rows asOf(int back) {
        int held = held();
        LocalClock viewClock = new LocalClock(zone);
        long at = time(back);
        long viewLocal = viewClock.local(at);
        return new Rows() {
            @Override
            public long time() {
                return at;
            }

            @Override
            public long time(int lag) {
                return RowHistory.this.time(lag + back);
            }

            @Override
            public long localMillis() {
                return viewLocal;
            }

            @Override
            public long rows() {
                return held - back;
            }

            @Override
            public int held() {
                return held - back;
            }

            @Override
            public double value(int column, int lag) {
                return lag + back < held ? RowHistory.this.value(column, lag + back) : Double.NaN;
            }
        };
    }

    /** The rows held, oldest first: {@code [rows held][columns]} values and their timestamps, for snapshots. */
    double[] values() {
        int held = held();
        double[] out = new double[held * columns];
        for (int i = 0; i < held; i++) {
            int slot = (int) ((rows - held + i) & mask);
            System.arraycopy(values, slot * columns, out, i * columns, columns);
        }
        return out;
    }

    long[] times() {
        int held = held();
        long[] out = new long[held];
        for (int i = 0; i < held; i++) {
            out[i] = times[(int) ((rows - held + i) & mask)];
        }
        return out;
    }

    /**
     * Replaces the content: {@code rows} counted so far, the last rows' timestamps and values (oldest
     * first, as {@link #values()} and {@link #times()} give them, or fewer), columns mapped by {@code
     * from[c]} (the column's position in the saved rows, or −1 for a column they lack: {@code NaN}).
     */
    void load(long count, long[] savedTimes, double[] savedValues, int savedColumns, int[] from) {
        Arrays.fill(values, Double.NaN);
        int n = Math.min(savedTimes.length, capacity);
        int skip = savedTimes.length - n;
        rows = count - n;
        double[] row = new double[columns];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < columns; c++) {
                row[c] = from[c] < 0 ? Double.NaN : savedValues[(skip + i) * savedColumns + from[c]];
            }
            push(savedTimes[skip + i], row);
        }
        rows = count;
    }
}
