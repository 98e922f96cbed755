package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.io.csv.CsvWriter;
import dev.vigil.testing.KpiDataGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A model Vigil writes is a model Vigil reads: every form of row selection build-model takes (none,
 * first and last N samples or units, --from alone, --to alone, both, a configuration's ranges) gives a
 * model file that detect reads back. --from or --to alone once wrote its open side as
 * a year of nine digits that no reader took for a timestamp.
 */
class SelectionRoundTripTest {
    @TempDir
    static Path dir;
    private static Path data;
    private static Path rangesConfig;

    @BeforeAll
    static void data() throws IOException {
        data = dir.resolve("data.csv");
        CsvWriter.write(KpiDataGenerator.create().rows(500).seed(11).generate().unlabelled(), data);
        rangesConfig = Files.writeString(dir.resolve("ranges.json"), "{\"data\": {\"rows\": [{\"from\": \"2000-01-01\", \"to\": \"2100-01-01\"}]}}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "--rows first:300", "--rows last:300", "--rows first:3d", "--rows last:90000s", "--rows first:99999",
        "--from 2000-01-01", "--to 2100-01-01", "--from 2000-01-01 --to 2100-01-01", "--config RANGES"})
    void aModelBuiltWithASelectionIsReadBack(String selection) {
        Path model = dir.resolve("model-" + Math.abs(selection.hashCode()) + ".json");
        List<String> args = new ArrayList<>(List.of("build-model", "--data", data.toString(), "--model-out", model.toString()));
        for (String a : selection.split(" ")) {
            if (!a.isEmpty()) {
                args.add(a.equals("RANGES") ? rangesConfig.toString() : a);
            }
        }
        CliRun built = CliRun.of(args.toArray(String[]::new));
        assertThat(built.exitCode()).as(built.err()).isZero();
        if (selection.endsWith(":99999")) { // more rows than the data hold: all are used, and the output says so
            assertThat(built.out() + built.err()).contains("asks for more than").contains("using all 500 rows");
        }

        CliRun detected = CliRun.of("detect", "--data", data.toString(), "--model", model.toString());
        assertThat(detected.exitCode()).as(detected.err()).isZero();
        assertThat(detected.out()).startsWith("Detected on ");
    }
}
