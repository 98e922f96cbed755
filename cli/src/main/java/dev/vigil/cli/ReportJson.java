package dev.vigil.cli;

import dev.vigil.core.anomaly.AnomalousBehaviorModel;
import dev.vigil.core.detection.DetectionModel;
import dev.vigil.core.detection.DetectionResult;
import dev.vigil.rca.Cause;
import dev.vigil.rca.Importances;
import dev.vigil.rca.RowCauses;
import dev.vigil.spi.NormalBehaviorSummary;
import dev.vigil.spi.log.LogEntry;
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

    /** TIM's {@code properties} table: {@code name, importance, rel_importance, dataFrom, dataTo}, most important first. */
    static List<Object> predictorImportances(NormalBehaviorSummary summary) {
        return predictorImportances(summary.predictors());
    }

    private static List<Object> predictorImportances(List<NormalBehaviorSummary.PredictorImportance> predictors) {
        List<Object> out = new ArrayList<>();
        for (NormalBehaviorSummary.PredictorImportance p : predictors) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", p.name());
            m.put("importance", p.importance());
            m.put("rel_importance", p.relImportance());
            m.put("dataFrom", p.dataFrom());
            m.put("dataTo", p.dataTo());
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

    /** The causes of each anomalous row: its top contributors by departure from their usual part. */
    static List<Object> rootCauses(List<RowCauses> rows, int top) {
        List<Object> out = new ArrayList<>();
        for (RowCauses r : rows) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("timestamp", r.timestamp().toString());
            putCauses(m, r, top);
            out.add(m);
        }
        return out;
    }

    /**
     * The events: first and last anomalous row, the rows from one to the other and how many of them are
     * anomalous, the strongest indicator, the perspectives, the causes averaged over the anomalous rows.
     */
    static List<Object> events(List<JobReport.EventSummary> events, int top) {
        List<Object> out = new ArrayList<>();
        for (JobReport.EventSummary s : events) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("start", java.time.Instant.ofEpochMilli(s.event().start()).toString());
            m.put("end", java.time.Instant.ofEpochMilli(s.event().end()).toString());
            m.put("rows", s.event().rows());
            m.put("anomalousRows", s.anomalousRows());
            m.put("maxIndicator", finite(s.maxIndicator()));
            m.put("perspectives", s.perspectives());
            if (s.causes() != null) {
                putCauses(m, s.causes(), top);
            }
            out.add(m);
        }
        return out;
    }

    private static void putCauses(Map<String, Object> m, RowCauses r, int top) {
        m.put("kpi", finite(r.kpi()));
        m.put("normal_behavior", finite(r.normalBehavior()));
        m.put("typical_normal_behavior", finite(r.typicalNormalBehavior()));
        List<Object> causes = new ArrayList<>();
        for (Cause c : r.causes().subList(0, Math.min(top, r.causes().size()))) {
            Map<String, Object> cm = new LinkedHashMap<>();
            cm.put("contributor", c.contributor());
            cm.put("contribution", finite(c.contribution()));
            cm.put("typical", finite(c.typical()));
            cm.put("departure", finite(c.departure()));
            cm.put("share", finite(c.share()));
            causes.add(cm);
        }
        m.put("causes", causes);
    }

    /** TIM's properties and features tables. */
    static Map<String, Object> importances(Importances importances) {
        List<Object> properties = predictorImportances(importances.properties());
        List<Object> features = new ArrayList<>();
        for (Importances.FeatureImportance f : importances.features()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("model", f.model());
            m.put("term", f.term());
            m.put("feature", f.feature());
            m.put("importance", f.importance());
            m.put("beta", f.beta());
            features.add(m);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("properties", properties);
        out.put("features", features);
        return out;
    }

    private static Object finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
