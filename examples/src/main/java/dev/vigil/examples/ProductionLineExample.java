package dev.vigil.examples;

import dev.vigil.core.detection.AnomalyDetector;
import dev.vigil.core.detection.BuildResult;
import dev.vigil.core.detection.DetectionResult;
import dev.vigil.features.Features;
import dev.vigil.perspectives.Fluctuation;
import dev.vigil.perspectives.Imbalance;
import dev.vigil.perspectives.Residual;
import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.spi.settings.RowSelection;
import dev.vigil.spi.settings.RowUnit;
import dev.vigil.testing.ProductionLineGenerator;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;

/**
 * A pipeline composed in plain code — no configuration file, no dependency injection, no service
 * discovery: the feature generators and perspectives are instances handed to the builder.
 *
 * <p>Run: {@code java -cp "examples/target/classes:$(cat examples/target/classpath.txt)" dev.vigil.examples.ProductionLineExample}
 * after {@code mvn -B -q -pl examples -am package -DskipTests} (README, "Examples"), or from an IDE.
 */
public final class ProductionLineExample {
    private ProductionLineExample() {
    }

    public static void main(String[] args) {
        run(System.out);
    }

    /** Builds on the first two thirds of four hours of a production line, detects on the rest, prints what it found. */
    static List<DetectionResult.Anomaly> run(PrintStream out) {
        TimeFrame line = ProductionLineGenerator.create().generate().unlabelled();
        AnomalyDetector detector = AnomalyDetector.builder()
                .kpi("Output")
                .features(Features.defaults())
                .perspectives(new Residual(), new Imbalance(Duration.ofSeconds(36)), new Fluctuation(Duration.ofSeconds(60)))
                .rows(RowSelection.first(9600, RowUnit.Sample))
                .build();
        BuildResult built = detector.build(line);
        DetectionResult found = built.model().detect(line, RowSelection.last(4800, RowUnit.Sample));
        out.printf("Normal behaviour: %d terms; anomalous rows in the last hour and twenty minutes: %d%n",
                built.model().normalBehavior().summary().models().get(0).terms().size(), found.anomalies().size());
        found.anomalies().stream().limit(10).forEach(a -> out.printf("  %s  Output %.3f, expected %.3f  (%s)%n", a.timestamp(),
                a.kpi(), a.normalBehavior(), String.join(", ", a.exceeded())));
        return found.anomalies();
    }
}
