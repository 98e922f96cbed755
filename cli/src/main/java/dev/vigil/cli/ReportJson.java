package dev.vigil.cli;

import dev.vigil.core.anomaly.AnomalousBehaviorModel;
import dev.vigil.core.detection.DetectionModel;
import dev.vigil.core.detection.DetectionResult;
import dev.vigil.core.log.LogEntry;
import dev.vigil.core.spi.NormalBehaviorSummary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON objects the job commands write with {@code --json-out}, built from Vigil's records. */
final class ReportJson {
    private ReportJson() {
    }

    /** TIM's log records: {@code {createdAt, origin, messageType, message}}. */
    static List<Object> logs(List<LogEntry> entries) {
        List<Object> out = new ArrayList<>();
        for (LogEntry e : entries) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("createdAt", e.createdAt().toString());
            m.put("origin", e.origin());
            m.put("messageType", e.messageType().name());
            m.put("message", e.message());
            out.add(m);
        }
        return out;
    }

    /** The models with their terms. */
    static Map<String, Object> normalBehavior(NormalBehaviorSummary summary) {
        List<Object> models = new ArrayList<>();
        for (NormalBehaviorSummary.Model model : summary.models()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("index", model.index());
            if (model.dayTime() != null) {
                m.put("dayTime", model.dayTime());
            }
            m.put("rows", model.rows());
            m.put("residualSd", finite(model.residualSd()));
            m.put("intercept", model.intercept());
            List<Object> terms = new ArrayList<>();
            for (NormalBehaviorSummary.Term t : model.terms()) {
                Map<String, Object> tm = new LinkedHashMap<>();
                tm.put("label", t.label());
                tm.put("beta", t.beta());
                tm.put("importance", t.importance());
                tm.put("predictors", t.predictors());
                terms.add(tm);
            }
            m.put("terms", terms);
            models.add(m);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("models", models);
        return out;
    }

    /** TIM's {@code properties} table: {@code name, importance, rel_importance}, most important first. */
    static List<Object> predictorImportances(NormalBehaviorSummary summary) {
        List<Object> out = new ArrayList<>();
        for (NormalBehaviorSummary.PredictorImportance p : summary.predictors()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", p.name());
            m.put("importance", p.importance());
            m.put("rel_importance", p.relImportance());
            out.add(m);
        }
        return out;
    }

    /** Rows, first and last timestamp of a results table. */
    static Map<String, Object> rows(DetectionResult result) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rows", result.rows());
        m.put("from", result.rows() == 0 ? null : result.table().instant(0).toString());
        m.put("to", result.rows() == 0 ? null : result.table().instant(result.rows() - 1).toString());
        return m;
    }

    /** What a model needs and was built on. */
    static Map<String, Object> model(DetectionModel model) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kpi", model.kpi());
        m.put("samplingPeriod", model.samplingPeriod().toString());
        m.put("inSampleFrom", model.inSampleFrom().toString());
        m.put("inSampleTo", model.inSampleTo().toString());
        m.put("requiredColumns", model.requiredColumns());
        return m;
    }

    /** Each perspective's window, density and calibration. */
    static List<Object> perspectives(List<AnomalousBehaviorModel.PerspectiveSummary> perspectives) {
        List<Object> out = new ArrayList<>();
        for (AnomalousBehaviorModel.PerspectiveSummary p : perspectives) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("perspective", p.perspective());
            m.put("window", p.window());
            m.put("recentWindow", p.recentWindow());
            m.put("components", p.components());
            m.put("detectedSensitivity", p.sensitivity());
            m.put("threshold", p.threshold());
            m.put("rows", p.rows());
            out.add(m);
        }
        return out;
    }

    /** The anomaly list: one object per row with anomaly code 1 or 3. */
    static List<Object> anomalies(List<DetectionResult.Anomaly> anomalies) {
        List<Object> out = new ArrayList<>();
        for (DetectionResult.Anomaly a : anomalies) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("timestamp", a.timestamp().toString());
            m.put("model_index", a.modelIndex());
            m.put("kpi", finite(a.kpi()));
            m.put("normal_behavior", finite(a.normalBehavior()));
            m.put("anomaly_code", a.anomalyCode());
            a.indicators().forEach(m::put);
            m.put("perspectives", a.exceeded());
            out.add(m);
        }
        return out;
    }

    private static Object finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
