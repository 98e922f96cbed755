package dev.vigil.io.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.vigil.core.anomaly.AnomalousBehaviorModel;
import dev.vigil.core.detection.DetectionModel;
import dev.vigil.core.detection.DetectionResult;
import dev.vigil.io.AtomicFiles;
import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.NormalBehaviorSummary;
import dev.vigil.spi.VigilException;
import dev.vigil.spi.log.LogEntry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Vigil's values as JSON-ready trees (maps in a fixed key order, lists, strings, numbers; where a
 * value may be undefined, a number that is not finite becomes {@code null}), and Jackson's pretty
 * printing of such trees and of records (written component by component).
 * The keys follow TIM: table columns keep their column names ({@code model_index}, {@code
 * normal_behavior}), everything else is camel case. Stateless and thread-safe.
 */
public final class ReportJson {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ReportJson() {
    }

    /** Pretty-printed JSON of a tree of maps, lists, strings, numbers and records. */
    public static String pretty(Object tree) {
        try {
            return MAPPER.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new VigilException(ErrorCode.INTERNAL, "Cannot write JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Writes {@link #pretty} JSON of a tree to a file, atomically. */
    public static void write(Path file, Object tree) {
        String text = pretty(tree);
        AtomicFiles.writeText(file, w -> w.write(text));
    }

    /** TIM's log records: {@code {createdAt, origin, messageType, message}}. */
    public static List<Object> logs(List<LogEntry> entries) {
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
    public static Map<String, Object> normalBehavior(NormalBehaviorSummary summary) {
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
    public static List<Object> predictorImportances(List<NormalBehaviorSummary.PredictorImportance> predictors) {
        List<Object> out = new ArrayList<>();
        for (NormalBehaviorSummary.PredictorImportance p : predictors) {
            Map<String, Object> m = new LinkedHashMap<>();
            List<Object> row = p.row();
            for (int c = 0; c < row.size(); c++) {
                m.put(NormalBehaviorSummary.PredictorImportance.COLUMNS.get(c), row.get(c));
            }
            out.add(m);
        }
        return out;
    }

    /** Rows, first and last timestamp of a results table. */
    public static Map<String, Object> rows(DetectionResult result) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rows", result.rows());
        m.put("from", result.rows() == 0 ? null : result.table().instant(0).toString());
        m.put("to", result.rows() == 0 ? null : result.table().instant(result.rows() - 1).toString());
        return m;
    }

    /** What a model needs and was built on. */
    public static Map<String, Object> model(DetectionModel model) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kpi", model.kpi());
        m.put("samplingPeriod", model.samplingPeriod().toString());
        m.put("inSampleFrom", model.inSampleFrom().toString());
        m.put("inSampleTo", model.inSampleTo().toString());
        m.put("requiredColumns", model.requiredColumns());
        return m;
    }

    /** Each perspective's window, density and calibration. */
    public static List<Object> perspectives(List<AnomalousBehaviorModel.PerspectiveSummary> perspectives) {
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
    public static List<Object> anomalies(List<DetectionResult.Anomaly> anomalies) {
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

    /** Causes: each row's top contributors by departure from their usual part ({@code top}: how many). */
    public static List<Object> causes(List<ReportedCauses> rows, int top) {
        List<Object> out = new ArrayList<>();
        for (ReportedCauses r : rows) {
            out.add(causes(r, top));
        }
        return out;
    }

    /** One row's causes: its timestamp, KPI, normal behaviour and its usual level, and its top contributors. */
    public static Map<String, Object> causes(ReportedCauses r, int top) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("timestamp", r.timestamp().toString());
        putCauses(m, r, top);
        return m;
    }

    /**
     * The events: first and last anomalous row, the rows from one to the other and how many of them are
     * anomalous, the strongest indicator, the perspectives, the causes averaged over the anomalous rows.
     */
    public static List<Object> events(List<ReportedEvent> events, int top) {
        List<Object> out = new ArrayList<>();
        for (ReportedEvent s : events) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("start", s.start().toString());
            m.put("end", s.end().toString());
            m.put("rows", s.rows());
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

    private static void putCauses(Map<String, Object> m, ReportedCauses r, int top) {
        m.put("kpi", finite(r.kpi()));
        m.put("normal_behavior", finite(r.normalBehavior()));
        m.put("typical_normal_behavior", finite(r.typicalNormalBehavior()));
        List<Object> causes = new ArrayList<>();
        for (ReportedCause c : r.causes().subList(0, Math.min(top, r.causes().size()))) {
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

    private static Object finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
