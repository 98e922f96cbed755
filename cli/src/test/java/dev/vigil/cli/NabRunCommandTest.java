package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.evaluation.nab.NabScorer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vigil nab run} on two small NAB files (one with a duplicate timestamp, one irregular). */
class NabRunCommandTest {
    /** Two files of NAB (MIT licence; see the README beside them) and their windows. */
    static final Path NAB = Path.of("src/test/resources/nab");
    static final String CPC = "realAdExchange/exchange-2_cpc_results.csv";
    static final String SPEED = "realTraffic/speed_7578.csv";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern STANDARD = Pattern.compile("standard +(-?\\d+\\.\\d+) ");

    @TempDir
    static Path dir;
    static Path out;
    static CliRun run;

    @BeforeAll
    static void runOnce() {
        out = dir.resolve("nab");
        run = CliRun.of("nab", "run", "--data-dir", NAB.toString(), "--out", out.toString());
    }

    private static double standard(String text) {
        Matcher m = STANDARD.matcher(text);
        assertThat(m.find()).as(text).isTrue();
        return Double.parseDouble(m.group(1));
    }

    @Test
    void printsTheThreeScoresAndTheCategories() {
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("Vigil on NAB: 2 files, 2,751 rows in ")
                .contains("Files       2 scored, 5 windows, 2,751 rows")
                .containsPattern("reward_low_FP_rate +-?\\d+\\.\\d\\d")
                .containsPattern("reward_low_FN_rate +-?\\d+\\.\\d\\d")
                .containsPattern("realAdExchange +1 +1 ")
                .containsPattern("realTraffic +1 +4 ");
        assertThat(standard(run.out())).isGreaterThan(0); // better than never alarming
    }

    @Test
    void everyRowOfEveryFileIsScoredInFileOrder() throws IOException {
        for (String file : List.of(CPC, SPEED)) {
            List<String> data = Files.readAllLines(NAB.resolve("data").resolve(file));
            Path result = out.resolve("vigil").resolve(file.substring(0, file.indexOf('/'))).resolve("vigil_" + file.substring(file.indexOf('/') + 1));
            List<String> rows = Files.readAllLines(result);
            assertThat(rows.get(0)).isEqualTo("timestamp,value,anomaly_score,label");
            assertThat(rows).hasSameSizeAs(data);
            int probation = NabScorer.probationRows(data.size() - 1);
            double top = 0;
            for (int i = 1; i < rows.size(); i++) {
                String[] d = data.get(i).split(",");
                String[] r = rows.get(i).split(",");
                assertThat(r[0]).as("%s row %d", file, i).isEqualTo(d[0]);
                assertThat(Double.parseDouble(r[1])).as("%s row %d", file, i).isEqualTo(Double.parseDouble(d[1]));
                double score = Double.parseDouble(r[2]);
                assertThat(score).as("%s row %d", file, i).isBetween(0.0, 1.0);
                if (i <= probation) {
                    assertThat(score).as("probation row %d", i).isZero();
                }
                top = Math.max(top, score);
            }
            assertThat(top).as("%s raises an alarm", file).isGreaterThan(0.5);
        }
    }

    @Test
    void rowsSharingATimestampAreBothKept() throws IOException {
        List<String> rows = Files.readAllLines(out.resolve("vigil/realAdExchange/vigil_exchange-2_cpc_results.csv"));
        assertThat(rows.get(1304)).startsWith("2011-08-24 12:00:01,0.13125,"); // data rows 1,304 and 1,305
        assertThat(rows.get(1305)).startsWith("2011-08-24 12:00:01,0.119452887538,");
    }

    @Test
    void labelsMarkTheWindows() throws IOException {
        List<String> rows = Files.readAllLines(out.resolve("vigil/realTraffic/vigil_speed_7578.csv"));
        long inWindows = rows.stream().skip(1).filter(r -> r.endsWith(",1")).count();
        assertThat(rows.stream().filter(r -> r.startsWith("2015-09-11 15:34:00,")).findFirst().orElseThrow()).endsWith(",1");
        assertThat(rows.stream().filter(r -> r.startsWith("2015-09-16 18:20:00,")).findFirst().orElseThrow()).endsWith(",1");
        assertThat(inWindows).isBetween(50L, 200L); // NAB's four windows span about a tenth of the file
    }

