package dev.vigil.report;

import dev.vigil.core.detection.AnomalyDetector;
import dev.vigil.core.detection.DetectionModel;
import dev.vigil.core.detection.DetectionResult;
import dev.vigil.core.detection.ProgressListener;
import dev.vigil.core.plugin.PluginRegistry;
import dev.vigil.core.quality.DataQuality;
import dev.vigil.core.quality.DataQualityReport;
import dev.vigil.core.quality.QualityInput;
import dev.vigil.core.quality.QualitySource;
import dev.vigil.evaluation.HoldOut;
import dev.vigil.evaluation.LabelTuning;
import dev.vigil.spi.settings.JobSettings;
import java.util.OptionalDouble;
import dev.vigil.evaluation.system.SystemJob;
import dev.vigil.evaluation.system.SystemJobSettings;
import dev.vigil.evaluation.system.SystemRun;
import dev.vigil.io.labels.LabelRanges;
import dev.vigil.rca.Importances;
import dev.vigil.rca.RootCauseAnalysis;
import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.spi.log.JobLog;
import dev.vigil.spi.log.LogEntry;
import dev.vigil.spi.settings.RowSelection;
import dev.vigil.spi.settings.RowUnit;
import dev.vigil.testing.ProductionLineGenerator;
import dev.vigil.testing.SystemData;
import dev.vigil.testing.SystemDataGenerator;
import java.util.ArrayList;
import java.util.List;

/** Reports of Vigil's own generated data (vigil-testing), built once per test class that asks. */
final class Fixtures {
    static final PluginRegistry REGISTRY = PluginRegistry.load();

    private Fixtures() {
    }

    /** The demo's workflow on a generated production line: built on two thirds, detected on the rest, with root causes. */
    static Report.Builder kpi() {
        TimeFrame raw = ProductionLineGenerator.create().generate().frame();
        HoldOut run = HoldOut.run(AnomalyDetector.builder().kpi("Output").label("label").registry(REGISTRY), raw, 2.0 / 3,
                ProgressListener.NONE);
        DetectionModel model = run.built().model();
        List<LogEntry> logs = new ArrayList<>(run.built().inSample().logs());
        logs.addAll(run.detected().logs());
        return Report.builder().title("Production line").command("vigil demo").model("model.json").data("production_line.csv")
                .setting("KPI", "Output").inSample(run.built().inSample()).detected(run.detected())
                .importances(Importances.of(model.normalBehavior().summary()))
                .rootCauses(RootCauseAnalysis.of(model).decompose(raw, run.detectedRows())).log(logs).tuning(tuning());
    }

    /**
     * A made-up detection of {@code rows} rows, one a second from 2024-03-04T06:00Z: {@code codes} gives each row's
     * anomaly code (its indicator is 2 when flagged, NaN when code 2 or 3, else 0.5), {@code labels} its label (or null).
     */
    static DetectionResult detection(int rows, java.util.function.IntToDoubleFunction codes, double[] labels) {
        long[] time = new long[rows];
        double[] model = new double[rows];
        double[] kpi = new double[rows];
        double[] normal = new double[rows];
        double[] code = new double[rows];
        double[] indicator = new double[rows];
        for (int i = 0; i < rows; i++) {
            time[i] = java.time.Instant.parse("2024-03-04T06:00:00Z").toEpochMilli() + 1000L * i;
            model[i] = 1;
            normal[i] = 10;
            code[i] = codes.applyAsDouble(i);
            kpi[i] = code[i] == 1 || code[i] == 3 ? 14 : 10.1;
            indicator[i] = code[i] >= 2 ? Double.NaN : code[i] == 1 ? 2 : 0.5;
        }
        java.util.Map<String, double[]> columns = new java.util.LinkedHashMap<>();
        columns.put(DetectionResult.MODEL_INDEX, model);
        columns.put(DetectionResult.KPI, kpi);
        columns.put(DetectionResult.NORMAL_BEHAVIOR, normal);
        columns.put(DetectionResult.ANOMALY_CODE, code);
        columns.put("anomaly_indicator_Residual", indicator);
        return new DetectionResult(TimeFrame.of(time, columns), List.of(), List.of(), labels);
    }

    /** What a tuning might have tried: two perspective sets, each automatic and at three sensitivities (made up, to be drawn). */
    static LabelTuning.Result tuning() {
        List<LabelTuning.Trial> trials = new ArrayList<>();
        for (List<String> set : List.of(List.of("Residual"), List.of("Residual", "Imbalance"))) {
            trials.add(new LabelTuning.Trial(new LabelTuning.Candidate(set, OptionalDouble.empty()), 0.5, 0.5, 0.5, 0.5, 0.5, 1));
            for (double s : new double[] {0.5, 1, 2}) {
                trials.add(new LabelTuning.Trial(new LabelTuning.Candidate(set, OptionalDouble.of(s)), 0.4 + s / 10, 0.9 - s / 5, 0.3 + s / 5,
                        0.8, 0.6, 2 * s));
            }
        }
        return new LabelTuning.Result(LabelTuning.Objective.EVENT_F1, trials, trials.get(0), JobSettings.DEFAULT);
    }

    /** A generated machine: a PCA model built on its first half, detected on every row, with the faults as labels. */
    static Report.Builder system() {
        SystemData d = SystemDataGenerator.create().rows(3000).signals(5).faultsPerKind(1).modeChanges(1).seed(3).generate();
        TimeFrame frame = d.unlabelled();
        JobLog log = new JobLog();
        LabelRanges labels = SystemJob.labelsOf(d.frame(), d.label(), log);
        SystemRun built = SystemJob.build(frame, RowSelection.first(1500, RowUnit.Sample), List.of(), null, SystemJobSettings.DEFAULT,
                REGISTRY, log, f -> { });
        SystemRun found = SystemJob.detect(built.model(), frame, null, labels, log);
        DataQualityReport quality = DataQuality.assess(QualityInput.of(QualitySource.of("", frame)));
        return Report.builder().title("Machine").command("vigil detect").system(found, frame).quality(quality).log(log.entries());
    }
}
