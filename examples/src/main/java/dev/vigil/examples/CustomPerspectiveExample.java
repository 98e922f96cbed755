package dev.vigil.examples;

import dev.vigil.core.detection.AnomalyDetector;
import dev.vigil.core.detection.BuildResult;
import dev.vigil.core.detection.DetectionResult;
import dev.vigil.io.config.ConfigurationReader;
import dev.vigil.spi.log.JobLog;
import dev.vigil.spi.settings.JobSettings;
import dev.vigil.testing.ProductionLineGenerator;
import java.io.PrintStream;
import java.time.ZoneOffset;

/**
 * The {@link ShiftScan} plugin selected by name in a TIM-shaped JSON configuration, exactly like a
 * built-in perspective: nothing but its {@code META-INF/services} entry tells Vigil it exists.
 */
public final class CustomPerspectiveExample {
    static final String CONFIGURATION = """
            {
              "configuration": {
                "domainSpecifics": [
                  {"perspective": "Residual"},
                  {"perspective": "ShiftScan", "minSensitivity": 0, "maxSensitivity": 2}
                ]
              },
              "data": {
                "KPIColumn": "Output",
                "rows": {"type": "First", "baseUnit": "Sample", "value": 9600}
              }
            }
            """;

    private CustomPerspectiveExample() {
    }

    public static void main(String[] args) {
        run(System.out);
    }

    static DetectionResult run(PrintStream out) {
        JobSettings settings = ConfigurationReader.parse(CONFIGURATION, "example.json", ZoneOffset.UTC, new JobLog());
        BuildResult built = AnomalyDetector.builder().settings(settings).build()
                .build(ProductionLineGenerator.create().generate().unlabelled());
        DetectionResult found = built.model().detect(ProductionLineGenerator.create().generate().unlabelled());
        out.println("Perspectives: " + found.perspectives());
        out.println("Anomalous rows: " + found.anomalies().size());
        return found;
    }
}
