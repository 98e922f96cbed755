package dev.vigil.evaluation.nab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.core.detection.AnomalyDetector;
import dev.vigil.core.detection.ProgressListener;
import dev.vigil.io.DataFiles;
import dev.vigil.spi.ReadOptions;
import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.spi.log.JobLog;
import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.VigilException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link NabRun} on a corpus of two seeded files, one with a spike inside its window. */
class NabRunTest {
    private static final String SPIKE = "art/spike.csv";
    private static final String QUIET = "art/quiet.csv";
    private static final NabStream.Schedule SCHEDULE = new NabStream.Schedule(100, 400, 600);

    @TempDir
    static Path corpus;
    static NabRun.Result result;
    static AnomalyDetector detector;

    @BeforeAll
    static void runOnce() throws IOException, InterruptedException {
        NabFiles.write(NabFiles.hourly(900, 1), corpus.resolve("data").resolve(SPIKE)); // spike at row 720: 2014-05-01 00:00
        NabFiles.write(NabFiles.hourly(500, 2), corpus.resolve("data").resolve(QUIET));
        Files.createDirectories(corpus.resolve("labels"));
        Files.writeString(corpus.resolve(NabCorpus.WINDOWS_FILE), """
                {"%s": [["2014-04-30 18:00:00.000000", "2014-05-01 06:00:00.000000"]], "%s": []}
                """.formatted(SPIKE, QUIET));
        detector = AnomalyDetector.builder().settings(NabRun.defaultSettings()).build();
        result = NabRun.run(DataFiles.discover(), corpus, detector, new NabRun.Options(SCHEDULE, OptionalInt.empty(), 2),
                ProgressListener.NONE);
    }

    @Test
    void everyRowIsScoredInFileOrderAndProbationRowsScoreZero() {
        assertThat(result.files()).extracting(f -> f.series().name()).containsExactly(SPIKE, QUIET);
        assertThat(result.rows()).isEqualTo(1_400);
        for (NabRun.FileResult f : result.files()) {
            NabSeries s = f.series();
            for (int i = 1; i < s.rows(); i++) {
                assertThat(s.time(i)).isGreaterThan(s.time(i - 1));
            }
            for (int i = 0; i < s.rows(); i++) {
                assertThat(s.score(i)).as("%s row %d", s.name(), i).isBetween(0.0, 1.0);
                if (i < s.probationRows()) {
                    assertThat(s.score(i)).as("probation row %d", i).isZero();
                }
            }
            assertThat(f.values()).hasSize(s.rows());
        }
    }

    @Test
    void theSpikeRaisesAnAlarmInsideItsWindow() {
        NabSeries spike = result.files().get(0).series();
        double inWindow = 0;
        for (int i = spike.windowFirstRow(0); i <= spike.windowLastRow(0); i++) {
            inWindow = Math.max(inWindow, spike.score(i));
        }
        assertThat(inWindow).isGreaterThan(0.5);
        assertThat(result.score().profile("standard").total().counts().truePositive()).isPositive();
    }

    @Test
    void oneThreadGivesTheSameScores() throws InterruptedException {
        NabRun.Result one = NabRun.run(DataFiles.discover(), corpus, detector, new NabRun.Options(SCHEDULE, OptionalInt.empty(), 1),
                ProgressListener.NONE);
        for (int f = 0; f < 2; f++) {
            NabSeries a = result.files().get(f).series();
            NabSeries b = one.files().get(f).series();
            for (int i = 0; i < a.rows(); i++) {
                assertThat(b.score(i)).as("%s row %d", a.name(), i).isEqualTo(a.score(i));
            }
        }
    }

    @Test
    void scoresAreTheAlarmsOfTheStreamsIndicators() {
        NabRun.FileResult spike = result.files().get(0);
        TimeFrame raw = DataFiles.discover().read(corpus.resolve("data").resolve(SPIKE), ReadOptions.DEFAULT, new JobLog());
        NabStream.Result stream = NabStream.run(raw, detector, SCHEDULE, rows -> { });
        assertThat(stream.perspectives()).containsExactly("Residual", "Fluctuation", "ResidualChange");
        double[] expected = NabAlarms.DEFAULT.scores(stream.byPerspective(), spike.values(), spike.series().probationRows(),
                NabRun.defaultHoldOff(detector, stream.samplingPeriod()));
        for (int i = 0; i < expected.length; i++) {
            assertThat(spike.series().score(i)).as("row %d", i).isEqualTo(expected[i]);
        }
    }

