package dev.vigil.io.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.core.detection.AnomalyDetector;
import dev.vigil.core.detection.DetectionModel;
import dev.vigil.core.detection.DetectionResult;
import dev.vigil.core.plugin.PluginRegistry;
import dev.vigil.io.DataFiles;
import dev.vigil.spi.ReadOptions;
import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.spi.log.JobLog;
import dev.vigil.spi.settings.RowSelection;
import dev.vigil.spi.settings.RowUnit;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Model files written with the rarity rule but before rarities were judged against the clean in-sample
 * rows (issue 15), pinned: {@code src/test/resources/golden/model-v1-rarity/} holds a model file built
 * by that Vigil with the default perspectives on the first 800 rows of {@code golden/model-v1/data.csv}
 * ({@code model.json}: its decision rule stores {@code shortRarity} and {@code longRarity}, its
 * submodels no {@code cleanTail}) and what it detected on the rows after ({@code results.csv}). Every
 * later Vigil must detect exactly those results, to the last bit: such a file judges rarity against all
 * in-sample values, as it always did. Regenerate only as a deliberate format change (see {@link
 * GoldenModelFileTest}), with {@code -Dvigil.golden.regenerate=true}.
 */
class GoldenRarityModelFileTest {
    private static final String FOLDER = "golden/model-v1-rarity";

    private static Path golden;
    private static Path data;

    @BeforeAll
    static void findOrRegenerate() throws IOException, URISyntaxException {
        var v1 = GoldenRarityModelFileTest.class.getResource("/golden/model-v1/data.csv");
        assertThat(v1).as("the golden data on the test class path").isNotNull();
        data = Path.of(v1.toURI());
        if (Boolean.getBoolean(GoldenModelFileTest.REGENERATE)) {
            golden = Path.of("src/test/resources").resolve(FOLDER).toAbsolutePath();
            Files.createDirectories(golden);
            DetectionModel model = AnomalyDetector.builder().kpi("kpi").label("label").rows(RowSelection.first(800, RowUnit.Sample))
                    .build().build(read(data)).model();
            ModelFiles.write(model, golden.resolve("model.json"));
            DetectionResult result = ModelFiles.read(golden.resolve("model.json"), PluginRegistry.load()).detect(read(data));
            DataFiles.discover().write(result.table(), golden.resolve("results.csv"));
        } else {
            var model = GoldenRarityModelFileTest.class.getResource("/" + FOLDER + "/model.json");
            assertThat(model).as("the golden model file on the test class path").isNotNull();
            golden = Path.of(model.toURI()).getParent();
        }
    }

    private static TimeFrame read(Path file) {
        return DataFiles.discover().read(file, ReadOptions.DEFAULT, new JobLog());
    }

    @Test
    void aModelFileWithTheRarityRuleDetectsItsGoldenResultsToTheLastBit() throws IOException {
        String json = Files.readString(golden.resolve("model.json"));
        assertThat(json).contains("\"shortRarity\"").doesNotContain("cleanTail");
        DetectionModel model = ModelFiles.read(golden.resolve("model.json"), PluginRegistry.load());
        TimeFrame expected = read(golden.resolve("results.csv"));
        TimeFrame actual = model.detect(read(data)).table();

        assertThat(actual.columnNames()).containsExactlyElementsOf(expected.columnNames());
        assertThat(actual.times()).containsExactly(expected.times());
        for (String c : expected.columnNames()) {
            assertThat(Arrays.stream(actual.values(c)).mapToLong(Double::doubleToLongBits).toArray()).as(c)
                    .containsExactly(Arrays.stream(expected.values(c)).mapToLong(Double::doubleToLongBits).toArray());
        }
        assertThat(expected.values(DetectionResult.ANOMALY_CODE)).contains(0.0, 1.0);
    }
}
