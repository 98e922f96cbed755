package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.io.csv.CsvReader;
import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.spi.log.JobLog;
import dev.vigil.testing.GeneratedData;
import dev.vigil.testing.KpiDataGenerator;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The bundled data are exactly what data/README.md says generated them. */
class BundledDataTest {
    @Test
    void demoMachineIsReproducibleFromItsGenerator() throws java.io.IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.InputStream in = new java.util.zip.GZIPInputStream(DemoCommand.class.getResourceAsStream(SystemDemo.DATA))) {
            in.transferTo(bytes);
        }
        Path made = java.nio.file.Files.createTempFile("machine", ".csv");
        try {
            dev.vigil.testing.SystemData d = DemoMachine.generate();
            dev.vigil.io.csv.CsvWriter.write(DemoMachine.frame(d), made);
            assertThat(bytes.toString(java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(java.nio.file.Files.readString(made));
            try (java.io.InputStream in = DemoCommand.class.getResourceAsStream(SystemDemo.LABELS)) {
                assertThat(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines().toList())
                        .isEqualTo(DemoMachine.labels(d));
            }
        } finally {
            java.nio.file.Files.delete(made);
        }
    }

    @Test
    void sampleIsReproducibleFromItsDocumentedParameters() {
        TimeFrame bundled = CsvReader.read(Path.of("../data/sample/kpi.csv"), new JobLog());
        GeneratedData g = KpiDataGenerator.create().rows(4032).seed(2024).anomalies(3, 2, 1, 0).anomaliesBetween(2.0 / 3, 1).generate();
        assertThat(bundled.times()).containsExactly(g.frame().times());
        assertThat(bundled.columnNames()).isEqualTo(g.frame().columnNames());
        for (String c : bundled.columnNames()) {
            assertThat(bundled.column(c).toArray()).as(c).containsExactly(g.frame().column(c).toArray());
        }
    }
}
