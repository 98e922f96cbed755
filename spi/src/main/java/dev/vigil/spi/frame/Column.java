package dev.vigil.spi.frame;

/**
 * A read-only view of one column of a {@link TimeFrame}: for loops over millions of rows that
 * must neither copy nor box. {@code NaN} marks a missing value.
 */
public final class Column {
    private final String name;
    private final double[] values;

    Column(String name, double[] values) {
        this.name = name;
        this.values = values;
    }

    /** The column's name. */
    public String name() {
        return name;
    }

    /** Number of rows. */
    public int size() {
        return values.length;
    }

    /** The value at a row ({@code NaN} when missing). */
    public double get(int row) {
        return values[row];
    }

    /** A copy of all values. */
    public double[] toArray() {
        return values.clone();
    }

    /** Copies {@code length} values starting at row {@code from} into {@code dst} at {@code at}. */
    public void copyTo(int from, double[] dst, int at, int length) {
        System.arraycopy(values, from, dst, at, length);
    }
}
