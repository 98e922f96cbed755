package dev.vigil.io.csv;

import dev.vigil.io.LocalTimes;
import dev.vigil.io.TimestampFormat;
import dev.vigil.spi.ColumnLayout;
import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.Names;
import dev.vigil.spi.ReadOptions;
import dev.vigil.spi.ReadResult;
import dev.vigil.spi.VigilException;
import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.spi.log.JobLog;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads a CSV file (or {@code .csv.gz}) into a {@link TimeFrame}, in the file's row order.
 *
 * <p>The {@link CsvTokenizer} reads the file (what it accepts and refuses is described there). The
 * head of the file is sampled first to find the timestamp column (named, or the first column holding
 * date-times, or a time-named column holding epoch numbers) and its {@link TimestampFormat}, and which
 * columns are numeric; then every row is read from the bytes into primitive columns, numbers parsed in
 * place. Non-numeric columns are dropped with a warning unless the user asked for them.
 *
 * <p>Every problem is reported as a {@link VigilException} naming the file, line (as a text editor
 * counts), column and value and saying what would be valid. A line beyond the {@link CsvLimits} is
 * refused, so memory is bounded by the data read, never by one broken line. The file is never
 * modified. Thread-safe (stateless).
 */
public final class CsvReader {
    /** The role {@code DataSettings.columnRoles} gives the label column: its cells must be 1, 0 or missing. */
    private static final String LABEL_ROLE = "label column";
    /**
     * An epoch number in a column named with {@code --timestamp} (and not named like a time) must be
     * at least this far from 1970 (100,000,000 seconds: March 1973): small numbers there are the
     * values of a column named by mistake.
     */
    private static final long SMALLEST_NAMED_EPOCH = 100_000_000_000L;
    private static final Set<String> TIME_NAMES =
            Set.of("timestamp", "time", "datetime", "date", "ts", "epoch", "date_time", "time_stamp");
    /**
     * At most this many records are sampled to tell the columns apart, fewer when they hold more than
     * {@link #SAMPLE_CELLS} cells or {@link #SAMPLE_CHARS} characters (but at least one record).
     */
    private static final int SAMPLE_RECORDS = 200;
    private static final int SAMPLE_CELLS = 1 << 20;
    private static final long SAMPLE_CHARS = 1 << 24;

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
     * Reads a file within the {@linkplain CsvLimits#DEFAULT default limits}.
     *
     * @throws VigilException with code {@link ErrorCode#FILE_NOT_FOUND}, {@link ErrorCode#EMPTY_DATA},
     *     {@link ErrorCode#MALFORMED_DATA}, {@link ErrorCode#BAD_TIMESTAMP}, {@link ErrorCode#BAD_VALUE},
     *     {@link ErrorCode#UNKNOWN_COLUMN} or {@link ErrorCode#IO_FAILURE}
     */
    public static ReadResult readFile(Path file, ReadOptions options, JobLog log) {
        return readFile(file, options, log, CsvLimits.DEFAULT);
    }

    /** Reads a file, as {@link #readFile(Path, ReadOptions, JobLog)}, refusing lines beyond the given limits. */
    public static ReadResult readFile(Path file, ReadOptions options, JobLog log, CsvLimits limits) {
        return read(file, file.toString(), options, log, limits, null).result();
    }

    /**
     * Reads a file as {@link #readFile(Path, ReadOptions, JobLog)} does, naming it {@code source} in
     * messages (for an entry of a zip archive, {@code "machine.zip!/temperature.csv"}).
     */
    public static ReadResult readFile(Path file, String source, ReadOptions options, JobLog log) {
        return read(file, source, options, log, CsvLimits.DEFAULT, null).result();
    }

    /**
     * Reads a file to inspect it: as {@link #readFile(Path, String, ReadOptions, JobLog)}, except that
     * a value cell that is not a number is read as missing and a row whose timestamp does not parse is
     * left out, each counted instead of refused (and the first of each named in a warning). What is
     * wrong with the file as a whole (no header, no timestamp column, a ragged row) is still refused.
     */
    public static Scan scan(Path file, String source, ReadOptions options, JobLog log) {
        return read(file, source, options, log, CsvLimits.DEFAULT, new Tally());
    }

    /**
     * What {@link #scan} read and what it counted instead of refusing.
     *
     * @param result the frame (bad cells missing, rows with a bad timestamp left out), its layout and dropped columns
     * @param invalidValues per value column of the frame, the cells that are not numbers (columns without any left out)
     * @param invalidDateEntries rows left out because their timestamp is not one (in any form)
     * @param unsupportedTimestamps rows left out because their timestamp is written in another form than
     *     the column's (an epoch number among ISO date-times, or the reverse)
     */
    public record Scan(ReadResult result, Map<String, Long> invalidValues, long invalidDateEntries, long unsupportedTimestamps) {
        public Scan {
            Objects.requireNonNull(result, "result is null");
            invalidValues = Collections.unmodifiableMap(new LinkedHashMap<>(invalidValues));
        }
    }

    /** Counts of what a lenient read did not refuse, and where each kind was first met. */
    private static final class Tally {
        long[] invalid = new long[0];
        long invalidDates;
        long unsupported;
        String firstInvalid;
        String firstBadDate;
    }

    private static Scan read(Path file, String name, ReadOptions options, JobLog log, CsvLimits limits, Tally tally) {
        List<String> header;
        List<Sampled> sample = new ArrayList<>();
        try (CsvTokenizer csv = CsvTokenizer.open(file, name, limits)) {
            header = csv.header();
            int records = header.isEmpty() ? 0 : Math.max(1, Math.min(SAMPLE_RECORDS, SAMPLE_CELLS / header.size()));
            long chars = 0;
            while (sample.size() < records && chars < SAMPLE_CHARS && csv.next()) {
                String[] fields = new String[csv.size()];
                for (int c = 0; c < fields.length; c++) {
                    fields[c] = csv.field(c);
                    chars += fields[c].length();
                }
                sample.add(new Sampled(csv.line(), fields));
            }
        }
        if (header.isEmpty()) {
            throw new VigilException(ErrorCode.EMPTY_DATA, name + " is empty; expected a header line and rows of data");
        }
        checkHeader(name, header);
        if (sample.isEmpty()) {
            throw new VigilException(ErrorCode.EMPTY_DATA, name + " has a header but no rows of data");
        }
        int timeIndex = timestampColumn(name, header, sample, options);
        String timeName = header.get(timeIndex);
        Sampled first = sample.get(0);
        if (tally != null) { // the format of the first timestamp that is one
            first = sample.stream().filter(r -> TimestampFormat.detect(r.field(timeIndex)).isPresent()).findFirst().orElse(first);
        }
        Sampled firstTimed = first;
        String firstTime = first.field(timeIndex);
        TimestampFormat format = TimestampFormat.detect(firstTime).orElseThrow(() -> new VigilException(
                ErrorCode.BAD_TIMESTAMP, name + " line " + firstTimed.line() + ", column '" + timeName + "': '" + firstTime + "' "
                        + TimestampFormat.explain(firstTime)));
        checkRequired(name, header, timeName, options);
        if (format.isEpoch() && options.timestamp().isPresent() && !TIME_NAMES.contains(timeName.toLowerCase(Locale.ROOT))
                && TimestampFormat.detect(firstTime).filter(f -> f.parse(firstTime, ZoneOffset.UTC) < SMALLEST_NAMED_EPOCH
                        && f.parse(firstTime, ZoneOffset.UTC) > -SMALLEST_NAMED_EPOCH).isPresent()) {
            throw new VigilException(ErrorCode.BAD_TIMESTAMP, name + " line " + firstTimed.line() + ", column '" + timeName
                    + "' (named with --timestamp): '" + firstTime + "' would be " + java.time.Instant.ofEpochMilli(format.parse(firstTime,
                            ZoneOffset.UTC)) + ", a moment of 1970; is '" + timeName + "' a value column? A timestamp column holds "
                    + TimestampFormat.iso().describe() + ", or numbers since 1970-01-01 of 9 digits or more");
        }

        int[] target = new int[header.size()];
        List<String> dropped = new ArrayList<>();
        List<String> droppedNames = new ArrayList<>();
        int valueCount = 0;
        int timePosition = 0;
        for (int c = 0; c < header.size(); c++) {
            if (c == timeIndex) {
                timePosition = valueCount;
                target[c] = -1;
            } else if (options.required().containsKey(header.get(c)) || isNumeric(sample, c)) {
                target[c] = valueCount++;
            } else {
                target[c] = -1;
                droppedNames.add(header.get(c));
                dropped.add(header.get(c) + " (e.g. '" + firstText(sample, c) + "')");
            }
        }
        if (tally != null) {
            tally.invalid = new long[valueCount];
        }
        boolean[] labels = new boolean[header.size()];
        for (int c = 0; c < header.size(); c++) {
            labels[c] = LABEL_ROLE.equals(options.required().get(header.get(c)));
        }
        LocalTimes local = LocalTimes.of(options.zone());
        Checks checks = new Checks(labels, format.isEpoch() ? null : local);
        Columns columns = readRows(file, name, limits, header.size(), timeIndex, target, valueCount, format, options.zone(), tally, checks);
        local.report(name, log);
        if (checks.notUtf8 > 0) {
            log.warning("Data", checks.notUtf8 + (checks.notUtf8 == 1 ? " cell" : " cells") + " of " + name + " in columns left out "
                    + (checks.notUtf8 == 1 ? "holds" : "hold") + " bytes that are not UTF-8 (the first: " + checks.firstNotUtf8 + "); Vigil reads files as UTF-8, so such "
                    + "text would be read with U+FFFD (\uFFFD) in place of those bytes; save the file as UTF-8.");
        }
        TimeFrame.Builder b = TimeFrame.builder(Arrays.copyOf(columns.times, columns.rows))
                .zone(options.zone()).source(name);
        for (int c = 0; c < header.size(); c++) {
            if (target[c] >= 0) {
                b.column(header.get(c), Arrays.copyOf(columns.values[target[c]], columns.rows));
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
        ReadResult result = new ReadResult(frame, new ColumnLayout(timeName, timePosition, Map.of()), droppedNames);
        if (tally == null) {
            return new Scan(result, Map.of(), 0, 0);
        }
        Map<String, Long> invalid = new LinkedHashMap<>();
        long totalInvalid = 0;
        for (int c = 0; c < header.size(); c++) {
            if (target[c] >= 0 && tally.invalid[target[c]] > 0) {
                invalid.put(header.get(c), tally.invalid[target[c]]);
                totalInvalid += tally.invalid[target[c]];
            }
        }
        if (totalInvalid > 0) {
            log.warning("Data", "Counted " + totalInvalid + (totalInvalid == 1 ? " cell" : " cells") + " of " + name
                    + " that " + (totalInvalid == 1 ? "is not a number" : "are not numbers") + " and read them as missing values, "
                    + "to inspect the file (" + invalid.entrySet().stream().map(e -> "'" + e.getKey() + "' " + e.getValue())
                            .collect(Collectors.joining(", ")) + "; the first: " + tally.firstInvalid + ").");
        }
        long badDates = tally.invalidDates + tally.unsupported;
        if (badDates > 0) {
            log.warning("Data", "Left out " + badDates + (badDates == 1 ? " row" : " rows") + " of " + name + " whose timestamp "
                    + (badDates == 1 ? "does" : "do") + " not parse as " + format.describe() + " (" + tally.invalidDates
                    + " not a timestamp, " + tally.unsupported + " written in another form; the first: " + tally.firstBadDate + ").");
        }
        return new Scan(result, invalid, tally.invalidDates, tally.unsupported);
    }

    /** A sampled record and the line it starts on. */
    private record Sampled(long line, String[] fields) {
        String field(int c) {
            return c < fields.length ? fields[c] : "";
        }
    }

    /** The rows read: timestamps in epoch milliseconds and the value columns, the first {@code rows} of each array. */
    private record Columns(long[] times, double[][] values, int rows) {
    }

    /**
     * What a read checks beyond numbers and timestamps: the cells of label columns (1, 0 or missing),
     * zone-less timestamps near a change of daylight saving time, and text that is not UTF-8 in the
     * columns left out (the others are refused or counted if not numbers).
     */
    private static final class Checks {
        final boolean[] labels;
        final LocalTimes local;
        long notUtf8;
        String firstNotUtf8;

        Checks(boolean[] labels, LocalTimes local) {
            this.labels = labels;
            this.local = local;
        }
    }

    /** Reads every row after the header into primitive columns; with a tally, counting bad cells and rows instead of refusing them. */
    private static Columns readRows(Path file, String name, CsvLimits limits, int fields, int timeIndex, int[] target, int valueCount,
            TimestampFormat format, ZoneId zone, Tally tally, Checks checks) {
        int capacity = 1 << 12;
        long[] times = new long[capacity];
        double[][] values = new double[valueCount][capacity];
        int rows = 0;
        try (CsvTokenizer csv = CsvTokenizer.open(file, name, limits)) {
            while (csv.next()) {
                csv.requireSize(fields);
                if (rows == capacity) {
                    capacity = capacity + (capacity >> 1);
                    times = Arrays.copyOf(times, capacity);
                    for (int v = 0; v < valueCount; v++) {
                        values[v] = Arrays.copyOf(values[v], capacity);
                    }
                }
                if (tally == null) {
                    for (int f = 0; f < fields; f++) {
                        int t = target[f];
                        if (t >= 0) {
                            double v = csv.number(f);
                            if (checks.labels[f] && v != 0 && v != 1 && !Double.isNaN(v)) {
                                throw csv.cellError(ErrorCode.BAD_VALUE, f, "is not a label; labels must be 1 (anomaly), 0 (normal) "
                                        + "or missing (an empty cell: unknown)");
                            }
                            values[t][rows] = v;
                        } else if (f == timeIndex) {
                            times[rows] = time(csv, f, format, zone);
                        } else if (csv.malformedUtf8(f) && checks.notUtf8++ == 0) {
                            checks.firstNotUtf8 = "line " + csv.line() + ", column '" + csv.header().get(f) + "', " + csv.firstMalformed(f);
                        }
                    }
                } else if (!countRow(csv, fields, timeIndex, target, format, zone, tally, times, values, rows)) {
                    continue;
                } else {
                    for (int f = 0; f < fields; f++) {
                        if (target[f] < 0 && f != timeIndex && csv.malformedUtf8(f) && checks.notUtf8++ == 0) {
                            checks.firstNotUtf8 = "line " + csv.line() + ", column '" + csv.header().get(f) + "', " + csv.firstMalformed(f);
                        }
                    }
                }
                if (checks.local != null && checks.local.near(times[rows])) {
                    checks.local.check(times[rows], csv.field(timeIndex), "line " + csv.line());
                }
                rows++;
            }
        }
        return new Columns(times, values, rows);
    }

    /** Reads one row leniently into row {@code row}; false (and counted) when its timestamp does not parse. */
    private static boolean countRow(CsvTokenizer csv, int fields, int timeIndex, int[] target, TimestampFormat format, ZoneId zone,
            Tally tally, long[] times, double[][] values, int row) {
        long time = csv.timestamp(timeIndex, format, zone);
        if (time == TimestampFormat.INVALID) {
            String text = csv.field(timeIndex);
            if (!text.isBlank() && TimestampFormat.detect(text).isPresent()) {
                tally.unsupported++;
            } else {
                tally.invalidDates++;
            }
            if (tally.firstBadDate == null) {
                tally.firstBadDate = "line " + csv.line() + ", '" + text + "'";
            }
            return false;
        }
        times[row] = time;
        for (int f = 0; f < fields; f++) {
            int t = target[f];
            if (t >= 0) {
                values[t][row] = csv.numberOrInvalid(f);
                if (csv.invalidCell()) {
                    tally.invalid[t]++;
                    if (tally.firstInvalid == null) {
                        tally.firstInvalid = "line " + csv.line() + ", column '" + csv.header().get(f) + "': '" + csv.field(f) + "'";
                    }
                }
            }
        }
        return true;
    }

    private static long time(CsvTokenizer csv, int f, TimestampFormat format, ZoneId zone) {
        long time = csv.timestamp(f, format, zone);
        if (time == TimestampFormat.INVALID) {
            String text = csv.field(f);
            throw csv.cellError(ErrorCode.BAD_TIMESTAMP, f, text.isBlank() ? "is empty; every row needs a timestamp"
                    : "is not a timestamp; expected " + format.describe() + ", like the first row");
        }
        return time;
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

    private static int timestampColumn(String name, List<String> header, List<Sampled> sample, ReadOptions options) {
        Optional<String> named = options.timestamp();
        if (named.isPresent()) {
            int i = header.indexOf(named.get());
            if (i < 0) {
                throw new VigilException(ErrorCode.UNKNOWN_COLUMN, name + " has no timestamp column "
                        + Names.unknown(named.get(), header, "columns"));
            }
            return i;
        }
        for (int c = 0; c < header.size(); c++) {
            String v = firstNonEmpty(sample, c);
            if (v != null && TimestampFormat.detectIso(v).isPresent()) {
                return c;
            }
        }
        for (int c = 0; c < header.size(); c++) {
            String v = firstNonEmpty(sample, c);
            if (v != null && TIME_NAMES.contains(header.get(c).toLowerCase(Locale.ROOT))) {
                if (TimestampFormat.detect(v).isPresent()) {
                    return c;
                }
                if (StrictNumbers.looksNumeric(v)) { // a time-named column of numbers that fit no unit: say so
                    String column = header.get(c);
                    int at = c;
                    long line = sample.stream().filter(r -> v.equals(r.field(at))).findFirst().orElseThrow().line();
                    throw new VigilException(ErrorCode.BAD_TIMESTAMP, name + " line " + line + ", column '" + column + "': '"
                            + v + "' " + TimestampFormat.explain(v));
                }
            }
        }
        List<String> firstRow = new ArrayList<>();
        for (int c = 0; c < header.size(); c++) {
            firstRow.add(header.get(c) + "='" + sample.get(0).field(c) + "'");
        }
        throw new VigilException(ErrorCode.BAD_TIMESTAMP, name + " has no timestamp column: no column holds "
                + TimestampFormat.iso().describe() + " (line " + sample.get(0).line() + ": " + String.join(", ", firstRow)
                + "); name the timestamp column explicitly (--timestamp)");
    }

    private static void checkRequired(String name, List<String> header, String timeName, ReadOptions options) {
        String role = options.required().get(timeName);
        if (role != null) {
            List<String> others = new ArrayList<>(header);
            others.remove(timeName);
            throw new VigilException(ErrorCode.UNKNOWN_COLUMN, name + ": '" + timeName + "' is the timestamp column"
                    + (options.timestamp().isPresent() ? " (named with --timestamp)" : "") + ", so it cannot be the " + role
                    + " as well; name a value column: " + String.join(", ", others));
        }
        List<String> valueColumns = new ArrayList<>(header);
        valueColumns.remove(timeName);
        Names.requireColumns(name, options.required(), valueColumns);
    }

    /** Numeric unless most non-missing sampled cells are not numbers. */
    private static boolean isNumeric(List<Sampled> sample, int c) {
        int numbers = 0;
        int others = 0;
        for (Sampled r : sample) {
            String v = r.field(c);
            if (StrictNumbers.MISSING.contains(v.strip())) {
                continue;
            }
            if (StrictNumbers.looksNumeric(v)) {
                numbers++;
            } else {
                others++;
            }
        }
        return others <= numbers;
    }

    private static String firstNonEmpty(List<Sampled> sample, int c) {
        for (Sampled r : sample) {
            String v = r.field(c);
            if (!v.isEmpty()) {
                return v;
            }
        }
        return null;
    }

    /** The first sampled text of a column that is not a number, cut to 40 characters for a message. */
    private static String firstText(List<Sampled> sample, int c) {
        for (Sampled r : sample) {
            String v = r.field(c);
            if (!StrictNumbers.looksNumeric(v)) {
                return v.codePointCount(0, v.length()) <= 40 ? v : v.substring(0, v.offsetByCodePoints(0, 39)) + "…";
            }
        }
        return "";
    }
}
