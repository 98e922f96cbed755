package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NabScoreCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The NAB files of the evaluation module's golden test (copied from NAB, MIT licence). */
    static final Path NAB = Path.of("../evaluation/src/test/resources/nab");
    static final String NUMENTA = NAB.resolve("results/numenta_anomaly_scores.csv.gz").toString();

    @TempDir
    Path dir;

    @Test
    void numentaOnTheWholeCorpus() {
        CliRun run = CliRun.of("nab", "score", "--scores", NUMENTA, "--data-dir", NAB.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Files       58 scored, 116 windows, 365,558 rows (32,716 in probation, not scored)")
                .containsPattern("standard +70\\.10 +0\\.543099 +46\\.6345 +240 +153 +33,255 +299,194")
                .containsPattern("reward_low_FP_rate +63\\.21 +0\\.543099")
                .containsPattern("reward_low_FN_rate +74\\.32 +0\\.543099")
                .containsPattern("realKnownCause +7 +19 +2\\.0780 ");
    }

    @Test
    void atNabsPublishedThresholdsTheScoreboardIsReproduced() throws IOException {
        CliRun run = CliRun.of("nab", "score", "--scores", NUMENTA, "--data-dir", NAB.toString(), "--json",
                "--thresholds", NAB.resolve("results/thresholds.json").toString(), "--detector", "numenta");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode j = JSON.readTree(run.out());
        assertThat(j.get("files").asInt()).isEqualTo(58);
        assertThat(j.get("missingFiles").size()).isZero();
        assertThat(j.get("windows").asInt()).isEqualTo(116);
        JsonNode profiles = j.get("profiles");
        assertThat(profiles.get("standard").get("score").asDouble()).isBetween(70.095, 70.105);
        assertThat(profiles.get("reward_low_FP_rate").get("score").asDouble()).isBetween(63.115, 63.125);
        assertThat(profiles.get("reward_low_FN_rate").get("score").asDouble()).isBetween(74.315, 74.325);
        assertThat(profiles.get("reward_low_FP_rate").get("threshold").asDouble()).isEqualTo(0.5751955032348636);
        assertThat(profiles.get("reward_low_FN_rate").get("nullScore").asDouble()).isEqualTo(-232);
        assertThat(profiles.get("standard").get("categories").size()).isEqualTo(7);
        assertThat(profiles.get("standard").get("files").get("realTweets/Twitter_volume_AAPL.csv").get("windows").asInt()).isEqualTo(4);
        assertThat(profiles.get("standard").get("counts").get("truePositive").asInt()).isEqualTo(240);
    }

    /** A corpus of one small file: two rows in the window, detected at its start. */
    private Path smallCorpus() throws IOException {
        Files.createDirectories(dir.resolve("labels"));
        Files.writeString(dir.resolve("labels/combined_windows.json"), """
                {"art/a.csv": [["2014-04-01 00:10:00.000000", "2014-04-01 00:12:00.000000"]], "art/b.csv": []}
                """);
        StringBuilder s = new StringBuilder("file,timestamp,anomaly_score\n");
        for (int i = 0; i < 20; i++) {
            s.append(String.format("art/a.csv,2014-04-01 00:%02d:00,%s%n", i, i == 10 ? "0.9" : "0.1"));
        }
        Path scores = dir.resolve("scores.csv");
        Files.writeString(scores, s);
        return scores;
    }

    @Test
    void aPartialCorpusIsScoredWithAWarning() throws IOException {
        CliRun run = CliRun.of("nab", "score", "--scores", smallCorpus().toString(), "--data-dir", dir.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Warning     1 of NAB's files have no scores (art/b.csv)")
                .containsPattern("standard +100\\.00 +0\\.900000 +1\\.0000 +1 +0 +2 +14");
    }

    @Test
    void badInputNamesFileLineAndValue() throws IOException {
        Path scores = smallCorpus();
        Files.writeString(scores, Files.readString(scores).replace("art/a.csv,2014-04-01 00:03:00,0.1", "art/a.csv,2014-04-01 00:03:00,1.2"));
        CliRun outOfRange = CliRun.of("nab", "score", "--scores", scores.toString(), "--data-dir", dir.toString());
        assertThat(outOfRange.exitCode()).isEqualTo(2);
        assertThat(outOfRange.err()).isEqualTo("vigil: " + scores + " line 5, column 'anomaly_score': '1.2' (file art/a.csv, "
                + "2014-04-01 00:03:00) is outside [0, 1]; NAB scores must lie in [0, 1]" + System.lineSeparator());
        Files.writeString(scores, Files.readString(scores).replace("art/a.csv,2014-04-01 00:03:00", "art/c.csv,2014-04-01 00:03:00"));
        CliRun unknown = CliRun.of("nab", "score", "--scores", scores.toString(), "--data-dir", dir.toString());
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).startsWith("vigil: " + scores + " line 5, column 'file': unknown NAB file 'art/c.csv'; did you mean");
    }

    @Test
    void missingFilesExitTwo() throws IOException {
        Path scores = smallCorpus();
        CliRun noWindows = CliRun.of("nab", "score", "--scores", scores.toString(), "--data-dir", dir.resolve("elsewhere").toString());
        assertThat(noWindows.exitCode()).isEqualTo(2);
        assertThat(noWindows.err()).startsWith("vigil: NAB windows file not found: " + dir.resolve("elsewhere/labels/combined_windows.json"));
        CliRun noScores = CliRun.of("nab", "score", "--scores", dir.resolve("none.csv").toString(), "--data-dir", dir.toString());
        assertThat(noScores.exitCode()).isEqualTo(2);
        assertThat(noScores.err()).isEqualTo("vigil: NAB scores file not found: " + dir.resolve("none.csv") + System.lineSeparator());
        CliRun detectorAlone = CliRun.of("nab", "score", "--scores", scores.toString(), "--data-dir", dir.toString(), "--detector", "x");
        assertThat(detectorAlone.exitCode()).isEqualTo(2);
        assertThat(detectorAlone.err()).contains("Missing required argument");
    }

    @Test
    void helpAndVersionOnNabAndScore() {
        assertThat(CliRun.of("nab").err()).contains("Usage: vigil nab").contains("score");
        assertThat(CliRun.of("nab", "--help").out()).contains("Usage: vigil nab");
        assertThat(CliRun.of("nab", "score", "--help").out()).contains("Usage: vigil nab score").contains("--data-dir=DIR");
        assertThat(CliRun.of("nab", "--version").out()).startsWith("vigil ");
        assertThat(CliRun.of("nab", "score", "--version").out()).startsWith("vigil ");
    }
}