    @Test
    void theDefaultHoldOffIsTheImbalanceWindow() {
        assertThat(NabRun.defaultHoldOff(detector, Duration.ofMinutes(5))).isEqualTo(36);
        assertThat(NabRun.defaultHoldOff(detector, Duration.ofHours(1))).isEqualTo(24);
    }

    @Test
    void writtenFilesAreNabsLayoutAndScoreTheSame(@TempDir Path out) throws IOException {
        result.write(out);
        List<String> rows = Files.readAllLines(out.resolve("vigil/art/vigil_spike.csv"));
        assertThat(rows).hasSize(901);
        assertThat(rows.get(0)).isEqualTo("timestamp,value,anomaly_score,label");
        assertThat(rows.get(1)).startsWith("2014-04-01 00:00:00,");
        assertThat(rows.stream().filter(r -> r.endsWith(",1")).count()).isEqualTo(13); // 18:00 to 06:00, hourly
        NabCorpus read = NabCorpus.read(out.resolve(NabRun.SCORES_FILE), corpus);
        assertThat(read.series()).hasSize(2);
        assertThat(NabScorer.score(read.series()).profile("standard").normalizedScore())
                .isEqualTo(result.score().profile("standard").normalizedScore());
    }

    @Test
    void aMissingFolderOrFileIsNamed(@TempDir Path empty) throws IOException {
        assertThatThrownBy(() -> NabRun.run(DataFiles.discover(), empty.resolve("nowhere"), detector, NabRun.Options.DEFAULT,
                ProgressListener.NONE)).isInstanceOf(VigilException.class).hasMessageContaining("NAB data folder not found: " + empty.resolve("nowhere"));
        Files.createDirectories(empty.resolve("labels"));
        Files.writeString(empty.resolve(NabCorpus.WINDOWS_FILE), "{\"art/a.csv\": []}");
        assertThatThrownBy(() -> NabRun.run(DataFiles.discover(), empty, detector, NabRun.Options.DEFAULT, ProgressListener.NONE))
                .isInstanceOf(VigilException.class).hasMessageContaining("NAB data file not found: " + empty.resolve("data/art/a.csv"));
    }

    @Test
    void aFileThatCannotBeReadIsNamed(@TempDir Path bad) throws IOException {
        NabFiles.write(NabFiles.hourly(300, 3), bad.resolve("data/art/a.csv"));
        Path b = bad.resolve("data/art/b.csv");
        NabFiles.write(NabFiles.hourly(300, 4), b);
        Files.writeString(b, Files.readString(b).replaceFirst("\n(2014-04-02 01:00:00),[^\n]*\n", "\n$1,3x\n"));
        Files.createDirectories(bad.resolve("labels"));
        Files.writeString(bad.resolve(NabCorpus.WINDOWS_FILE), "{\"art/a.csv\": [], \"art/b.csv\": []}");
        assertThatThrownBy(() -> NabRun.run(DataFiles.discover(), bad, detector, NabRun.Options.DEFAULT, ProgressListener.NONE))
                .isInstanceOf(VigilException.class).hasMessageContaining("NAB file art/b.csv").hasMessageContaining("3x");
    }

    @Test
    void badOptionsAreRefused() {
        assertThatThrownBy(() -> new NabRun.Options(SCHEDULE, OptionalInt.of(-1), 1)).isInstanceOf(VigilException.class)
                .hasMessageContaining("hold-off must not be negative, got -1")
                .satisfies(e -> assertThat(((VigilException) e).code()).isEqualTo(ErrorCode.INVALID_CONFIGURATION));
        assertThatThrownBy(() -> new NabRun.Options(SCHEDULE, OptionalInt.empty(), 0)).isInstanceOf(VigilException.class)
                .hasMessageContaining("threads must be at least 1, got 0");
        assertThatThrownBy(() -> new NabStream.Schedule(100, 50, 600)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new NabRun.Options(SCHEDULE, OptionalInt.empty(), 1, null)).isInstanceOf(NullPointerException.class);
        assertThat(NabRun.Options.DEFAULT.alarms()).isEqualTo(NabAlarms.DEFAULT);
        assertThat(NabRun.Options.DEFAULT.withAlarms(NabAlarms.PLAIN_ONSETS).alarms()).isEqualTo(NabAlarms.PLAIN_ONSETS);
    }
}
