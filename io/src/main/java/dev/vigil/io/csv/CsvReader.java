package dev.vigil.io.csv;

import dev.vigil.io.TimestampFormat;
import dev.vigil.spi.ColumnLayout;
import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.Names;
import dev.vigil.spi.ReadOptions;
import dev.vigil.spi.ReadResult;
import dev.vigil.spi.VigilException;
import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.spi.log.JobLog;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.AddCellToColumnException;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * Reads a CSV file (or {@code .csv.gz}) into a {@link TimeFrame}, in the file's row order.
 *
 * <p>The head of the file is sampled first to find the separator ({@code ,}, {@code ;} or tab), the
 * timestamp column (named, or the first column holding date-times, or a time-named column holding
 * epoch numbers) and its {@link TimestampFormat}, and which columns are numeric. {@link FastCsv} then
 * reads the whole file from its bytes into primitive columns; if it meets anything it does not read
 * exactly as Tablesaw would (a bad cell, a ragged row, a comment, an escaped quote), Tablesaw reads the
 * file instead, with Vigil's strict parsers, and reports the problem. Non-numeric columns are dropped
 * with a warning unless the user asked for them.
 *
 * <p>Every problem is reported as a {@link VigilException} naming the file, line, column and value
 * and saying what would be valid. The file is never modified. Thread-safe (stateless).
 */
public final class CsvReader {
    private static final Pattern RAGGED = Pattern.compile("Row number (\\d+) contains (\\d+) columns\\. (\\d+) expected");
    private static final Set<String> TIME_NAMES =
            Set.of("timestamp", "time", "datetime", "date", "ts", "epoch", "date_time", "time_stamp");

    private CsvReader() {
    }

    /** Reads a file with default options. */
    public static TimeFrame read(Path file, JobLog log) {
        return read(file, ReadOptions.DEFAULT, log);
    }

    /**
     * Reads a file, as {@link #readFile}.
     */
    public static TimeFrame read(Path file, ReadOptions options, JobLog log) {
        return readFile(file, options, log).frame();
    }

    /**
     * Reads a file.
     *
     * @throws VigilException with code {@link ErrorCode#FILE_NOT_FOUND}, {@link ErrorCode#EMPTY_DATA},
     *     {@link ErrorCode#MALFORMED_DATA}, {@link ErrorCode#BAD_TIMESTAMP}, {@link ErrorCode#BAD_VALUE},
     *     {@link ErrorCode#UNKNOWN_COLUMN} or {@link ErrorCode#IO_FAILURE}
     */
    public static ReadResult readFile(Path file, ReadOptions options, JobLog log) {
        return read(file, options, log, true);
    }

