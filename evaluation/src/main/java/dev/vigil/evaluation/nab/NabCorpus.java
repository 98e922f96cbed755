package dev.vigil.evaluation.nab;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.io.TimestampFormat;
import dev.vigil.io.csv.CsvTokenizer;
import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.Names;
import dev.vigil.spi.VigilException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A detector's scores on the NAB corpus, read from NAB's files and ready for {@link NabScorer}:
 *
 * <ul>
 *   <li>the scores file: CSV (or {@code .csv.gz}) with a header naming the columns {@code file}
 *       ({@code <category>/<file>.csv}), {@code timestamp} and {@code anomaly_score} (more
 *       columns may follow), each file's rows in the data file's order (NAB scores rows by
 *       position);</li>
 *   <li>{@code <data-dir>/labels/combined_windows.json}: {@code {"<category>/<file>.csv":
 *       [["<start>", "<end>"], …]}};</li>
 *   <li>{@code <data-dir>/data/<category>/<file>.csv}, when present: the file's full row list
 *       (column {@code timestamp}); the file's scores must then be its rows, one each, in order
 *       and at the same timestamps. When absent, the rows are those of the scores file.</li>
 * </ul>
 *
 * Every error names the file, line, column and value at fault.
 *
 * @param series the files present in the scores file, in the windows file's order
 * @param missingFiles files of the windows file that the scores file does not hold
 * @param dataFilesUsed how many files took their row list from {@code data/}
 */
public record NabCorpus(List<NabSeries> series, List<String> missingFiles, int dataFilesUsed) {
    /** Where the windows file lies inside a NAB data folder. */
    public static final String WINDOWS_FILE = "labels/combined_windows.json";

    private static final ObjectMapper JSON = new ObjectMapper();

    public NabCorpus {
        series = List.copyOf(series);
        missingFiles = List.copyOf(missingFiles);
        if (dataFilesUsed < 0 || dataFilesUsed > series.size()) {
            throw new IllegalArgumentException("dataFilesUsed " + dataFilesUsed + " of " + series.size() + " files");
        }
    }

    /**
     * Reads a scores file against a NAB data folder.
     *
     * @throws VigilException {@link ErrorCode#FILE_NOT_FOUND} when the scores or windows file is
     *     missing; {@link ErrorCode#BAD_VALUE} for a file name the windows file does not know, a score
     *     outside [0, 1], a row missing or extra against {@code data/}; {@link
     *     ErrorCode#MALFORMED_DATA} or {@link ErrorCode#BAD_TIMESTAMP} for a malformed file
     */
    public static NabCorpus read(Path scoresFile, Path dataDir) {
        Map<String, List<NabWindow>> windows = readWindows(dataDir.resolve(WINDOWS_FILE));
        Map<String, ScoreRows> scores = readScores(scoresFile, windows.keySet());
        List<NabSeries> series = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        int used = 0;
        for (Map.Entry<String, List<NabWindow>> e : windows.entrySet()) {
            ScoreRows rows = scores.get(e.getKey());
            if (rows == null) {
                missing.add(e.getKey());
                continue;
            }
            Path data = dataDir.resolve("data").resolve(e.getKey());
            if (Files.isRegularFile(data)) {
                long[] times = readDataTimestamps(data);
                series.add(new NabSeries(e.getKey(), times, rows.alignTo(times, data), e.getValue()));
                used++;
            } else {
                series.add(new NabSeries(e.getKey(), Arrays.copyOf(rows.times, rows.size), Arrays.copyOf(rows.scores, rows.size),
                        e.getValue()));
            }
        }
        return new NabCorpus(series, missing, used);
    }

