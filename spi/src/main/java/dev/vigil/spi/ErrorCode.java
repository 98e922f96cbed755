package dev.vigil.spi;

/**
 * Stable codes of every error Vigil reports, each with the {@link ErrorKind} that tells who can act
 * on it. Codes are part of the public contract: scripts may match on them.
 */
public enum ErrorCode {
    /** A file that should be read does not exist or is not a regular file. */
    FILE_NOT_FOUND(ErrorKind.USER_INPUT),
    /** A data file has no content, or a header but no rows. */
    EMPTY_DATA(ErrorKind.USER_INPUT),
    /** A data file is not well formed (ragged rows, bad encoding, bad header). */
    MALFORMED_DATA(ErrorKind.USER_INPUT),
    /** A timestamp cell cannot be parsed, or no timestamp column exists. */
    BAD_TIMESTAMP(ErrorKind.USER_INPUT),
    /** A value cell cannot be used (not a number, infinite). */
    BAD_VALUE(ErrorKind.USER_INPUT),
    /** A column named by the user does not exist. */
    UNKNOWN_COLUMN(ErrorKind.USER_INPUT),
    /** A configuration (JSON or options) is invalid; all problems are listed together. */
    INVALID_CONFIGURATION(ErrorKind.USER_INPUT),
    /** A plugin name (feature, perspective, model) is not known. */
    UNKNOWN_PLUGIN(ErrorKind.USER_INPUT),
    /** The data cannot support what was asked (too few rows, nothing left after selection). */
    INSUFFICIENT_DATA(ErrorKind.USER_INPUT),
    /** A model file is corrupted, truncated, from a newer version or does not fit the data. */
    BAD_MODEL(ErrorKind.USER_INPUT),
    /** Two plugins claim the same name, or a plugin cannot be instantiated. */
    PLUGIN_CONFLICT(ErrorKind.PLUGIN),
    /** A plugin failed while running. */
    PLUGIN_FAILURE(ErrorKind.PLUGIN),
    /** Reading or writing a file failed. */
    IO_FAILURE(ErrorKind.IO),
    /** An internal invariant does not hold: a bug in Vigil. */
    INTERNAL(ErrorKind.INTERNAL);

    private final ErrorKind kind;

    ErrorCode(ErrorKind kind) {
        this.kind = kind;
    }

    /** Who can act on errors with this code. */
    public ErrorKind kind() {
        return kind;
    }
}
