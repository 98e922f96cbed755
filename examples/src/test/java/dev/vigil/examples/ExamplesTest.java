package dev.vigil.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.cli.Main;
import dev.vigil.core.detection.DetectionResult;
import dev.vigil.io.csv.CsvWriter;
import dev.vigil.spi.DetectionPerspective;
import dev.vigil.testing.GeneratedData;
import dev.vigil.testing.InjectedAnomaly;
import dev.vigil.testing.ProductionLineGenerator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExamplesTest {
    @Test
    void thePipelineComposedInCodeFindsTheInjectedAnomalies() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        List<DetectionResult.Anomaly> found = ProductionLineExample.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        GeneratedData truth = ProductionLineGenerator.create().generate();
        long start = truth.frame().time(0);
        int inside = 0;
        for (DetectionResult.Anomaly a : found) {
            int row = (int) ((a.timestamp().toEpochMilli() - start) / 1000);
            boolean near = truth.anomalies().stream().anyMatch(t -> row >= t.start() && row < t.end() + 60);
            inside += near ? 1 : 0;
        }
        assertThat(found).hasSizeGreaterThan(100);
        assertThat((double) inside / found.size()).isGreaterThan(0.9);
        for (InjectedAnomaly t : truth.anomalies()) {
            assertThat(found).as("an anomaly near %s", t).anyMatch(a -> {
                int row = (int) ((a.timestamp().toEpochMilli() - start) / 1000);
                return row >= t.start() && row < t.end() + 60;
            });
        }
        assertThat(bytes.toString(StandardCharsets.UTF_8)).startsWith("Normal behaviour: ");
    }

    @Test
    void thePumpExampleCatchesEveryFaultWithDiagnosticsPerSubsystem() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        dev.vigil.evaluation.system.SystemRun found = PumpExample.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        assertThat(found.metrics()).hasValueSatisfying(m -> assertThat(m.identified()).isEqualTo(m.labelled().size()).isEqualTo(4));
        assertThat(found.events()).isNotEmpty().allSatisfy(e -> {
            assertThat(e.components().keySet()).containsExactlyInAnyOrder("drive", "hydraulics");
            assertThat(e.components().values().stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(1, org.assertj.core.api.Assertions.within(1e-9));
        });
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("4 of 4 faults identified");
    }

    @Test
    void theCustomPerspectiveIsSelectedByNameInJson() {
        DetectionResult found = CustomPerspectiveExample.run(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        assertThat(found.perspectives()).extracting(p -> p.perspective()).containsExactly("Residual", "ShiftScan");
        assertThat(found.table().columnNames()).contains("anomaly_indicator_shiftscan");
        assertThat(found.anomalies()).anyMatch(a -> a.exceeded().contains("shiftscan"));
    }

    @Test
    void theCustomPerspectiveIsSelectedByNameOnTheCommandLine(@TempDir Path dir) {
        Path data = dir.resolve("line.csv");
        CsvWriter.write(ProductionLineGenerator.create().generate().unlabelled(), data);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"build-model", "--data", data.toString(), "--kpi", "Output", "--rows", "first:9600",
            "--perspectives", "Residual,ShiftScan"}, new PrintWriter(out, true), new PrintWriter(err, true));
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("ShiftScan          window  36");
    }

    @Test
    void guiceAssemblesDiscoveredAndApplicationPlugins() {
        assertThat(GuiceExample.registry().all(DetectionPerspective.class))
                .containsKeys("Residual", "Imbalance", "ShiftScan", "SlowImbalance");
        assertThat(GuiceExample.detector().registry().perspective("SlowImbalance")).isInstanceOf(GuiceExample.SlowImbalance.class);
    }
}
