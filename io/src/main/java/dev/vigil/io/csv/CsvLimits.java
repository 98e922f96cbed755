package dev.vigil.io.csv;

/**
 * How large one line of a CSV file may be: the {@link CsvTokenizer} refuses a line beyond any of
 * these with an error naming the file, the line and the limit, and its memory is bounded by them
 * (it holds one line at a time, in a buffer of at most {@code maxLineBytes}), whatever the file holds.
 *
 * <p>The {@linkplain #DEFAULT defaults} are far beyond real data files, so only a broken or hostile
 * file meets them: 65,536 fields per line (four times the columns a spreadsheet holds), 1,048,576
 * characters per cell, 16 MiB per line (a quoted field spanning physical lines counts with its
 * line).
 *
 * @param maxFields the most fields one line may hold, at least 2
 * @param maxCellChars the most characters one cell may hold, at least 1
 * @param maxLineBytes the most bytes one line (record) may hold, line break excluded, at least 16
 */
public record CsvLimits(int maxFields, int maxCellChars, int maxLineBytes) {
    /** The limits every reader uses unless given others. */
    public static final CsvLimits DEFAULT = new CsvLimits(1 << 16, 1 << 20, 16 << 20);

    public CsvLimits {
        if (maxFields < 2 || maxCellChars < 1 || maxLineBytes < 16 || maxLineBytes > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("CSV limits must allow 2 fields, 1 character and 16 bytes; got " + maxFields
                    + " fields, " + maxCellChars + " characters, " + maxLineBytes + " bytes");
        }
    }
}
