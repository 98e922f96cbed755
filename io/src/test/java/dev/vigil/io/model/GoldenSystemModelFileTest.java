package dev.vigil.io.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.core.plugin.PluginRegistry;
import dev.vigil.io.DataFiles;
import dev.vigil.spi.ReadOptions;
import dev.vigil.spi.SystemProblem;
import dev.vigil.spi.frame.RowSet;
import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.spi.log.JobLog;
import dev.vigil.system.IndicatorCalibration;
import dev.vigil.system.SystemDetection;
import dev.vigil.system.SystemDetector;
import dev.vigil.testing.SystemData;
import dev.vigil.testing.SystemDataGenerator;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A system-driven model file written by an earlier Vigil, pinned: {@code src/test/resources/golden/system-v1/}
 * holds a default cross-regression model ({@code model.json}) written before the cross-regression learnt
 * its windowed and variance terms (issue 14), the data it detects on ({@code data.csv}: 1,200 rows × 5
 * signals from {@link SystemDataGenerator}, seed 2026, values rounded to four decimals, built on the first
 * 600 rows), and what it detected then on every row ({@code results.csv}: score, anomaly indicator,
 * severity, and the contributions of the anomalous rows). Every later Vigil must read that file and
 * detect exactly those results, to the last bit: a model file keeps meaning what it meant.
 *
 * <p><b>Regenerating the golden files is a format change</b>, not a way to make this test pass; it would
 * pin today's model instead of the old one. To regenerate deliberately (from the repository root):
 *
 * <pre>
 * mvn -B -pl io -am verify -Dtest=GoldenSystemModelFileTest -Dsurefire.failIfNoSpecifiedTests=false -Dvigil.golden.regenerate=true
 * </pre>
 */
class GoldenSystemModelFileTest {
    private static final String FOLDER = "golden/system-v1";
    private static final PluginRegistry REGISTRY = PluginRegistry.load();

    private static Path golden;

    @BeforeAll
    static void findOrRegenerate() throws IOException, URISyntaxException {
        if (Boolean.getBoolean(GoldenModelFileTest.REGENERATE)) {
            golden = Path.of("src/test/resources").resolve(FOLDER).toAbsolutePath();
            regenerate(golden);
        } else {
            var model = GoldenSystemModelFileTest.class.getResource("/" + FOLDER + "/model.json");
            assertThat(model).as("the golden system model file on the test class path").isNotNull();
            golden = Path.of(model.toURI()).getParent();
        }
    }

    private static void regenerate(Path folder) throws IOException {
        Files.createDirectories(folder);
        SystemData generated = SystemDataGenerator.create().rows(1_200).signals(5).factors(2).faultsPerKind(1).modeChanges(1)
                .faultLength(20).seed(2026).generate();
        TimeFrame.Builder rounded = TimeFrame.builder(generated.frame().times());
        for (String c : generated.signals()) {
            rounded.column(c, Arrays.stream(generated.frame().values(c)).map(x -> Math.round(x * 1e4) / 1e4).toArray());
        }
        DataFiles.discover().write(rounded.build(), folder.resolve("data.csv"));
        TimeFrame data = readData(folder);
        SystemDetector built = SystemDetector.build(REGISTRY.systemModel("cross-regression"), new SystemProblem(data, data.columnNames(),
                RowSet.range(0, 600), Map.of(), 7, REGISTRY, new JobLog()), IndicatorCalibration.Settings.DEFAULT);
        SystemModelFiles.write(built, folder.resolve("model.json"));
        DataFiles.discover().write(results(SystemModelFiles.read(folder.resolve("model.json"), REGISTRY).detect(data)),
                folder.resolve("results.csv"));
    }

    private static TimeFrame readData(Path folder) {
        return DataFiles.discover().read(folder.resolve("data.csv"), ReadOptions.DEFAULT, new JobLog());
    }

    /** Score, indicator, severity and, on anomalous rows, each signal's share (NaN elsewhere). */
    private static TimeFrame results(SystemDetection found) {
        TimeFrame.Builder b = TimeFrame.builder(found.time()).column("score", found.score()).column("anomaly_indicator", found.indicator())
                .column("severity", found.severity());
        List<String> signals = found.signals();
        double[][] share = new double[signals.size()][found.rows()];
        for (double[] s : share) {
            Arrays.fill(s, Double.NaN);
        }
        int[] rows = found.contributions().rows();
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < signals.size(); j++) {
                share[j][rows[i]] = found.contributions().shares()[i][j];
            }
        }
        for (int j = 0; j < signals.size(); j++) {
            b.column("contribution_" + signals.get(j), share[j]);
        }
        return b.build();
    }

    @Test
    void theGoldenSystemModelDetectsTheGoldenResultsToTheLastBit() {
        SystemDetector model = SystemModelFiles.read(golden.resolve("model.json"), REGISTRY);
        TimeFrame expected = DataFiles.discover().read(golden.resolve("results.csv"), ReadOptions.DEFAULT, new JobLog());
        TimeFrame actual = results(model.detect(readData(golden)));

        assertThat(actual.columnNames()).containsExactlyElementsOf(expected.columnNames());
        assertThat(actual.times()).containsExactly(expected.times());
        for (String c : expected.columnNames()) {
            assertThat(Arrays.stream(actual.values(c)).mapToLong(Double::doubleToLongBits).toArray()).as(c)
                    .containsExactly(Arrays.stream(expected.values(c)).mapToLong(Double::doubleToLongBits).toArray());
        }
        // worth pinning: anomalous rows with contributions, and normal ones
        assertThat(Arrays.stream(expected.values("anomaly_indicator")).filter(v -> v > 1).count()).isPositive();
        assertThat(Arrays.stream(expected.values("anomaly_indicator")).filter(v -> v < 1).count()).isPositive();
        assertThat(model.model().factory()).isEqualTo("cross-regression");
    }
}
