package dev.vigil.io.csv;

import dev.vigil.io.AtomicFiles;
import dev.vigil.spi.ColumnLayout;
import dev.vigil.spi.frame.Column;
import dev.vigil.spi.frame.TimeFrame;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;

/**
 * Writes a {@link TimeFrame} as CSV, atomically (temporary file, then a move). The first column,
 * {@code timestamp} (or the column a {@link ColumnLayout} names and places), holds ISO 8601 instants
 * in UTC ({@code 2019-03-06T10:52:33Z}, with milliseconds when they are not zero); missing values are
 * empty cells; whole numbers are written without a decimal point; other numbers in the shortest form
 * that reads back to the same double. {@link CsvReader} reads every frame written so back bit for
 * bit (times from year 0 to 9999), but for the sign of a zero.
 */
public final class CsvWriter {
    private CsvWriter() {
    }

    /** Writes the frame to {@code target}, replacing it atomically; a name ending in {@code .gz} is gzip-compressed. */
    public static void write(TimeFrame frame, Path target) {
        write(frame, target, ColumnLayout.DEFAULT);
    }

    /**
     * Writes the frame as {@link #write(TimeFrame, Path)} does, the timestamp column named and placed as
     * the layout says (CSV has no column types: whole numbers are written without a decimal point anyway).
     */
    public static void write(TimeFrame frame, Path target, ColumnLayout layout) {
        if (target.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz")) {
            AtomicFiles.writeBytes(target, bytes -> {
                GZIPOutputStream gzip = new GZIPOutputStream(bytes, 1 << 16);
                Writer w = new BufferedWriter(new OutputStreamWriter(gzip, StandardCharsets.UTF_8), 1 << 16);
                write(frame, w, layout);
                w.flush();
                gzip.finish();
            });
        } else {
            AtomicFiles.writeText(target, out -> write(frame, out, layout));
        }
    }

    /** Writes the frame to a writer (not closed). */
    public static void write(TimeFrame frame, Writer out) throws IOException {
        write(frame, out, ColumnLayout.DEFAULT);
    }

    /** Writes the frame to a writer (not closed) in the given layout. */
    public static void write(TimeFrame frame, Writer out, ColumnLayout layout) throws IOException {
        Column[] columns = new Column[frame.columnCount()];
        for (int c = 0; c < columns.length; c++) {
            columns[c] = frame.column(c);
        }
        int at = layout.positionAmong(columns.length);
        StringBuilder line = new StringBuilder(256);
        for (String name : layout.names(frame.columnNames())) {
            line.append(line.length() == 0 ? "" : ",").append(quote(name));
        }
        out.write(line.append('\n').toString());
        TimestampWriter times = new TimestampWriter();
        for (int r = 0; r < frame.rows(); r++) {
            line.setLength(0);
            for (int c = 0; c < at; c++) {
                appendNumber(columns[c].get(r), line);
                line.append(',');
            }
            times.append(frame.time(r), line);
            for (int c = at; c < columns.length; c++) {
                line.append(',');
                appendNumber(columns[c].get(r), line);
            }
            out.write(line.append('\n').toString());
        }
    }

    /**
     * Writes a plain table (no timestamp column) atomically: a header, then one line per row; numbers
     * as {@link #appendNumber}, text quoted when it holds a separator or a quote.
     */
    public static void writeTable(List<String> header, List<List<Object>> rows, Path target) {
        AtomicFiles.writeText(target, out -> {
            StringBuilder line = new StringBuilder(256);
            for (int c = 0; c < header.size(); c++) {
                line.append(c == 0 ? "" : ",").append(quote(header.get(c)));
            }
            out.write(line.append('\n').toString());
            for (List<Object> row : rows) {
                line.setLength(0);
                for (int c = 0; c < row.size(); c++) {
                    if (c > 0) {
                        line.append(',');
                    }
                    Object v = row.get(c);
                    if (v instanceof Number n) {
                        appendNumber(n.doubleValue(), line);
                    } else if (v != null) {
                        line.append(quote(v.toString()));
                    }
                }
                out.write(line.append('\n').toString());
            }
        });
    }

    /**
     * Appends a number as Vigil writes it: empty for NaN, no ".0" on whole numbers (a zero is {@code 0}
     * whatever its sign), else the shortest text {@link CsvReader} reads back to the same double.
     */
    public static void appendNumber(double v, StringBuilder sb) {
        if (Double.isNaN(v)) {
            return;
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            sb.append((long) v);
        } else {
            sb.append(v);
        }
    }

    /**
     * Text as a field that {@link CsvTokenizer} reads back unchanged: in double quotes (a quote inside
     * written twice) when it holds a separator, a quote or a line break, starts or ends with white
     * space (which would be trimmed), or starts with {@code #} (a comment line when first).
     */
    static String quote(String s) {
        if (!needsQuotes(s)) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    private static boolean needsQuotes(String s) {
        if (s.isEmpty()) {
            return false;
        }
        if (s.charAt(0) <= ' ' || s.charAt(s.length() - 1) <= ' ' || s.charAt(0) == '#' || s.charAt(0) == '\uFEFF') {
            return true;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ',' || c == ';' || c == '\t' || c == '"' || c == '\n' || c == '\r') {
                return true;
            }
        }
        return false;
    }

    /** Formats epoch milliseconds as ISO 8601 UTC instants, caching the date of the previous row. */
    static final class TimestampWriter {
        private long cachedDay = Long.MIN_VALUE;
        private String cachedDate;

        void append(long epochMillis, StringBuilder sb) {
            long day = Math.floorDiv(epochMillis, 86_400_000L);
            if (day != cachedDay) {
                cachedDay = day;
                cachedDate = LocalDate.ofEpochDay(day).toString();
            }
            long ms = Math.floorMod(epochMillis, 86_400_000L);
            int h = (int) (ms / 3_600_000L);
            int m = (int) (ms / 60_000L % 60);
            int s = (int) (ms / 1000 % 60);
            int milli = (int) (ms % 1000);
            sb.append(cachedDate).append('T');
            two(h, sb.append(""));
            two(m, sb.append(':'));
            two(s, sb.append(':'));
            if (milli != 0) {
                sb.append('.');
                sb.append((char) ('0' + milli / 100)).append((char) ('0' + milli / 10 % 10)).append((char) ('0' + milli % 10));
            }
            sb.append('Z');
        }

        private static void two(int v, StringBuilder sb) {
            sb.append((char) ('0' + v / 10)).append((char) ('0' + v % 10));
        }
    }
}
