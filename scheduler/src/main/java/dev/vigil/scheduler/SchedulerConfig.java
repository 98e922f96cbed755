package dev.vigil.scheduler;

import static java.util.Objects.requireNonNull;

import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.VigilException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * An inference scheduler's configuration: Lookout's {@code CreateInferenceSchedulerRequest} (reference §5.6) on
 * one machine. The values are checked here; {@link #parse} reads them as a user types them and reports every
 * problem at once, each naming the CLI option, Lookout's field, the value and what would be valid.
 *
 * @param name the scheduler's name ({@code InferenceSchedulerName}): 1 to 200 letters, digits, '_' or '-'
 * @param model the model file, KPI-driven or system-driven ({@code ModelName})
 * @param input the flat folder the input files arrive in
 * @param output the folder the results are written under, one sub-folder per execution
 * @param frequency {@code DataUploadFrequency}: PT5M, PT10M, PT15M, PT30M or PT1H; windows are aligned to the hour
 * @param delay {@code DataDelayOffsetInMinutes}: how long after a window ends its run starts, 0 to 60 whole minutes
 * @param timeZoneOffset {@code InputTimeZoneOffset}: the offset the file-name timestamps are written in (rows are UTC)
 * @param timestampFormat {@code TimestampFormat} of the file names
 * @param delimiter {@code ComponentTimestampDelimiter}: "-", "_", " " or "" (none)
 * @param start no window ends at or before it: the first window is the one that ends first after it
 * @param maxCatchUpWindows at most this many missed windows are run when the scheduler catches up (the newest ones)
 */
public record SchedulerConfig(String name, Path model, Path input, Path output, Duration frequency, Duration delay, ZoneOffset timeZoneOffset,
        NameFormat timestampFormat, String delimiter, Instant start, int maxCatchUpWindows) {
    /** Lookout's frequencies. */
    public static final List<Duration> FREQUENCIES =
            List.of(Duration.ofMinutes(5), Duration.ofMinutes(10), Duration.ofMinutes(15), Duration.ofMinutes(30), Duration.ofHours(1));
    /** Lookout's delimiters. */
    public static final List<String> DELIMITERS = List.of("-", "_", " ", "");
    /** The default cap on catch-up: a day of 5-minute windows. */
    public static final int DEFAULT_MAX_CATCH_UP = 288;
    private static final Pattern NAME = Pattern.compile("[0-9A-Za-z_-]{1,200}");
    private static final Pattern OFFSET = Pattern.compile("[+-]\\d{2}:\\d{2}");

    public SchedulerConfig {
        requireNonNull(name, "name is null");
        requireNonNull(model, "model is null");
        requireNonNull(input, "input is null");
        requireNonNull(output, "output is null");
        requireNonNull(frequency, "frequency is null");
        requireNonNull(delay, "delay is null");
        requireNonNull(timeZoneOffset, "timeZoneOffset is null");
        requireNonNull(timestampFormat, "timestampFormat is null");
        requireNonNull(delimiter, "delimiter is null");
        requireNonNull(start, "start is null");
        List<String> problems = new ArrayList<>();
        checkName(name, problems);
        if (!FREQUENCIES.contains(frequency)) {
            problems.add(frequencyProblem(frequency.toString()));
        }
        checkDelay(delay, delay.toString(), problems);
        if (!DELIMITERS.contains(delimiter)) {
            problems.add(delimiterProblem(delimiter));
        }
        checkFoldersAndCap(input, output, maxCatchUpWindows, problems);
        if (!problems.isEmpty()) {
            throw VigilException.ofProblems(ErrorCode.INVALID_CONFIGURATION, "Scheduler '" + name + "' cannot be configured", problems);
        }
    }

    /**
     * A configuration from the values a user typed, every problem reported at once.
     *
     * @param frequency {@code PT5M}, {@code PT10M}, {@code PT15M}, {@code PT30M} or {@code PT1H}
     * @param delay an ISO 8601 period of whole minutes from PT0M to PT60M (or a number of minutes)
     * @param offset {@code +HH:MM} or {@code -HH:MM}
     * @param format {@code EPOCH}, {@code yyyy-MM-dd-HH-mm-ss} or {@code yyyyMMddHHmmss}
     * @param delimiter {@code -}, {@code _}, a space or empty; {@code none} is read as empty
     * @param start an ISO 8601 instant; {@code null}: {@code now}
     * @throws VigilException {@link ErrorCode#INVALID_CONFIGURATION} listing every problem
     */
    public static SchedulerConfig parse(String name, Path model, Path input, Path output, String frequency, String delay, String offset,
            String format, String delimiter, String start, int maxCatchUpWindows, Instant now) {
        List<String> problems = new ArrayList<>();
        checkName(name, problems);
        Duration f = null;
        try {
            f = Duration.parse(frequency.trim().toUpperCase(Locale.ROOT));
            if (!FREQUENCIES.contains(f)) {
                problems.add(frequencyProblem(frequency));
                f = null;
            }
        } catch (DateTimeParseException e) {
            problems.add(frequencyProblem(frequency));
        }
        Duration d = null;
        try {
            String t = delay.trim().toUpperCase(Locale.ROOT);
            d = t.matches("\\d{1,3}") ? Duration.ofMinutes(Long.parseLong(t)) : Duration.parse(t);
            List<String> delayProblems = new ArrayList<>();
            checkDelay(d, delay, delayProblems);
            if (!delayProblems.isEmpty()) {
                problems.addAll(delayProblems);
                d = null;
            }
        } catch (DateTimeParseException e) {
            problems.add("--delay '" + delay + "' (DataDelayOffsetInMinutes) is not valid; give whole minutes from PT0M to PT60M (e.g. PT5M), or a number of minutes 0 to 60");
        }
        ZoneOffset z = null;
        if (!OFFSET.matcher(offset).matches()) {
            problems.add(offsetProblem(offset));
        } else {
            try {
                z = ZoneOffset.of(offset);
            } catch (java.time.DateTimeException e) {
                problems.add(offsetProblem(offset));
            }
        }
        NameFormat nf = NameFormat.ofText(format);
        if (nf == null) {
            problems.add("--timestamp-format '" + format + "' (TimestampFormat) is not valid; use one of " + String.join(", ", NameFormat.texts()));
        }
        String delim = delimiter.equalsIgnoreCase("none") ? "" : delimiter;
        if (!DELIMITERS.contains(delim)) {
            problems.add(delimiterProblem(delimiter));
        }
        Instant s = now;
        if (start != null) {
            try {
                s = Instant.parse(start);
            } catch (DateTimeParseException e) {
                problems.add("--start '" + start + "' (StartTime) is not an ISO 8601 instant; write e.g. 2026-12-07T09:00:00Z");
            }
        }
        checkFoldersAndCap(input, output, maxCatchUpWindows, problems);
        if (!problems.isEmpty()) {
            throw VigilException.ofProblems(ErrorCode.INVALID_CONFIGURATION, "Scheduler '" + name + "' cannot be configured", problems);
        }
        return new SchedulerConfig(name, model, input, output, f, d, z, nf, delim, s, maxCatchUpWindows);
    }

    private static void checkFoldersAndCap(Path input, Path output, int maxCatchUpWindows, List<String> problems) {
        if (maxCatchUpWindows < 1) {
            problems.add("--max-catch-up " + maxCatchUpWindows + " (MaxCatchUpWindows) is not valid; it must be 1 or more (default "
                    + DEFAULT_MAX_CATCH_UP + ")");
        }
        if (input.toAbsolutePath().normalize().equals(output.toAbsolutePath().normalize())) {
            problems.add("the input and output folders are the same (" + input + "); results would be read as input. Give another --output");
        }
    }

    private static void checkName(String name, List<String> problems) {
        if (!NAME.matcher(name).matches()) {
            problems.add("NAME '" + name + "' (InferenceSchedulerName) is not valid; use 1 to 200 letters, digits, '_' or '-'");
        }
    }

    private static String frequencyProblem(String given) {
        return "--frequency '" + given + "' (DataUploadFrequency) is not valid; use one of PT5M, PT10M, PT15M, PT30M, PT1H (windows are aligned to the hour)";
    }

    private static void checkDelay(Duration delay, String given, List<String> problems) {
        if (delay.isNegative() || delay.compareTo(Duration.ofMinutes(60)) > 0 || delay.toSeconds() % 60 != 0 || delay.getNano() != 0) {
            problems.add("--delay '" + given + "' (DataDelayOffsetInMinutes) is not valid; give whole minutes from PT0M to PT60M (Lookout's DataDelayOffsetInMinutes, 0 to 60)");
        }
    }

    private static String offsetProblem(String given) {
        return "--timezone-offset '" + given + "' (InputTimeZoneOffset) is not valid; write +HH:MM or -HH:MM, e.g. +00:00, +05:30 or -08:00";
    }

    private static String delimiterProblem(String given) {
        return "--delimiter '" + given + "' (ComponentTimestampDelimiter) is not valid; use '-', '_', ' ' (a space) or '' (none)";
    }

    /** The frequency as Lookout writes it: PT5M … PT1H. */
    public String frequencyText() {
        return frequency.toString();
    }

    /** The configuration with the field names of Lookout's {@code DescribeInferenceScheduler} where they exist. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("InferenceSchedulerName", name);
        m.put("ModelName", model.toString());
        m.put("DataUploadFrequency", frequencyText());
        m.put("DataDelayOffsetInMinutes", delay.toMinutes());
        Map<String, Object> in = new LinkedHashMap<>();
        in.put("InputFolder", input.toString());
        in.put("InputTimeZoneOffset", timeZoneOffset.getId().equals("Z") ? "+00:00" : timeZoneOffset.getId());
        Map<String, Object> names = new LinkedHashMap<>();
        names.put("TimestampFormat", timestampFormat.text());
        names.put("ComponentTimestampDelimiter", delimiter);
        in.put("InferenceInputNameConfiguration", names);
        m.put("DataInputConfiguration", in);
        m.put("DataOutputConfiguration", Map.of("OutputFolder", output.toString()));
        m.put("StartTime", start.toString());
        m.put("MaxCatchUpWindows", maxCatchUpWindows);
        return m;
    }

    /** Reads {@link #toMap()} back. */
    @SuppressWarnings("unchecked")
    public static SchedulerConfig fromMap(Map<String, Object> m) {
        Map<String, Object> in = (Map<String, Object>) m.get("DataInputConfiguration");
        Map<String, Object> names = (Map<String, Object>) in.get("InferenceInputNameConfiguration");
        Map<String, Object> out = (Map<String, Object>) m.get("DataOutputConfiguration");
        return new SchedulerConfig((String) m.get("InferenceSchedulerName"), Path.of((String) m.get("ModelName")), Path.of((String) in.get("InputFolder")),
                Path.of((String) out.get("OutputFolder")), Duration.parse((String) m.get("DataUploadFrequency")),
                Duration.ofMinutes(((Number) m.get("DataDelayOffsetInMinutes")).longValue()), ZoneOffset.of((String) in.get("InputTimeZoneOffset")),
                NameFormat.ofText((String) names.get("TimestampFormat")), (String) names.get("ComponentTimestampDelimiter"),
                Instant.parse((String) m.get("StartTime")), ((Number) m.get("MaxCatchUpWindows")).intValue());
    }
}