    /** Reads a file, through {@link FastCsv} first when {@code fast}, else through Tablesaw only (for tests). */
    static ReadResult read(Path file, ReadOptions options, JobLog log, boolean fast) {
        String name = file.toString();
        if (!Files.exists(file)) {
            throw new VigilException(ErrorCode.FILE_NOT_FOUND, name + " does not exist");
        }
        if (!Files.isRegularFile(file)) {
            throw new VigilException(ErrorCode.FILE_NOT_FOUND, name + " is not a file");
        }
        CsvSniffer.Head head;
        try (BufferedReader in = new BufferedReader(reader(file))) {
            head = CsvSniffer.sniff(in);
        } catch (IOException e) {
            throw new VigilException(ErrorCode.IO_FAILURE, "Cannot read " + name + ": " + e.getMessage(), e);
        }
        if (head == null) {
            throw new VigilException(ErrorCode.EMPTY_DATA, name + " is empty; expected a header line and rows of data");
        }
        List<String> header = head.header();
        checkHeader(name, header);
        if (head.sample().isEmpty()) {
            throw new VigilException(ErrorCode.EMPTY_DATA, name + " has a header but no rows of data");
        }
        int timeIndex = timestampColumn(name, header, head.sample(), options);
        String timeName = header.get(timeIndex);
        CsvSniffer.Record firstRecord = head.sample().get(0);
        String firstTime = field(firstRecord, timeIndex);
        TimestampFormat format = TimestampFormat.detect(firstTime).orElseThrow(() -> new VigilException(
                ErrorCode.BAD_TIMESTAMP, name + " line " + firstRecord.line() + ", column '" + timeName + "': '" + firstTime
                        + "' is not a timestamp; expected " + TimestampFormat.iso().describe() + ", or seconds or milliseconds since 1970"));
        checkRequired(name, header, timeName, options);

        ColumnType[] types = new ColumnType[header.size()];
        List<String> dropped = new ArrayList<>();
        List<String> droppedNames = new ArrayList<>();
        for (int c = 0; c < header.size(); c++) {
            if (c == timeIndex) {
                types[c] = new VigilColumnTypes.EpochMillis(format, options.zone());
            } else if (options.required().containsKey(header.get(c)) || isNumeric(head.sample(), c)) {
                types[c] = VigilColumnTypes.StrictDouble.INSTANCE;
            } else {
                types[c] = VigilColumnTypes.Ignored.INSTANCE;
                droppedNames.add(header.get(c));
                dropped.add(header.get(c) + " (e.g. '" + firstText(head.sample(), c) + "')");
            }
        }
        int[] target = new int[header.size()];
        int valueCount = 0;
        int timePosition = 0;
        for (int c = 0; c < header.size(); c++) {
            if (c == timeIndex) {
                timePosition = valueCount;
            }
            target[c] = c != timeIndex && types[c] != VigilColumnTypes.Ignored.INSTANCE ? valueCount++ : -1;
        }
        long[] time;
        double[][] values = new double[valueCount][];
        Optional<FastCsv.Columns> read = Optional.empty();
        if (fast) {
            try (InputStream in = input(file)) {
                read = FastCsv.read(in, head.separator(), timeIndex, target, valueCount, format, options.zone());
            } catch (IOException e) {
                throw new VigilException(ErrorCode.IO_FAILURE, "Cannot read " + name + ": " + e.getMessage(), e);
            }
        }
        if (read.isPresent()) {
            int rows = read.get().rows();
            time = Arrays.copyOf(read.get().times(), rows);
            for (int v = 0; v < valueCount; v++) {
                values[v] = Arrays.copyOf(read.get().values()[v], rows);
            }
        } else { // the fast path gave up: Tablesaw reads the file, and reports its problem with the line
            Table table = readTable(file, name, head.separator(), types);
            double[] epochMillis = ((DoubleColumn) table.column(timeName)).asDoubleArray();
            time = new long[epochMillis.length];
            for (int i = 0; i < time.length; i++) {
                time[i] = (long) epochMillis[i];
            }
            for (int c = 0; c < header.size(); c++) {
                if (target[c] >= 0) {
                    values[target[c]] = ((DoubleColumn) table.column(header.get(c))).asDoubleArray();
                }
            }
        }
        if (time.length == 0) {
            throw new VigilException(ErrorCode.EMPTY_DATA, name + " has a header but no rows of data");
        }
        TimeFrame.Builder b = TimeFrame.builder(time)
                .zone(options.zone()).source(name);
        for (int c = 0; c < header.size(); c++) {
            if (target[c] >= 0) {
                b.column(header.get(c), values[target[c]]);
            }
        }
        TimeFrame frame = b.build();
        log.info("Data", "Read " + frame.rows() + " rows and " + frame.columnCount() + " value columns from " + name
                + " (timestamps in column '" + timeName + "', " + (format.isEpoch() ? format.describe() : "ISO 8601")
                + (format.isEpoch() ? "" : ", zone-less ones read as " + options.zone()) + ").");
        if (!dropped.isEmpty()) {
            log.warning("Data", "Dropped " + dropped.size() + " non-numeric " + (dropped.size() == 1 ? "column" : "columns")
                    + " of " + name + ": " + String.join(", ", dropped)
                    + ". Name a column as KPI or influencer to have its cells checked instead.");
        }
        return new ReadResult(frame, new ColumnLayout(timeName, timePosition, Map.of()), droppedNames);
    }

    private static Reader reader(Path file) throws IOException {
        return new InputStreamReader(input(file), StandardCharsets.UTF_8);
    }

