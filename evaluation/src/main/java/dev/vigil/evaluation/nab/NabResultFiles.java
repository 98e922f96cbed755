package dev.vigil.evaluation.nab;

import dev.vigil.io.AtomicFiles;
import dev.vigil.io.csv.CsvWriter;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * A detector's results on the NAB corpus in NAB's file layout, written atomically:
 *
 * <ul>
 *   <li>{@code <out>/<detector>/<category>/<detector>_<file>.csv} with columns {@code
 *       timestamp,value,anomaly_score,label} (NAB repository: nab/detectors/base.py): every row of the
 *       data file in its order, label 1 for rows inside an anomaly window, else 0;</li>
 *   <li>{@code <out>/<scoresFile>} with columns {@code file,timestamp,anomaly_score}, all files in one
 *       table, as {@code vigil nab score} reads it.</li>
 * </ul>
 *
 * Timestamps are written as in NAB's data files, {@code 2014-04-01 00:05:00} (UTC).
 */
final class NabResultFiles {
    private NabResultFiles() {
    }

    /** The per-file result file of a NAB file {@code <category>/<file>.csv}. */
    static Path resultFile(Path out, String detector, String file) {
        int slash = file.lastIndexOf('/');
        return out.resolve(detector).resolve(file.substring(0, Math.max(0, slash))).resolve(detector + "_" + file.substring(slash + 1));
    }

    /** Writes the per-file result files and the file of all scores. */
    static void write(Path out, String detector, String scoresFile, List<NabRun.FileResult> results) {
        for (NabRun.FileResult r : results) {
            AtomicFiles.writeText(resultFile(out, detector, r.series().name()), w -> perFile(r, w));
        }
        AtomicFiles.writeText(out.resolve(scoresFile), w -> {
            w.write("file,timestamp,anomaly_score\n");
            StringBuilder line = new StringBuilder(96);
            for (NabRun.FileResult r : results) {
                NabSeries s = r.series();
                for (int i = 0; i < s.rows(); i++) {
                    line.setLength(0);
                    line.append(s.name()).append(',');
                    timestamp(s.time(i), line);
                    line.append(',');
                    CsvWriter.appendNumber(s.score(i), line);
                    w.write(line.append('\n').toString());
                }
            }
        });
    }

    private static void perFile(NabRun.FileResult r, BufferedWriter w) throws IOException {
        NabSeries s = r.series();
        double[] values = r.values();
        boolean[] inWindow = new boolean[s.rows()];
        for (int k = 0; k < s.windows().size(); k++) {
            for (int i = s.windowFirstRow(k); i <= s.windowLastRow(k); i++) {
                inWindow[i] = true;
            }
        }
        w.write("timestamp,value,anomaly_score,label\n");
        StringBuilder line = new StringBuilder(64);
        for (int i = 0; i < s.rows(); i++) {
            line.setLength(0);
            timestamp(s.time(i), line);
            line.append(',');
            CsvWriter.appendNumber(values[i], line);
            line.append(',');
            CsvWriter.appendNumber(s.score(i), line);
            line.append(',').append(inWindow[i] ? '1' : '0');
            w.write(line.append('\n').toString());
        }
    }

    /** {@code yyyy-MM-dd HH:mm:ss}, UTC, as NAB writes timestamps. */
    static void timestamp(long epochMillis, StringBuilder out) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(Math.floorDiv(epochMillis, 1000), 0, ZoneOffset.UTC);
        String year = Integer.toString(t.getYear());
        out.append("0".repeat(Math.max(0, 4 - year.length()))).append(year).append('-');
        two(t.getMonthValue(), out);
        out.append('-');
        two(t.getDayOfMonth(), out);
        out.append(' ');
        two(t.getHour(), out);
        out.append(':');
        two(t.getMinute(), out);
        out.append(':');
        two(t.getSecond(), out);
    }

    private static void two(int v, StringBuilder out) {
        out.append((char) ('0' + v / 10)).append((char) ('0' + v % 10));
    }
}
