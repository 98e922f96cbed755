package dev.vigil.testing;

import static java.util.Objects.requireNonNull;

/**
 * An event {@link SystemDataGenerator} put into a machine's signals: rows {@code start} (inclusive) to
 * {@code end} (exclusive), on one signal, or on all of them for a change of operating mode.
 *
 * @param kind what was done
 * @param start first row of the event
 * @param end row after its last row
 * @param signal the faulty signal, or {@code null} for a {@link Kind#MODE_CHANGE}, which moves every
 *     signal
 * @param magnitude the fault's size in standard deviations of the signal (spike height, final drift),
 *     0 for the kinds that have none
 */
public record SystemFault(Kind kind, int start, int end, String signal, double magnitude) {

    /** The kinds of event the generator makes. */
    public enum Kind {
        /** The signal stops following the others: an independent process with the signal's usual level and spread. */
        BROKEN_CORRELATION,
        /** The signal freezes at its value at the start of the fault. */
        STUCK_SENSOR,
        /** An offset growing linearly from 0 to {@code magnitude} standard deviations. */
        DRIFT,
        /** One row, or a few, off by {@code magnitude} standard deviations. */
        SPIKE,
        /**
         * The machine moves to its other operating mode, every signal following its normal relations: the
         * training data hold both modes and such moves, so this is normal behaviour and must not be flagged.
         */
        MODE_CHANGE
    }

    public SystemFault {
        requireNonNull(kind, "kind is null");
        if (start < 0 || end <= start) {
            throw new IllegalArgumentException("bad rows [" + start + ", " + end + ")");
        }
        if ((signal == null) != (kind == Kind.MODE_CHANGE)) {
            throw new IllegalArgumentException(kind + (signal == null ? " needs a signal" : " has no single signal"));
        }
    }

    /** Whether the event is a fault (labelled anomalous), not a normal change of operating mode. */
    public boolean anomalous() {
        return kind != Kind.MODE_CHANGE;
    }

    /** Number of rows. */
    public int length() {
        return end - start;
    }

    /** Whether a row lies inside. */
    public boolean contains(int row) {
        return row >= start && row < end;
    }
}