    /** The file's bytes, decompressed if its name ends in {@code .gz}. */
    private static InputStream input(Path file) throws IOException {
        InputStream in = Files.newInputStream(file);
        if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz")) {
            in = new GZIPInputStream(in, 1 << 16);
        }
        return in;
    }

    private static void checkHeader(String name, List<String> header) {
        Set<String> seen = new HashSet<>();
        for (int c = 0; c < header.size(); c++) {
            String col = header.get(c);
            if (col.isEmpty()) {
                throw new VigilException(ErrorCode.MALFORMED_DATA, name + " line 1: column " + (c + 1)
                        + " of the header has no name; every column needs a unique name");
            }
            if (!seen.add(col)) {
                throw new VigilException(ErrorCode.MALFORMED_DATA, name + " line 1: column name '" + col
                        + "' appears twice in the header; every column needs a unique name");
            }
        }
        if (header.size() < 2) {
            throw new VigilException(ErrorCode.MALFORMED_DATA, name + " line 1: the header has a single column '"
                    + header.get(0) + "'; expected a timestamp column and at least one value column separated by ',' or ';'");
        }
    }

    private static int timestampColumn(String name, List<String> header, List<CsvSniffer.Record> sample, ReadOptions options) {
        Optional<String> named = options.timestamp();
        if (named.isPresent()) {
            int i = header.indexOf(named.get());
            if (i < 0) {
                throw new VigilException(ErrorCode.UNKNOWN_COLUMN, name + " has no timestamp column "
                        + Names.unknown(named.get(), header, "columns"));
            }
            return i;
        }
        String firstValues = null;
        for (int c = 0; c < header.size(); c++) {
            String v = firstNonEmpty(sample, c);
            if (v != null && TimestampFormat.detectIso(v).isPresent()) {
                return c;
            }
        }
        for (int c = 0; c < header.size(); c++) {
            String v = firstNonEmpty(sample, c);
            if (v != null && TIME_NAMES.contains(header.get(c).toLowerCase(Locale.ROOT)) && TimestampFormat.detect(v).isPresent()) {
                return c;
            }
        }
        List<String> firstRow = new ArrayList<>();
        for (int c = 0; c < header.size(); c++) {
            firstRow.add(header.get(c) + "='" + field(sample.get(0), c) + "'");
        }
        firstValues = String.join(", ", firstRow);
        throw new VigilException(ErrorCode.BAD_TIMESTAMP, name + " has no timestamp column: no column holds "
                + TimestampFormat.iso().describe() + " (line " + sample.get(0).line() + ": " + firstValues
                + "); name the timestamp column explicitly (--timestamp)");
    }

    private static void checkRequired(String name, List<String> header, String timeName, ReadOptions options) {
        List<String> valueColumns = new ArrayList<>(header);
        valueColumns.remove(timeName);
        Names.requireColumns(name, options.required(), valueColumns);
    }

    /** Numeric unless most non-missing sampled cells are not numbers. */
    private static boolean isNumeric(List<CsvSniffer.Record> sample, int c) {
        int numbers = 0;
        int others = 0;
        for (CsvSniffer.Record r : sample) {
            String v = field(r, c);
            if (StrictNumbers.MISSING.contains(v)) {
                continue;
            }
            if (StrictNumbers.isNumberOrMissing(v)) {
                numbers++;
            } else {
                others++;
            }
        }
        return others <= numbers;
    }

    private static Table readTable(Path file, String name, char separator, ColumnType[] types) {
        try (Reader in = reader(file)) {
            CsvReadOptions options = CsvReadOptions.builder(in)
                    .separator(separator)
                    .header(true)
                    .columnTypes(types)
                    .maxNumberOfColumns(Math.max(512, types.length + 16))
                    .maxCharsPerColumn(1 << 16)
                    .tableName(name)
                    .build();
            return Table.read().usingOptions(options);
        } catch (AddCellToColumnException e) {
            throw cellError(file, name, e);
        } catch (IOException e) {
            throw new VigilException(ErrorCode.IO_FAILURE, "Cannot read " + name + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            if (e.getCause() instanceof AddCellToColumnException cell) {
                throw cellError(file, name, cell);
            }
            Optional<VigilException> ragged = ragged(file, name, String.valueOf(e.getMessage()));
            if (ragged.isPresent()) {
                throw ragged.get();
            }
            throw new VigilException(ErrorCode.MALFORMED_DATA, name + " cannot be read as CSV: " + e.getMessage(), e);
        }
    }

    /** A bad cell as a Vigil error; the file is read once more, to name the cell's physical line. */
    private static VigilException cellError(Path file, String name, AddCellToColumnException e) {
        String column = e.getColumnName();
        Throwable cause = e.getCause();
        if (cause instanceof BadCellException bad) {
            ErrorCode code = bad.reason.contains("timestamp") ? ErrorCode.BAD_TIMESTAMP : ErrorCode.BAD_VALUE;
            return new VigilException(code, name + " line " + line(file, e.getRowNumber()) + ", column '" + column + "': '" + bad.value
                    + "' " + bad.reason);
        }
        String message = cause == null ? String.valueOf(e.getMessage()) : String.valueOf(cause.getMessage());
        return ragged(file, name, message).orElseGet(() -> new VigilException(ErrorCode.MALFORMED_DATA, name + " line "
                + line(file, e.getRowNumber()) + ", column '" + column + "': " + message, e));
    }

    /** Tablesaw's message for a row with too few or too many fields, as a Vigil error. */
    private static Optional<VigilException> ragged(Path file, String name, String message) {
        Matcher m = RAGGED.matcher(message);
        if (!m.find()) {
            return Optional.empty();
        }
        long line = line(file, Long.parseLong(m.group(1)));
        return Optional.of(new VigilException(ErrorCode.MALFORMED_DATA, name + " line " + line + " has " + m.group(2)
                + " fields but the header has " + m.group(3) + "; every row needs one field per column"));
    }

    /**
     * The physical line of Tablesaw's data row {@code row} (counted from 1 after the header, blank
     * lines, comment lines and the line breaks inside quoted fields not counted): the file is read
     * again, only when there is an error to report.
     */
    private static long line(Path file, long row) {
        try (BufferedReader in = new BufferedReader(reader(file))) {
            long line = CsvSniffer.lineOfRecord(in, row);
            return line > 0 ? line : row + 1;
        } catch (IOException e) {
            return row + 1; // the file was readable a moment ago; the row's position is the best left
        }
    }

    private static String field(CsvSniffer.Record r, int c) {
        return c < r.fields().size() ? r.fields().get(c) : "";
    }

    private static String firstNonEmpty(List<CsvSniffer.Record> sample, int c) {
        for (CsvSniffer.Record r : sample) {
            String v = field(r, c);
            if (!v.isEmpty()) {
                return v;
            }
        }
        return null;
    }

    private static String firstText(List<CsvSniffer.Record> sample, int c) {
        for (CsvSniffer.Record r : sample) {
            String v = field(r, c);
            if (!StrictNumbers.isNumberOrMissing(v)) {
                return v;
            }
        }
        return "";
    }
}
