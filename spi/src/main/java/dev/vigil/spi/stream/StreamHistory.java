package dev.vigil.spi.stream;

/**
 * The rows a stream has taken in, newest first: what an incremental evaluator reads. The rows lie on a
 * regular grid (row offset = time offset, as in batch): a timestamp the data lack is a row without
 * values. A history is owned by one stream; it is not thread-safe and valid only during the call it is
 * passed to.
 */
public interface StreamHistory {
    /** Timestamp of the newest row, epoch milliseconds. */
    long time();

    /**
     * Local time of the newest row in the stream's zone, as milliseconds since 1970-01-01T00:00 local
     * time: what calendar features read (the same number a batch evaluation computes from the frame's
     * zone).
     */
    long localMillis();

    /** Rows taken in so far, the newest included (rows without values count). */
    long rows();

    /**
     * A value {@code lag} rows before the newest (0: the newest row): {@code NaN} where it is missing,
     * lies before the first row, or lies further back than the stream keeps (never further than the
     * evaluator's declared {@code lags()}).
     *
     * @param column position of the column in the stream's {@link StreamLayout}
     */
    double value(int column, int lag);
}
