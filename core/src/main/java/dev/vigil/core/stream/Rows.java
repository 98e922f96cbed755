package dev.vigil.core.stream;

import dev.vigil.spi.stream.StreamHistory;

/** A {@link StreamHistory} that also tells the timestamp of earlier rows: what the generic fallbacks need to rebuild a frame. */
interface Rows extends StreamHistory {
    /** Timestamp of the row {@code lag} rows before the newest; meaningful for {@code lag < rows()}. */
    long time(int lag);

    /** Rows held, the newest included: at most what the history keeps. */
    int held();
}
