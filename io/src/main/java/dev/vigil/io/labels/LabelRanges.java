package dev.vigil.io.labels;

import static java.util.Objects.requireNonNull;

import dev.vigil.io.TimestampFormat;
import dev.vigil.io.csv.CsvTokenizer;
import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.VigilException;
import dev.vigil.spi.log.JobLog;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * Labelled ranges of time (Lookout for Equipment's label files), in time order and not overlapping; the
 * same labels a 0/1 label column gives, as ranges. Read from a CSV of {@code start,end[,label]}
 * lines, with or without a header (docs/file-formats.md#label-ranges):
 *
 * <ul>
 *   <li>a range whose end is before its start is refused, naming the line;
 *   <li>lines need not be in time order: the ranges are sorted by start, which the log says;
 *   <li>ranges that share an instant are merged into one from the earliest start to the latest end, their
 *       labels joined with {@code +} when they differ; the log names the lines merged.
 * </ul>
 *
 * @param source the file (or frame) they came from, for messages
 * @param ranges sorted by start, none overlapping another
 */
public record LabelRanges(String source, List<LabelRange> ranges) {
    /** The origin of log entries. */
    static final String ORIGIN = "Labels";

    public LabelRanges {
        requireNonNull(source, "source is null");
        ranges = List.copyOf(requireNonNull(ranges, "ranges is null"));
        for (int i = 1; i < ranges.size(); i++) {
            if (ranges.get(i).start() <= ranges.get(i - 1).end()) {
                throw new IllegalArgumentException("ranges must be sorted and apart: " + ranges.get(i - 1) + ", then " + ranges.get(i));
            }
        }
    }

    /**
     * Reads a label file: {@code start,end} or {@code start,end,label} per line, timestamps in any form
     * {@link TimestampFormat} reads (e.g. {@code 2015-01-10T10:00:00.000000} or {@code 2015-01-10 10:00:00}).
     * The first line is a header when its first field is not a timestamp.
     *
     * @param zone the zone of timestamps written without one
     * @throws VigilException {@link ErrorCode#BAD_TIMESTAMP} or {@link ErrorCode#MALFORMED_DATA} naming the
     *     file, line, column and value; {@link ErrorCode#EMPTY_DATA} for a file without a range
     */
    public static LabelRanges read(Path file, ZoneId zone, JobLog log) {
        requireNonNull(zone, "zone is null");
        requireNonNull(log, "log is null");
        String name = file.toString();
        List<LabelRange> read = new ArrayList<>();
        List<Long> lines = new ArrayList<>();
        try (CsvTokenizer csv = CsvTokenizer.open(file)) {
            List<String> header = csv.header();
            if (header.isEmpty()) {
                throw new VigilException(ErrorCode.EMPTY_DATA, name + " is empty; a label file has one start,end[,label] line per range");
            }
            boolean headerIsData = TimestampFormat.detect(header.get(0)).isPresent();
            String[] names = headerIsData ? new String[] {"start", "end", "label"}
                    : header.toArray(new String[0]);
            if (header.size() < 2 || header.size() > 3) {
                throw new VigilException(ErrorCode.MALFORMED_DATA, name + " line 1 has " + header.size() + (header.size() == 1 ? " field" : " fields")
                        + " (" + String.join(",", header) + "); a label file has start,end or start,end,label on every line");
            }
            if (headerIsData) {
                read.add(range(name, 1, header.toArray(new String[0]), names, zone));
                lines.add(1L);
            }
            while (csv.next()) {
                if (csv.size() != header.size()) {
                    throw new VigilException(ErrorCode.MALFORMED_DATA, name + " line " + csv.line() + " has " + csv.size() + " fields where line 1 has "
                            + header.size() + "; every line is start,end" + (header.size() == 3 ? ",label" : ""));
                }
                String[] f = new String[csv.size()];
                for (int i = 0; i < f.length; i++) {
                    f[i] = csv.field(i);
                }
                read.add(range(name, csv.line(), f, names, zone));
                lines.add(csv.line());
            }
        }
        if (read.isEmpty()) {
            throw new VigilException(ErrorCode.EMPTY_DATA, name + " has a header but no range; add start,end[,label] lines");
        }
        return normalize(name, read, lines, log);
    }

    private static LabelRange range(String name, long line, String[] f, String[] names, ZoneId zone) {
        long start = time(name, line, names[0], f[0], zone);
        long end = time(name, line, names[1], f[1], zone);
        if (end < start) {
            throw new VigilException(ErrorCode.MALFORMED_DATA, name + " line " + line + ": the range ends ('" + f[1] + "', column '" + names[1]
                    + "') before it starts ('" + f[0] + "', column '" + names[0] + "'); write the start first");
        }
        return new LabelRange(start, end, f.length > 2 ? f[2].strip() : "");
    }

    private static long time(String name, long line, String column, String text, ZoneId zone) {
        Optional<TimestampFormat> format = TimestampFormat.detect(text);
        long t = format.map(f -> f.parse(text.strip(), zone)).orElse(TimestampFormat.INVALID);
        if (t == TimestampFormat.INVALID) {
            throw new VigilException(ErrorCode.BAD_TIMESTAMP, name + " line " + line + ", column '" + column + "': '" + text + "' "
                    + TimestampFormat.explain(text));
        }
        return t;
    }

    /**
     * Ranges in any order, sorted and those sharing an instant merged (see the class comment); each step logged.
     *
     * @param lines where each range came from (line numbers), for the log; same size as {@code ranges}
     */
    static LabelRanges normalize(String source, List<LabelRange> ranges, List<Long> lines, JobLog log) {
        Integer[] order = new Integer[ranges.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingLong(i -> ranges.get(i).start()));
        boolean sorted = true;
        for (int i = 0; i < order.length; i++) {
            sorted &= order[i] == i;
        }
        if (!sorted) {
            log.info(ORIGIN, "Sorted the " + ranges.size() + " ranges of " + source + " by their start; the file lists them in another order.");
        }
        List<LabelRange> out = new ArrayList<>();
        List<String> merges = new ArrayList<>();
        int k = 0;
        while (k < order.length) {
            LabelRange r = ranges.get(order[k]);
            long end = r.end();
            LinkedHashSet<String> labels = new LinkedHashSet<>();
            if (!r.label().isEmpty()) {
                labels.add(r.label());
            }
            List<Long> merged = new ArrayList<>(List.of(lines.get(order[k])));
            int j = k + 1;
            while (j < order.length && ranges.get(order[j]).start() <= end) {
                LabelRange next = ranges.get(order[j]);
                end = Math.max(end, next.end());
                if (!next.label().isEmpty()) {
                    labels.add(next.label());
                }
                merged.add(lines.get(order[j]));
                j++;
            }
            LabelRange m = new LabelRange(r.start(), end, String.join("+", labels));
            if (merged.size() > 1) {
                merges.add("lines " + merged + " into " + m);
            }
            out.add(m);
            k = j;
        }
        if (!merges.isEmpty()) {
            log.warning(ORIGIN, "Merged ranges of " + source + " that overlap (share an instant) into one each: "
                    + String.join("; ", merges.subList(0, Math.min(5, merges.size()))) + (merges.size() > 5 ? "; …" : "") + ".");
        }
        log.info(ORIGIN, "Read " + out.size() + (out.size() == 1 ? " labelled range" : " labelled ranges") + " from " + source + ".");
        return new LabelRanges(source, out);
    }

    /**
     * The runs of a 0/1 label column as ranges, from the first to the last timestamp of each run: the
     * labels of a table in the form of a label file.
     *
     * @param times the rows' timestamps, in time order
     * @param flags one per row, true where labelled
     */
    public static LabelRanges fromFlags(String source, long[] times, boolean[] flags) {
        if (times.length != flags.length) {
            throw new IllegalArgumentException(flags.length + " flags for " + times.length + " rows");
        }
        List<LabelRange> out = new ArrayList<>();
        int first = -1;
        for (int i = 0; i <= flags.length; i++) {
            boolean on = i < flags.length && flags[i];
            if (on && first < 0) {
                first = i;
            } else if (!on && first >= 0) {
                out.add(new LabelRange(times[first], times[i - 1], ""));
                first = -1;
            }
        }
        return new LabelRanges(source, out);
    }

    /**
     * One flag per row: true where its timestamp lies in a range (both ends included), as a label column
     * would have it. One binary search per row; the rows need not be in order.
     */
    public boolean[] mask(long[] times) {
        boolean[] out = new boolean[times.length];
        long[] starts = ranges.stream().mapToLong(LabelRange::start).toArray();
        for (int i = 0; i < times.length; i++) {
            int at = Arrays.binarySearch(starts, times[i]);
            int r = at >= 0 ? at : -at - 2; // the last range starting at or before the row
            out[i] = r >= 0 && times[i] <= ranges.get(r).end();
        }
        return out;
    }

    /**
     * Whether a range shares an instant with the data's time range, {@code [min, max]} of {@code times}; when none does
     * (and both have some), warns in {@code log}: such labels were most likely meant for other data, and every row would
     * be labelled normal without a word.
     */
    public boolean overlapsData(long[] times, JobLog log) {
        if (ranges.isEmpty() || times.length == 0) {
            return !ranges.isEmpty();
        }
        long min = Arrays.stream(times).min().getAsLong();
        long max = Arrays.stream(times).max().getAsLong();
        if (!within(min, max).isEmpty()) {
            return true;
        }
        log.warning(ORIGIN, "No labelled range of " + source + " overlaps the data's time range (data: " + java.time.Instant.ofEpochMilli(min)
                + " to " + java.time.Instant.ofEpochMilli(max) + "; labels: " + java.time.Instant.ofEpochMilli(ranges.get(0).start()) + " to "
                + java.time.Instant.ofEpochMilli(ranges.stream().mapToLong(LabelRange::end).max().getAsLong())
                + "): every row counts as normal. Check the file, or its time zone (--zone)");
        return false;
    }

    /** The ranges that share an instant with {@code [from, to]}, cut to it: the labels of one period. */
    public LabelRanges within(long from, long to) {
        List<LabelRange> out = new ArrayList<>();
        for (LabelRange r : ranges) {
            if (r.start() <= to && r.end() >= from) {
                out.add(new LabelRange(Math.max(from, r.start()), Math.min(to, r.end()), r.label()));
            }
        }
        return new LabelRanges(source, out);
    }

    /** Whether there is no range. */
    public boolean isEmpty() {
        return ranges.isEmpty();
    }
}
