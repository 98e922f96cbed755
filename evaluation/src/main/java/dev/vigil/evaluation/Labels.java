package dev.vigil.evaluation;

import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.VigilException;
import java.util.function.IntFunction;

/**
 * The label convention of this package: {@code 1} anomaly, {@code 0} normal, {@code NaN} unknown.
 * Stateless and thread-safe.
 */
public final class Labels {
    private Labels() {
    }

    /**
     * Checks that every label is {@code 1}, {@code 0} or {@code NaN}.
     *
     * @param labels one label per row
     * @param describeRow names a row (by index) for the message, e.g. {@code "data.csv row 17
     *     (2024-01-01T01:20:00Z), column 'label'"}
     * @throws VigilException {@link ErrorCode#BAD_VALUE} naming the first bad row and its value
     */
    public static void requireBinary(double[] labels, IntFunction<String> describeRow) {
        for (int i = 0; i < labels.length; i++) {
            double v = labels[i];
            if (v != 0 && v != 1 && !Double.isNaN(v)) {
                throw new VigilException(ErrorCode.BAD_VALUE, describeRow.apply(i) + ": " + plain(v)
                        + " is not a label; labels must be 1 (anomaly), 0 (normal) or missing (unknown)");
            }
        }
    }

    /** {@link #requireBinary(double[], IntFunction)} naming rows by their 0-based index. */
    static void requireBinary(double[] labels) {
        requireBinary(labels, i -> "row " + i);
    }

    /** Whether a label marks an anomaly. */
    static boolean isAnomaly(double label) {
        return label == 1;
    }

    /** A number as a user wrote it: {@code 2} rather than {@code 2.0}. */
    static String plain(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    static void requireSameLength(int expected, int actual, String what) {
        if (expected != actual) {
            throw new IllegalArgumentException(what + " has " + actual + " rows, expected " + expected);
        }
    }
}