    /**
     * Reads NAB's windows file: file name → windows in time order, in the file's order.
     *
     * @throws VigilException {@link ErrorCode#FILE_NOT_FOUND} if it does not exist, {@link
     *     ErrorCode#MALFORMED_DATA} if it is not of that shape
     */
    public static Map<String, List<NabWindow>> readWindows(Path windowsFile) {
        JsonNode root = readJson(windowsFile, "NAB windows file", " (the data folder must hold " + WINDOWS_FILE
                + ", and data/<category>/<file>.csv for full row lists)");
        String shape = "; expected {\"<category>/<file>.csv\": [[\"<start>\", \"<end>\"], ...], ...}";
        if (root == null || !root.isObject()) {
            throw new VigilException(ErrorCode.MALFORMED_DATA, windowsFile + " is not a JSON object" + shape);
        }
        Map<String, List<NabWindow>> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            String where = windowsFile + ", file '" + e.getKey() + "'";
            if (!e.getValue().isArray()) {
                throw new VigilException(ErrorCode.MALFORMED_DATA, where + ": " + e.getValue() + " is not a list of windows" + shape);
            }
            List<NabWindow> list = new ArrayList<>();
            for (JsonNode w : e.getValue()) {
                if (!w.isArray() || w.size() != 2 || !w.get(0).isTextual() || !w.get(1).isTextual()) {
                    throw new VigilException(ErrorCode.MALFORMED_DATA, where + ": window " + w + " is not a pair of timestamps" + shape);
                }
                long start = windowTime(where, w.get(0).asText());
                long end = windowTime(where, w.get(1).asText());
                if (end < start) {
                    throw new VigilException(ErrorCode.MALFORMED_DATA, where + ": window " + w + " ends before it starts");
                }
                list.add(new NabWindow(start, end));
            }
            out.put(e.getKey(), List.copyOf(list));
        }
        return out;
    }

    /**
     * A detector's thresholds from NAB's {@code config/thresholds.json} ({@code {"<detector>":
     * {"<profile>": {"threshold": …, "score": …}}}}), for the three {@linkplain NabProfile#all()
     * profiles}, in their order.
     *
     * @throws VigilException {@link ErrorCode#FILE_NOT_FOUND}, or {@link ErrorCode#BAD_VALUE} for a
     *     detector or profile the file does not hold (naming the known ones)
     */
    public static Map<NabProfile, Double> readThresholds(Path thresholdsFile, String detector) {
        JsonNode root = readJson(thresholdsFile, "NAB thresholds file", "");
        JsonNode entry = root.isObject() ? root.get(detector) : null;
        if (entry == null) {
            List<String> known = new ArrayList<>();
            root.fieldNames().forEachRemaining(known::add);
            throw new VigilException(ErrorCode.BAD_VALUE, thresholdsFile + " has no detector " + Names.unknown(detector, known, "detectors"));
        }
        Map<NabProfile, Double> out = new LinkedHashMap<>();
        for (NabProfile p : NabProfile.all()) {
            JsonNode t = entry.path(p.name()).path("threshold");
            if (!t.isNumber()) {
                throw new VigilException(ErrorCode.BAD_VALUE, thresholdsFile + ", detector '" + detector + "': no number at "
                        + p.name() + ".threshold");
            }
            out.put(p, t.asDouble());
        }
        return out;
    }

    /** The timestamps of a NAB data file (column {@code timestamp}), in file order. */
    public static long[] readDataTimestamps(Path dataFile) {
        try (CsvTokenizer csv = open(dataFile, "NAB data file")) {
            List<String> header = csv.header();
            int col = column(header, "timestamp", dataFile);
            long[] times = new long[1 << 12];
            int n = 0;
            while (csv.next()) {
                csv.requireSize(header.size());
                long t = timestamp(csv, col);
                if (n == times.length) {
                    times = Arrays.copyOf(times, n * 2);
                }
                times[n++] = t;
            }
            return Arrays.copyOf(times, n);
        }
    }

    private static Map<String, ScoreRows> readScores(Path scoresFile, Set<String> known) {
        Map<String, ScoreRows> out = new LinkedHashMap<>();
        try (CsvTokenizer csv = open(scoresFile, "NAB scores file")) {
            List<String> header = csv.header();
            int fileCol = column(header, "file", scoresFile);
            int timeCol = column(header, "timestamp", scoresFile);
            int scoreCol = column(header, "anomaly_score", scoresFile);
            ScoreRows last = null;
            while (csv.next()) {
                csv.requireSize(header.size());
                long lineNo = csv.line();
                ScoreRows rows = last != null && csv.fieldEquals(fileCol, last.file) ? last : out.get(csv.field(fileCol));
                if (rows == null) {
                    String file = csv.field(fileCol);
                    if (!known.contains(file)) {
                        throw new VigilException(ErrorCode.BAD_VALUE, scoresFile + " line " + lineNo + ", column 'file': unknown NAB file '"
                                + file + "'" + Names.nearest(file, known).map(s -> "; did you mean '" + s + "'?").orElse("")
                                + " (the windows file names " + known.size() + " files, as <category>/<file>.csv)");
                    }
                    rows = new ScoreRows(file, scoresFile);
                    out.put(file, rows);
                }
                last = rows;
                long t = timestamp(csv, timeCol);
                double score = csv.requiredNumber(scoreCol, "NAB scores must be numbers in [0, 1]");
                if (!NabSeries.isValidScore(score)) {
                    throw csv.cellError(ErrorCode.BAD_VALUE, scoreCol, "(file " + rows.file + ", " + csv.field(timeCol)
                            + ") is outside [0, 1]; NAB scores must lie in [0, 1]");
                }
                rows.add(t, score, lineNo);
            }
        }
        return out;
    }

    private static JsonNode readJson(Path file, String what, String hint) {
        requireNonNull(file, "file is null");
        try (InputStream in = Files.newInputStream(file)) {
            return JSON.readTree(in);
        } catch (NoSuchFileException e) {
            throw new VigilException(ErrorCode.FILE_NOT_FOUND, what + " not found: " + file + hint, e);
        } catch (JsonProcessingException e) {
            throw new VigilException(ErrorCode.MALFORMED_DATA, file + " is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new VigilException(ErrorCode.IO_FAILURE, "Cannot read " + file + ": " + e, e);
        }
    }

    /** Opens a NAB CSV file (gzip-compressed if its name ends in {@code .gz}) and reads its header, which it must have. */
    private static CsvTokenizer open(Path file, String what) {
        if (!Files.isRegularFile(file)) {
            throw new VigilException(ErrorCode.FILE_NOT_FOUND, what + " not found: " + file);
        }
        CsvTokenizer csv = CsvTokenizer.open(file);
        if (csv.header().isEmpty()) {
            csv.close();
            throw new VigilException(ErrorCode.EMPTY_DATA, file + " is empty; expected a header line");
        }
        return csv;
    }

    private static int column(List<String> header, String name, Path file) {
        int i = header.indexOf(name);
        if (i < 0) {
            throw new VigilException(ErrorCode.UNKNOWN_COLUMN, file + " has no column '" + name + "'; columns: " + String.join(", ", header));
        }
        return i;
    }

    private static long timestamp(CsvTokenizer csv, int column) {
        long t = csv.timestamp(column, TimestampFormat.iso(), ZoneOffset.UTC);
        if (t == TimestampFormat.INVALID) {
            throw csv.cellError(ErrorCode.BAD_TIMESTAMP, column, "is not a timestamp like 2014-04-01 00:05:00");
        }
        return t;
    }

    private static long windowTime(String where, String text) {
        long t = TimestampFormat.iso().parse(text, ZoneOffset.UTC);
        if (t == TimestampFormat.INVALID) {
            throw new VigilException(ErrorCode.BAD_TIMESTAMP, where + ": '" + text + "' is not a timestamp like 2014-04-10 07:15:00.000000");
        }
        return t;
    }

    /** One file's rows of the scores file, in file order. */
    private static final class ScoreRows {
        final String file;
        final Path source;
        long[] times = new long[1 << 12];
        double[] scores = new double[1 << 12];
        long[] lines = new long[1 << 12];
        int size;

        ScoreRows(String file, Path source) {
            this.file = file;
            this.source = source;
        }

        void add(long t, double score, long line) {
            if (size == times.length) {
                times = Arrays.copyOf(times, size * 2);
                scores = Arrays.copyOf(scores, size * 2);
                lines = Arrays.copyOf(lines, size * 2);
            }
            times[size] = t;
            scores[size] = score;
            lines[size++] = line;
        }

        /** The scores of a data file's rows: one per row, in the same order, at the same timestamps. */
        double[] alignTo(long[] dataTimes, Path dataFile) {
            for (int i = 0; i < Math.min(size, dataTimes.length); i++) {
                if (times[i] != dataTimes[i]) {
                    throw new VigilException(ErrorCode.BAD_VALUE, source + " line " + lines[i] + ": row " + (i + 1) + " of " + file
                            + " is at " + Instant.ofEpochMilli(times[i]) + " but row " + (i + 1) + " of " + dataFile + " is at "
                            + Instant.ofEpochMilli(dataTimes[i]) + "; score every row of the data file, in its order");
                }
            }
            if (size != dataTimes.length) {
                throw new VigilException(ErrorCode.BAD_VALUE, source + " has " + size + " rows for " + file + " but " + dataFile + " has "
                        + dataTimes.length + (size < dataTimes.length ? "; the first without a score is row " + (size + 1) + " ("
                        + Instant.ofEpochMilli(dataTimes[size]) + ")" : "; the first extra is line " + lines[dataTimes.length])
                        + "; score every row of the data file, in its order");
            }
            return Arrays.copyOf(scores, size);
        }
    }
}
