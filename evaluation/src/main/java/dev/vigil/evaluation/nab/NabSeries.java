package dev.vigil.evaluation.nab;

import static java.util.Objects.requireNonNull;

import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.VigilException;
import java.time.Instant;
import java.util.List;

/**
 * One NAB data file as the scorer sees it: its rows in file order, a detector's anomaly score per
 * row, and the file's anomaly windows. A final class rather than a record because it holds arrays
 * (copied in, never handed out) and the row span of each window, computed once.
 *
 * <p>Immutable and thread-safe.
 */
public final class NabSeries {
    private final String name;
    private final long[] times;
    private final double[] scores;
    private final List<NabWindow> windows;
    private final int[] windowFirstRow;
    private final int[] windowLastRow;

    /**
     * A file's rows, scores and windows.
     *
     * @param name the file's name in NAB, {@code <category>/<file>.csv}
     * @param times timestamps of the rows in file order, epoch milliseconds; like NAB, rows are
     *     scored by position, so timestamps may repeat or step back (NAB's corpus has both)
     * @param scores the detector's anomaly score per row, each in [0, 1]
     * @param windows the file's anomaly windows in order; each starts and ends at the first row
     *     holding its limit timestamp (as NAB's sweeper finds them), after the previous window;
     *     empty for a file without anomalies
     * @throws VigilException {@link ErrorCode#BAD_VALUE} naming the file, row and value at fault
     */
    public NabSeries(String name, long[] times, double[] scores, List<NabWindow> windows) {
        this.name = requireNonNull(name, "name is null");
        this.times = times.clone();
        this.scores = scores.clone();
        this.windows = List.copyOf(windows);
        if (this.times.length != this.scores.length) {
            throw new IllegalArgumentException(name + ": " + this.times.length + " timestamps but " + this.scores.length + " scores");
        }
        for (int i = 0; i < this.times.length; i++) {
            if (!isValidScore(this.scores[i])) {
                throw new VigilException(ErrorCode.BAD_VALUE, describeRow(i) + ": anomaly_score " + this.scores[i] + " is outside [0, 1]");
            }
        }
        this.windowFirstRow = new int[this.windows.size()];
        this.windowLastRow = new int[this.windows.size()];
        for (int w = 0; w < this.windows.size(); w++) {
            NabWindow window = this.windows.get(w);
            int first = indexOf(this.times, window.start());
            int last = indexOf(this.times, window.end());
            if (first < 0 || last < 0) {
                throw new VigilException(ErrorCode.BAD_VALUE, name + ": window " + window + " does not start and end at timestamps of the file's "
                        + "rows; NAB windows begin and end at existing rows");
            }
            if (last < first || w > 0 && first <= windowLastRow[w - 1]) {
                throw new VigilException(ErrorCode.BAD_VALUE, name + ": window " + window + " spans rows " + (first + 1) + " to " + (last + 1)
                        + ", which do not follow the previous window's; windows must be in row order and not overlap");
            }
            windowFirstRow[w] = first;
            windowLastRow[w] = last;
        }
    }

    /** Whether a score is acceptable to NAB: a number in [0, 1] (NAB repository: nab/detectors/base.py). */
    static boolean isValidScore(double score) {
        return score >= 0 && score <= 1;
    }

    /** The file's name in NAB, {@code <category>/<file>.csv}. */
    public String name() {
        return name;
    }

    /** The part of the name before the first {@code /} (e.g. {@code realTweets}), or "" if none. */
    public String category() {
        int slash = name.indexOf('/');
        return slash < 0 ? "" : name.substring(0, slash);
    }

    /** Number of rows. */
    public int rows() {
        return times.length;
    }

    /** Timestamp of a row, epoch milliseconds. */
    public long time(int row) {
        return times[row];
    }

    /** The anomaly score of a row. */
    public double score(int row) {
        return scores[row];
    }

    /** The anomaly windows, in time order. */
    public List<NabWindow> windows() {
        return windows;
    }

    /** Index of the first row of a window. */
    public int windowFirstRow(int window) {
        return windowFirstRow[window];
    }

    /** Index of the last row of a window (inclusive). */
    public int windowLastRow(int window) {
        return windowLastRow[window];
    }

    /** Number of rows in the probation period, which NAB does not score: {@link NabScorer#probationRows}. */
    public int probationRows() {
        return NabScorer.probationRows(times.length);
    }

    private String describeRow(int i) {
        return name + " row " + (i + 1) + " (" + Instant.ofEpochMilli(times[i]) + ")";
    }

    /** The first row at a timestamp, as NAB finds a window's limits ({@code timestamps.index}), or -1. */
    private static int indexOf(long[] t, long time) {
        for (int i = 0; i < t.length; i++) {
            if (t[i] == time) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public String toString() {
        return "NabSeries[" + name + ", " + times.length + " rows, " + windows.size() + " windows]";
    }
}
