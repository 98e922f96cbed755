package dev.vigil.io.csv;

/**
 * Thrown by Vigil's cell parsers inside Tablesaw's reader, carrying the cell and what is wrong with
 * it; {@link CsvReader} adds file, line and column. Not a {@link NumberFormatException}, which
 * Tablesaw would re-wrap and lose.
 */
final class BadCellException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    final String value;
    final String reason;

    BadCellException(String value, String reason) {
        super(reason, null, false, false);
        this.value = value;
        this.reason = reason;
    }
}