    @Test
    void nabScoreReadsTheScoresFileAndAgrees() {
        CliRun score = CliRun.of("nab", "score", "--scores", out.resolve(dev.vigil.evaluation.nab.NabRun.SCORES_FILE).toString(), "--data-dir", NAB.toString());
        assertThat(score.exitCode()).as(score.err()).isZero();
        assertThat(standard(score.out())).isEqualTo(standard(run.out()));
    }

    @Test
    void oneThreadGivesTheSameResultsAsJson() throws IOException {
        Path other = dir.resolve("one-thread");
        CliRun json = CliRun.of("nab", "run", "--data-dir", NAB.toString(), "--out", other.toString(), "--threads", "1", "--json");
        assertThat(json.exitCode()).as(json.err()).isZero();
        JsonNode j = JSON.readTree(json.out());
        assertThat(j.get("run").get("batch").asInt()).isEqualTo(100);
        assertThat(j.get("run").get("escalation").asDouble()).isEqualTo(1.1);
        assertThat(j.get("run").get("rangeTolerance").asText()).isEqualTo("0.02");
        assertThat(j.get("files").asInt()).isEqualTo(2);
        assertThat(j.get("profiles").get("standard").get("score").asDouble()).isCloseTo(standard(run.out()),
                org.assertj.core.api.Assertions.within(0.005));
        assertThat(Files.readString(other.resolve(dev.vigil.evaluation.nab.NabRun.SCORES_FILE))).isEqualTo(Files.readString(out.resolve(dev.vigil.evaluation.nab.NabRun.SCORES_FILE)));
    }

    @Test
    void badAlarmOptionsAreRefusedNamingTheOption(@TempDir Path o) {
        CliRun word = CliRun.of("nab", "run", "--data-dir", NAB.toString(), "--out", o.toString(), "--range-tolerance", "wide");
        assertThat(word.exitCode()).isEqualTo(2);
        assertThat(word.err()).contains("--range-tolerance: 'wide' is neither a number nor 'off'");
        CliRun low = CliRun.of("nab", "run", "--data-dir", NAB.toString(), "--out", o.toString(), "--escalation", "0.5");
        assertThat(low.exitCode()).isEqualTo(2);
        assertThat(low.err()).contains("escalation must be a finite factor of at least 1, got 0.5");
        CliRun exponent = CliRun.of("nab", "run", "--data-dir", NAB.toString(), "--out", o.toString(), "--secondary-exponent", "2");
        assertThat(exponent.exitCode()).isEqualTo(2);
        assertThat(exponent.err()).contains("secondary exponent must lie in (0, 1], got 2.0");
    }

    @Test
    void aMissingFolderOrFileIsNamed(@TempDir Path empty) throws IOException {
        CliRun none = CliRun.of("nab", "run", "--data-dir", empty.resolve("nowhere").toString(), "--out", empty.resolve("o").toString());
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).contains("NAB data folder not found: " + empty.resolve("nowhere"));
        Files.createDirectories(empty.resolve("labels"));
        Files.writeString(empty.resolve("labels/combined_windows.json"), "{\"art/a.csv\": []}");
        CliRun missing = CliRun.of("nab", "run", "--data-dir", empty.toString(), "--out", empty.resolve("o").toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("NAB data file not found: " + empty.resolve("data/art/a.csv"));
    }

    @Test
    void aFileThatCannotBeReadIsNamed(@TempDir Path corpus) throws IOException {
        Files.createDirectories(corpus.resolve("labels"));
        Files.createDirectories(corpus.resolve("data/art"));
        Files.writeString(corpus.resolve("labels/combined_windows.json"), "{\"art/a.csv\": [], \"art/b.csv\": []}");
        StringBuilder good = new StringBuilder("timestamp,value\n");
        for (int i = 0; i < 50; i++) {
            good.append(String.format("2014-04-01 %02d:%02d:00,%d%n", i / 12, i % 12 * 5, i % 7));
        }
        Files.writeString(corpus.resolve("data/art/a.csv"), good);
        Files.writeString(corpus.resolve("data/art/b.csv"), good.toString().replace(",3\n", ",3x\n"));
        CliRun bad = CliRun.of("nab", "run", "--data-dir", corpus.toString(), "--out", corpus.resolve("o").toString());
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("NAB file art/b.csv").contains("3x");
        assertThat(corpus.resolve("o")).doesNotExist();
    }
}
