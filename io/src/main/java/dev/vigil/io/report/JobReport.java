package dev.vigil.io.report;

import static java.util.Objects.requireNonNull;

import dev.vigil.core.detection.DetectionModel;
import dev.vigil.core.detection.DetectionResult;
import dev.vigil.io.DataFiles;
import dev.vigil.io.OutputFiles;
import dev.vigil.io.model.ModelFiles;
import dev.vigil.spi.NormalBehaviorSummary;
import dev.vigil.spi.log.LogEntry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON report of a build, detect or rebuild job, and the files such a job writes: the results
 * table, the model and the report.
 *
 * <p>The report holds, in this order: {@code job}, {@code model} (KPI, sampling period, in-sample
 * period, required columns), {@code rows} of the results, for a job that built the model its {@code
 * normalBehaviorModel} (every model's terms) and {@code predictorImportances}, each perspective's
 * calibration ({@code perspectives}, {@code detectedSensitivity}), TIM's {@code errorMeasures} when the
 * rows have labels, the {@code events}, the {@code anomalies}, their {@code rootCauses} (the top {@link
 * #TOP_CAUSES} contributors of each) and the {@code logs}.
 *
 * @param job the job's name, e.g. {@code "detect"}
 * @param model the model used or built
 * @param result its results
 * @param logs every log entry of the run, reading included
 * @param built whether the model was (re)built by the job, so its normal-behaviour summary belongs in the report
 * @param errorMeasures TIM's error measures as a JSON-ready map, or {@code null} without labels
 * @param events the events of the result
 * @param rootCauses the causes of each anomalous row, in the order of the anomaly list (may be empty)
 */
public record JobReport(String job, DetectionModel model, DetectionResult result, List<LogEntry> logs, boolean built,
        Map<String, Object> errorMeasures, List<ReportedEvent> events, List<ReportedCauses> rootCauses) {
    /** Contributors listed per anomalous row and per event. */
    public static final int TOP_CAUSES = 5;

    public JobReport {
        requireNonNull(job, "job is null");
        requireNonNull(model, "model is null");
        requireNonNull(result, "result is null");
        logs = List.copyOf(logs);
        events = List.copyOf(events);
        rootCauses = List.copyOf(rootCauses);
    }

    /** The report as a JSON-ready tree. */
    public Map<String, Object> toMap() {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("job", job);
        report.put("modelChecksum", ModelFiles.checksum(model));
        report.put("model", ReportJson.model(model));
        report.put("rows", ReportJson.rows(result));
        if (built) {
            NormalBehaviorSummary summary = model.normalBehavior().summary();
            report.put("normalBehaviorModel", ReportJson.normalBehavior(summary));
            report.put("predictorImportances", ReportJson.predictorImportances(summary.predictors()));
        }
        report.put("perspectives", ReportJson.perspectives(result.perspectives()));
        Map<String, Object> detected = new LinkedHashMap<>();
        result.perspectives().forEach(p -> detected.put(p.perspective(), p.sensitivity()));
        report.put("detectedSensitivity", detected);
        if (errorMeasures != null) {
            report.put("errorMeasures", errorMeasures);
        }
        report.put("events", ReportJson.events(events, TOP_CAUSES));
        report.put("anomalies", ReportJson.anomalies(result.anomalies()));
        report.put("rootCauses", ReportJson.causes(rootCauses, TOP_CAUSES));
        report.put("logs", ReportJson.logs(logs));
        return report;
    }

    /**
     * Writes the requested files as one job's outputs ({@link #stage}, then {@link OutputFiles#commit}):
     * all of them or none; a {@code null} path is skipped.
     */
    public void write(DataFiles files, Path modelOut, Path tableOut, Path jsonOut) {
        try (OutputFiles out = OutputFiles.plan(targets(modelOut, tableOut, jsonOut))) {
            stage(out, files, modelOut, tableOut, jsonOut);
            out.commit();
        }
    }

    /** The outputs {@link #stage} writes, for {@link OutputFiles#plan} (the results table's record included). */
    public static List<OutputFiles.Target> targets(Path modelOut, Path tableOut, Path jsonOut) {
        List<OutputFiles.Target> targets = new ArrayList<>();
        if (tableOut != null) {
            targets.add(new OutputFiles.Target("the results table", "--table-out", tableOut));
            targets.add(new OutputFiles.Target("the results table's record", "--table-out", ResultsRecord.pathOf(tableOut)));
        }
        if (jsonOut != null) {
            targets.add(new OutputFiles.Target("the JSON report", "--json-out", jsonOut));
        }
        if (modelOut != null) {
            targets.add(new OutputFiles.Target("the model", "--model-out", modelOut));
        }
        return targets;
    }

    /**
     * Stages the requested files of this job in {@code out}, in the order they are moved into place:
     * the results table, its {@link ResultsRecord} ({@code <table>.vigil.json}: the table's SHA-256 and
     * the model's checksum), the JSON report ({@code modelChecksum}), and the model last; a {@code null}
     * path is skipped. Stage any other output of the job before these, so the model is the last file
     * moved into place.
     *
     * @param files the formats of the results table (by its extension)
     * @param modelOut the model file ({@link ModelFiles})
     * @param tableOut the results table, in {@link DetectionResult#TABLE_LAYOUT}
     * @param jsonOut this report
     */
    public void stage(OutputFiles out, DataFiles files, Path modelOut, Path tableOut, Path jsonOut) {
        List<OutputFiles.Target> targets = targets(modelOut, tableOut, jsonOut);
        String checksum = ModelFiles.checksum(model);
        int t = 0;
        if (tableOut != null) {
            Path table = out.stage(targets.get(t++), p -> files.write(result.table(), p, DetectionResult.TABLE_LAYOUT));
            Map<String, Object> record = ResultsRecord.of(table, tableOut, job, checksum).toMap();
            out.stage(targets.get(t++), p -> ReportJson.write(p, record));
        }
        if (jsonOut != null) {
            Map<String, Object> report = toMap();
            out.stage(targets.get(t++), p -> ReportJson.write(p, report));
        }
        if (modelOut != null) {
            out.stage(targets.get(t), p -> ModelFiles.write(model, p));
        }
    }
}
