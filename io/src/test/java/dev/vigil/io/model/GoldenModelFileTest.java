package dev.vigil.io.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.core.detection.AnomalyDetector;
import dev.vigil.core.detection.DetectionModel;
import dev.vigil.core.detection.DetectionResult;
import dev.vigil.core.plugin.PluginRegistry;
import dev.vigil.io.DataFiles;
import dev.vigil.perspectives.Fluctuation;
import dev.vigil.perspectives.FluctuationChange;
import dev.vigil.perspectives.Imbalance;
import dev.vigil.perspectives.ImbalanceChange;
import dev.vigil.perspectives.Residual;
import dev.vigil.perspectives.ResidualChange;
import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.ReadOptions;
import dev.vigil.spi.VigilException;
import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.spi.log.JobLog;
import dev.vigil.spi.settings.RowSelection;
import dev.vigil.spi.settings.RowUnit;
import dev.vigil.testing.KpiDataGenerator;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Model format 1, pinned: {@code src/test/resources/golden/model-v1/} holds a model file written by
 * Vigil when format 1 was current ({@code model.json}), the data it detects on ({@code data.csv}: 1,200
 * rows of one-minute data from {@link KpiDataGenerator}, seed 2024, no daily cycle, values rounded to four decimals,
 * with injected anomalies and their labels in the last third, and two gaps there: ten rows of {@code x1}
 * (too long to impute: rows not calculated) and three of the KPI (imputed); the model was built on the first 800
 * rows with the default features and all six perspectives), and what it detected on the rows after its
 * in-sample period ({@code results.csv}). Every later Vigil must read that file and detect exactly
 * those results, to the last bit — or refuse it with a message, never read it differently. A model
 * file claiming a newer format is refused with a message naming its version and the newest this Vigil
 * reads.
 *
 * <p><b>Regenerating the golden files is a format change</b>, not a way to make this test pass: a
 * model written by an older Vigil would then detect differently or not at all. Do it only together
 * with a new {@link ModelFiles#VERSION} (keeping the old folder and its test for the old version) or
 * when format 1 has never been released. To regenerate deliberately:
 *
 * <pre>
 * mvn -B -pl io -am verify -Dtest=GoldenModelFileTest -Dsurefire.failIfNoSpecifiedTests=false -Dvigil.golden.regenerate=true
 * </pre>
 *
 * which rewrites the three files in the source tree (run from the repository root; the module's folder
 * is the working directory of its tests); review the diff and commit it with a message saying why.
 */
class GoldenModelFileTest {
    /** The system property that rewrites the golden files instead of only reading them. */
    static final String REGENERATE = "vigil.golden.regenerate";
    private static final String FOLDER = "golden/model-v1";

    private static Path golden;

    @TempDir
    Path dir;

    @BeforeAll
    static void findOrRegenerate() throws IOException, URISyntaxException {
        if (Boolean.getBoolean(REGENERATE)) {
            golden = Path.of("src/test/resources").resolve(FOLDER).toAbsolutePath();
            regenerate(golden);
        } else {
            var model = GoldenModelFileTest.class.getResource("/" + FOLDER + "/model.json");
            assertThat(model).as("the golden model file on the test class path").isNotNull();
            golden = Path.of(model.toURI()).getParent();
        }
    }

    /** Writes the data, the model built on them and its detection results into {@code folder}. */
    private static void regenerate(Path folder) throws IOException {
        Files.createDirectories(folder);
        DataFiles files = DataFiles.discover();
        TimeFrame generated = KpiDataGenerator.create().rows(1200).period(Duration.ofMinutes(1))
                .start(Instant.parse("2024-05-06T00:00:00Z")).seed(2024).influencers(3).distractors(1).dailyAmplitude(0)
                .anomalies(2, 1, 1, 0).anomaliesBetween(2.0 / 3, 1).lengths(20, 20, 5).generate().frame();
        TimeFrame.Builder rounded = TimeFrame.builder(generated.times());
        for (String c : generated.columnNames()) {
            double[] v = Arrays.stream(generated.values(c)).map(x -> Math.round(x * 1e4) / 1e4).toArray();
            if (c.equals("x1")) {
                Arrays.fill(v, 1000, 1010, Double.NaN); // longer than the gaps imputation fills: rows without normal behaviour
            } else if (c.equals("kpi")) {
                Arrays.fill(v, 1100, 1103, Double.NaN); // filled by linear imputation
            }
            rounded.column(c, v);
        }
        files.write(rounded.build(), folder.resolve("data.csv"));
        TimeFrame data = readData(folder);
        DetectionModel model = AnomalyDetector.builder().kpi("kpi").label("label")
                .perspectives(new Residual(), new ResidualChange(), new Imbalance(), new ImbalanceChange(), new Fluctuation(),
                        new FluctuationChange())
                .rows(RowSelection.first(800, RowUnit.Sample)).build().build(data).model();
        ModelFiles.write(model, folder.resolve("model.json"));
        DetectionResult result = ModelFiles.read(folder.resolve("model.json"), PluginRegistry.load()).detect(data);
        files.write(result.table(), folder.resolve("results.csv"));
    }

    private static TimeFrame readData(Path folder) {
        return DataFiles.discover().read(folder.resolve("data.csv"), ReadOptions.DEFAULT, new JobLog());
    }

    @Test
    void theGoldenModelDetectsTheGoldenResultsToTheLastBit() {
        DetectionModel model = ModelFiles.read(golden.resolve("model.json"), PluginRegistry.load());
        TimeFrame expected = DataFiles.discover().read(golden.resolve("results.csv"), ReadOptions.DEFAULT, new JobLog());
        TimeFrame actual = model.detect(readData(golden)).table();

        assertThat(actual.columnNames()).containsExactlyElementsOf(expected.columnNames());
        assertThat(actual.times()).containsExactly(expected.times());
        for (String c : expected.columnNames()) {
            assertThat(Arrays.stream(actual.values(c)).mapToLong(Double::doubleToLongBits).toArray()).as(c)
                    .containsExactly(Arrays.stream(expected.values(c)).mapToLong(Double::doubleToLongBits).toArray());
        }
        // the golden results are worth pinning: every perspective, anomalies, rows not calculated
        assertThat(expected.columnNames()).contains("anomaly_indicator_residual", "anomaly_indicator_residualchange",
                "anomaly_indicator_imbalance", "anomaly_indicator_imbalancechange", "anomaly_indicator_fluctuation",
                "anomaly_indicator_fluctuationchange");
        assertThat(expected.values(DetectionResult.ANOMALY_CODE)).contains(0.0, 1.0).containsAnyOf(2.0, 3.0);
        assertThat(expected.rows()).isEqualTo(400);
    }

    @Test
    void theGoldenModelFileIsFormatOne() throws IOException {
        assertThat(Files.readString(golden.resolve("model.json"))).contains("\"vigilModelVersion\" : 1,");
        assertThat(ModelFiles.VERSION).isGreaterThanOrEqualTo(1);
    }

    @Test
    void aModelFileOfANewerFormatIsRefusedNamingBothVersions() throws IOException {
        int newer = ModelFiles.VERSION + 1;
        Path p = dir.resolve("newer.json");
        Files.writeString(p, Files.readString(golden.resolve("model.json"))
                .replace("\"vigilModelVersion\" : 1,", "\"vigilModelVersion\" : " + newer + ","));
        assertThatThrownBy(() -> ModelFiles.read(p, PluginRegistry.load()))
                .isInstanceOfSatisfying(VigilException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_MODEL))
                .hasMessageContaining(p.toString())
                .hasMessageContaining("has model version " + newer)
                .hasMessageContaining("reads model versions up to " + ModelFiles.VERSION);
    }
}
