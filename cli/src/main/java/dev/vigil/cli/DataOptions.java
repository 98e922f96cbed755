package dev.vigil.cli;

import com.google.inject.Inject;
import dev.vigil.io.DataFiles;
import dev.vigil.io.TimestampFormat;
import dev.vigil.io.config.ConfigurationReader;
import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.ReadOptions;
import dev.vigil.spi.ReadResult;
import dev.vigil.spi.VigilException;
import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.spi.log.JobLog;
import dev.vigil.spi.settings.DataSettings;
import dev.vigil.spi.settings.DomainSpecific;
import dev.vigil.spi.settings.JobSettings;
import dev.vigil.spi.settings.RowSelection;
import dev.vigil.spi.settings.RowUnit;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;

/**
 * Options shared by the commands that read a data file and select rows: {@code --data}, {@code
 * --rows}, {@code --from}/{@code --to}, {@code --timestamp}, {@code --zone}. Command-line values
 * override a configuration file's {@code data} block.
 */
final class DataOptions {
    /**
     * The bounds of a range open on one side ({@code --from} or {@code --to} alone): the first and last
     * instant of years 1 and 9999, which a model file writes and reads back as ISO 8601 date-times
     * (a bound further away, such as {@link Instant#MIN}, would be written with a year of 9 digits that
     * no ISO 8601 date-time has).
     */
    static final Instant OPEN_FROM = Instant.parse("0001-01-01T00:00:00Z");
    static final Instant OPEN_TO = Instant.parse("9999-12-31T23:59:59.999Z");
    /** The largest N of {@code --rows}: 18 digits fit a long. */
    private static final long MAX_ROWS = 999_999_999_999_999_999L;
    private static final int MAX_ROWS_DIGITS = 18;
    private static final Pattern ROWS = Pattern.compile("(first|last):(\\d+)([smhd]?)", Pattern.CASE_INSENSITIVE);

    @Option(names = "--data", required = true, paramLabel = "FILE",
            description = "Data file; the format follows the extension (.csv, .csv.gz, .parquet).")
    Path dataFile;

    @Option(names = "--rows", paramLabel = "first:N|last:N",
            description = "Rows to use: the first or last N samples, or N seconds/minutes/hours/days with a suffix s, m, h, d "
                    + "(e.g. first:9392, last:2d).")
    String rows;

    @Option(names = "--from", paramLabel = "TS", description = "First timestamp to use (inclusive).")
    String from;

    @Option(names = "--to", paramLabel = "TS", description = "Last timestamp to use (inclusive).")
    String to;

    @Option(names = "--timestamp", paramLabel = "COL", description = "Column holding the timestamps (default: detected).")
    String timestamp;

    @Option(names = "--zone", paramLabel = "ZONE", defaultValue = "UTC",
            description = "Time zone of timestamps written without one, and of calendar features (default: ${DEFAULT-VALUE}).")
    ZoneId zone;

    /** The settings of a job without a configuration file (bound by the injector). */
    @Inject
    JobSettings defaults;

    /** The settings of a configuration file, or the defaults when there is none. */
    JobSettings settings(Path config, JobLog log) {
        return config == null ? defaults : ConfigurationReader.read(config, zone, log);
    }

    /**
     * The perspectives a configuration file lists in {@code configuration.domainSpecifics}; {@code null}
     * when there is no file or the file has no such key (the caller keeps its own, not the defaults).
     */
    List<DomainSpecific> domainSpecifics(Path config, JobLog log) {
        return config == null ? null : ConfigurationReader.domainSpecifics(config, zone, log).orElse(null);
    }

    /** The row selection the options ask for, or {@code null} when they ask for none. */
    RowSelection rowSelection() {
        if (rows != null && (from != null || to != null)) {
            throw new VigilException(ErrorCode.INVALID_CONFIGURATION, "Give either --rows or --from/--to, not both");
        }
        if (rows != null) {
            Matcher m = ROWS.matcher(rows.strip());
            if (!m.matches()) {
                throw new VigilException(ErrorCode.INVALID_CONFIGURATION, "--rows '" + rows + "' is not understood; write first:N or "
                        + "last:N, N in samples, or with a unit: first:90m, last:2d (s, m, h, d)");
            }
            String digits = m.group(2).replaceFirst("^0+(?=\\d)", "");
            if (digits.length() > MAX_ROWS_DIGITS) { // beyond a long, and beyond any data set by far
                throw new VigilException(ErrorCode.INVALID_CONFIGURATION, "--rows '" + rows + "': " + m.group(2) + " is too large; N may be "
                        + "at most " + MAX_ROWS + " (to use every row, leave --rows out)");
            }
            long n = Long.parseLong(digits);
            if (n < 1) {
                throw new VigilException(ErrorCode.INVALID_CONFIGURATION, "--rows '" + rows + "' selects no rows; N must be at least 1");
            }
            RowUnit unit = switch (m.group(3).toLowerCase(Locale.ROOT)) {
                case "s" -> RowUnit.Second;
                case "m" -> RowUnit.Minute;
                case "h" -> RowUnit.Hour;
                case "d" -> RowUnit.Day;
                default -> RowUnit.Sample;
            };
            return m.group(1).equalsIgnoreCase("first") ? RowSelection.first(n, unit) : RowSelection.last(n, unit);
        }
        if (from != null || to != null) {
            Instant a = from == null ? OPEN_FROM : instant("--from", from);
            Instant b = to == null ? OPEN_TO : instant("--to", to);
            if (b.isBefore(a)) {
                throw new VigilException(ErrorCode.INVALID_CONFIGURATION, "--to '" + to + "' (" + b + ") is before --from '" + from + "' ("
                        + a + "); the range would select no row");
            }
            return RowSelection.ranges(List.of(new RowSelection.TimeRange(a, b)));
        }
        return null;
    }

    /** The data block with the row selection of the options, if any. */
    DataSettings applyRows(DataSettings data) {
        RowSelection selection = rowSelection();
        return selection == null ? data : data.withRows(selection);
    }

    /** Reads the data file, requiring the given columns (name → role). */
    TimeFrame read(DataFiles files, java.util.Map<String, String> required, JobLog log) {
        return readFile(files, required, log).frame();
    }

    /** Reads the data file as {@link #read}, with the columns it left out. */
    ReadResult readFile(DataFiles files, java.util.Map<String, String> required, JobLog log) {
        return files.readFile(dataFile, ReadOptions.DEFAULT.withTimestampColumn(timestamp).withZone(zone).withRequired(required), log);
    }

    private Instant instant(String option, String text) {
        long t = TimestampFormat.iso().parse(text, zone);
        if (t == TimestampFormat.INVALID) {
            throw new VigilException(ErrorCode.INVALID_CONFIGURATION, option + " '" + text + "' is not a timestamp; expected "
                    + TimestampFormat.iso().describe());
        }
        return Instant.ofEpochMilli(t);
    }
}
