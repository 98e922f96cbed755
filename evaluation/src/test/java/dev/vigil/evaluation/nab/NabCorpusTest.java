package dev.vigil.evaluation.nab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.VigilException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NabCorpusTest {
    @TempDir
    Path dir;

    Path windows;

    static final String WINDOWS = """
            {
              "art/a.csv": [["2014-04-01 00:10:00.000000", "2014-04-01 00:20:00.000000"]],
              "art/quiet.csv": [],
              "real/b.csv": [["2014-04-01 00:05:00.000000", "2014-04-01 00:05:00.000000"]]
            }
            """;

    @BeforeEach
    void windowsFile() throws IOException {
        windows = dir.resolve(NabCorpus.WINDOWS_FILE);
        Files.createDirectories(windows.getParent());
        Files.writeString(windows, WINDOWS);
    }

    static String rows(String file, int n, double score) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(file).append(String.format(",2014-04-01 00:%02d:00,", i)).append(score).append('\n');
        }
        return sb.toString();
    }

    Path scores(String body) throws IOException {
        Path p = dir.resolve("scores.csv");
        Files.writeString(p, "file,timestamp,anomaly_score\n" + body);
        return p;
    }

    @Test
    void readsWindowsAndScoresAndListsFilesWithoutScores() throws IOException {
        Map<String, List<NabWindow>> w = NabCorpus.readWindows(windows);
        assertThat(w.keySet()).containsExactly("art/a.csv", "art/quiet.csv", "real/b.csv");
        assertThat(w.get("art/a.csv")).containsExactly(new NabWindow(1396311000000L, 1396311600000L));
        NabCorpus c = NabCorpus.read(scores(rows("real/b.csv", 30, 0.25) + rows("art/a.csv", 30, 0.5)), dir);
        assertThat(c.series()).extracting(NabSeries::name).containsExactly("art/a.csv", "real/b.csv");
        assertThat(c.missingFiles()).containsExactly("art/quiet.csv");
        assertThat(c.dataFilesUsed()).isZero();
        NabSeries a = c.series().get(0);
        assertThat(a.rows()).isEqualTo(30);
        assertThat(a.score(29)).isEqualTo(0.5);
        assertThat(a.windowFirstRow(0)).isEqualTo(10);
        assertThat(a.windowLastRow(0)).isEqualTo(20);
    }

    @Test
    void gzippedScoresFilesAreRead() throws IOException {
        Path gz = dir.resolve("scores.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(("file,timestamp,anomaly_score,extra\n" + rows("art/a.csv", 25, 1).replace("\n", ",x\n")).getBytes(StandardCharsets.UTF_8));
        }
        assertThat(NabCorpus.read(gz, dir).series()).singleElement().satisfies(s -> assertThat(s.rows()).isEqualTo(25));
    }

    @Test
    void dataFilesGiveTheRowListAndEveryRowNeedsItsScore() throws IOException {
        Path data = dir.resolve("data/art/a.csv");
        Files.createDirectories(data.getParent());
        StringBuilder d = new StringBuilder("timestamp,value\n");
        for (int i = 0; i < 30; i++) {
            d.append(String.format("2014-04-01 00:%02d:00,%d%n", i, i));
        }
        Files.writeString(data, d);
        NabCorpus ok = NabCorpus.read(scores(rows("art/a.csv", 30, 0.5)), dir);
        assertThat(ok.dataFilesUsed()).isEqualTo(1);
        assertThatThrownBy(() -> NabCorpus.read(scores(rows("art/a.csv", 28, 0.5)), dir))
                .isInstanceOfSatisfying(VigilException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_VALUE))
                .hasMessage(dir.resolve("scores.csv") + " has 28 rows for art/a.csv but " + data
                        + " has 30; the first without a score is row 29 (2014-04-01T00:28:00Z); score every row of the data file, in its order");
        String shifted = rows("art/a.csv", 30, 0.5).replace("00:03:00", "00:03:30");
        assertThatThrownBy(() -> NabCorpus.read(scores(shifted), dir))
                .hasMessage(dir.resolve("scores.csv") + " line 5: row 4 of art/a.csv is at 2014-04-01T00:03:30Z but row 4 of " + data
                        + " is at 2014-04-01T00:03:00Z; score every row of the data file, in its order");
    }

    @Test
    void badScoresFilesNameFileLineColumnAndValue() throws IOException {
        Path s = dir.resolve("scores.csv");
        assertThatThrownBy(() -> NabCorpus.read(scores("art/a.csv,2014-04-01 00:00:00,0.5\nart/a.csv,2014-04-01 00:01:00,1.5\n"), dir))
                .isInstanceOfSatisfying(VigilException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_VALUE))
                .hasMessage(s + " line 3, column 'anomaly_score': '1.5' (file art/a.csv, 2014-04-01 00:01:00) is outside [0, 1]; "
                        + "NAB scores must lie in [0, 1]");
        assertThatThrownBy(() -> NabCorpus.read(scores("art/a.csv,2014-04-01 00:00:00,-0.1\n"), dir))
                .hasMessageContaining("'-0.1' (file art/a.csv, 2014-04-01 00:00:00) is outside [0, 1]");
        assertThatThrownBy(() -> NabCorpus.read(scores("art/a.csv,2014-04-01 00:00:00,NaN\n"), dir))
                .hasMessage(s + " line 2, column 'anomaly_score': 'NaN' is not a number; NAB scores must be numbers in [0, 1]");
        assertThatThrownBy(() -> NabCorpus.read(scores("art/aa.csv,2014-04-01 00:00:00,0.5\n"), dir))
                .hasMessage(s + " line 2, column 'file': unknown NAB file 'art/aa.csv'; did you mean 'art/a.csv'? "
                        + "(the windows file names 3 files, as <category>/<file>.csv)");
        assertThatThrownBy(() -> NabCorpus.read(scores("art/a.csv,yesterday,0.5\n"), dir))
                .isInstanceOfSatisfying(VigilException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_TIMESTAMP))
                .hasMessage(s + " line 2, column 'timestamp': 'yesterday' is not a timestamp like 2014-04-01 00:05:00");
        assertThatThrownBy(() -> NabCorpus.read(scores("art/a.csv,2014-04-01 00:00:00\n"), dir))
                .hasMessage(s + " line 2 has 2 fields but the header has 3; every row needs one field per column");
        Files.writeString(s, "file,time,anomaly_score\n");
        assertThatThrownBy(() -> NabCorpus.read(s, dir)).isInstanceOfSatisfying(VigilException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_COLUMN))
                .hasMessage(s + " has no column 'timestamp'; columns: file, time, anomaly_score");
    }

    @Test
    void missingFilesAreReportedAsSuch() throws IOException {
        Path none = dir.resolve("none.csv");
        assertThatThrownBy(() -> NabCorpus.read(none, dir)).isInstanceOfSatisfying(VigilException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.FILE_NOT_FOUND)).hasMessage("NAB scores file not found: " + none);
        Path empty = dir.resolve("empty");
        Files.createDirectories(empty);
        assertThatThrownBy(() -> NabCorpus.read(scores(""), empty)).isInstanceOfSatisfying(VigilException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.FILE_NOT_FOUND))
                .hasMessageStartingWith("NAB windows file not found: " + empty.resolve(NabCorpus.WINDOWS_FILE));
    }

    @Test
    void malformedWindowsFilesAreRefused() throws IOException {
        Files.writeString(windows, "{\"art/a.csv\": [[\"2014-04-01 00:10:00\"]]}");
        assertThatThrownBy(() -> NabCorpus.readWindows(windows)).isInstanceOfSatisfying(VigilException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_DATA))
                .hasMessageStartingWith(windows + ", file 'art/a.csv': window [\"2014-04-01 00:10:00\"] is not a pair of timestamps");
        Files.writeString(windows, "{\"art/a.csv\": [[\"2014-04-01 00:10:00\", \"soon\"]]}");
        assertThatThrownBy(() -> NabCorpus.readWindows(windows)).hasMessageContaining("'soon' is not a timestamp");
        Files.writeString(windows, "[1, 2");
        assertThatThrownBy(() -> NabCorpus.readWindows(windows)).hasMessageStartingWith(windows + " is not valid JSON");
    }

    @Test
    void thresholdsOfADetector() throws IOException {
        Path t = dir.resolve("thresholds.json");
        Files.writeString(t, """
                {"numenta": {"reward_low_FN_rate": {"score": 1, "threshold": 0.3},
                             "reward_low_FP_rate": {"score": 1, "threshold": 0.2},
                             "standard": {"score": 1, "threshold": 0.1}},
                 "null": {"standard": {"score": -116}}}
                """);
        assertThat(NabCorpus.readThresholds(t, "numenta")).containsExactly(Map.entry(NabProfile.STANDARD, 0.1),
                Map.entry(NabProfile.REWARD_LOW_FP_RATE, 0.2), Map.entry(NabProfile.REWARD_LOW_FN_RATE, 0.3));
        assertThatThrownBy(() -> NabCorpus.readThresholds(t, "numneta"))
                .hasMessage(t + " has no detector 'numneta'; did you mean 'numenta'? detectors: null, numenta");
        assertThatThrownBy(() -> NabCorpus.readThresholds(t, "null")).hasMessage(t + ", detector 'null': no number at standard.threshold");
        assertThatThrownBy(() -> NabCorpus.readThresholds(dir.resolve("nope.json"), "numenta"))
                .isInstanceOfSatisfying(VigilException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.FILE_NOT_FOUND));
    }

    @Test
    void nabTimestampsAreReadByVigilsOneTimestampParserAsUtc() throws IOException {
        String windowsWithFraction = WINDOWS.replace("2014-04-01 00:10:00.000000", "2014-04-01T00:10:00.250000Z");
        Files.writeString(windows, windowsWithFraction);
        assertThat(NabCorpus.readWindows(windows).get("art/a.csv")).containsExactly(new NabWindow(1396311000250L, 1396311600000L));
        for (String bad : List.of("2014-02-30 00:00:00", "2014-04-10 24:00:00", "2014-04-10 07:15:00.", "yesterday")) {
            Files.writeString(windows, WINDOWS.replace("2014-04-01 00:10:00.000000", bad));
            assertThatThrownBy(() -> NabCorpus.readWindows(windows)).as(bad).isInstanceOfSatisfying(VigilException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_TIMESTAMP)).hasMessageContaining("'" + bad + "' is not a timestamp");
        }
    }

    @Test
    void scoresBeyondTheRangeOfADoubleAreRefusedNotReadAsInfinity() throws IOException {
        Path s = dir.resolve("scores.csv");
        assertThatThrownBy(() -> NabCorpus.read(scores("art/a.csv,2014-04-01 00:00:00,1e400\n"), dir))
                .isInstanceOfSatisfying(VigilException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_VALUE))
                .hasMessage(s + " line 2, column 'anomaly_score': '1e400' is beyond the range of a double (±1.7976931348623157E308); "
                        + "only finite numbers are allowed; NAB scores must be numbers in [0, 1]");
    }

    @Test
    void quotedFieldsCommentsAndBlankLinesReadAsInEveryVigilCsvFile() throws IOException {
        NabCorpus c = NabCorpus.read(scores("# scored by a test\n\n\"art/quiet.csv\",\"2014-04-01 00:00:00\",0.5\n"
                + "art/quiet.csv , 2014-04-01 00:01:00 , 0.25\r\n"), dir);
        NabSeries a = c.series().get(0);
        assertThat(a.rows()).isEqualTo(2);
        assertThat(a.score(1)).isEqualTo(0.25);
        assertThat(a.time(1)).isEqualTo(1396310460000L);
        assertThatThrownBy(() -> NabCorpus.read(scores("art/a.csv,2014-04-01 00:00:00,0.5\n\nart/a.csv,2014-04-01 00:01:00,x\n"), dir))
                .hasMessage(dir.resolve("scores.csv") + " line 4, column 'anomaly_score': 'x' is not a number; NAB scores must be numbers in [0, 1]");
    }
}
