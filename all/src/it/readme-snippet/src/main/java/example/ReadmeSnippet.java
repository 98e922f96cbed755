package example;

import dev.vigil.core.detection.AnomalyDetector;
import dev.vigil.core.detection.BuildResult;
import dev.vigil.core.detection.DetectionResult;
import dev.vigil.features.Features;
import dev.vigil.io.csv.CsvReader;
import dev.vigil.io.model.ModelFiles;
import dev.vigil.perspectives.Imbalance;
import dev.vigil.perspectives.Residual;
import dev.vigil.rca.Decomposition;
import dev.vigil.rca.RootCauseAnalysis;
import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.spi.log.JobLog;
import dev.vigil.spi.settings.RowSelection;
import dev.vigil.spi.settings.RowUnit;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The README's library snippet ("As a library"), verbatim between the two marker comments: vigil-all's
 * ReadmeSnippetTest checks that README.md holds the same text, and this project's test runs it.
 */
public final class ReadmeSnippet {
    private ReadmeSnippet() {
    }

    public static void main(String[] args) {
        // README snippet begins
        TimeFrame raw = CsvReader.read(Path.of("data/sample/kpi.csv"), new JobLog());   // file order, as read
        AnomalyDetector detector = AnomalyDetector.builder()
            .kpi("kpi")
            .label("label")                                                             // known anomalies, never an influencer
            .features(Features.defaults())                                              // or names from a TIM JSON configuration
            .perspectives(new Residual(), new Imbalance(Duration.ofHours(2)))
            .rows(RowSelection.first(2688, RowUnit.Sample))
            .build();
        BuildResult built = detector.build(raw);                                        // prepares, fits, applies
        built.inSample().logs().forEach(System.out::println);                           // what was done, and why
        DetectionResult later = built.model().detect(raw, RowSelection.last(1344, RowUnit.Sample));
        later.anomalies().forEach(System.out::println);                                 // rows with anomaly code 1 or 3
        ModelFiles.write(built.model(), Path.of("model.json"));                         // detect elsewhere, bit for bit
        Decomposition why = RootCauseAnalysis.of(built.model()).decompose(raw, RowSelection.all());
        why.causesOf(later.anomalies()).forEach(System.out::println);                   // what moved it, largest first
        // README snippet ends
    }
}
