package dev.vigil.io.config;

import dev.vigil.spi.settings.AnomalousBehaviorSettings;
import dev.vigil.spi.settings.AutoBoolean;
import dev.vigil.spi.settings.Configuration;
import dev.vigil.spi.settings.DataSettings;
import dev.vigil.spi.settings.DetectionInterval;
import dev.vigil.spi.settings.DomainSpecific;
import dev.vigil.spi.settings.JobSettings;
import dev.vigil.spi.settings.NormalBehaviorSettings;
import dev.vigil.spi.settings.RowSelection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Writes {@link JobSettings} as a JSON tree in TIM's shape — exactly what {@link ConfigurationReader}
 * reads back to equal settings. Used for model files and for echoing the effective configuration.
 */
public final class ConfigurationWriter {
    private ConfigurationWriter() {
    }

    /** The settings as maps, lists, strings, numbers and booleans, ready for Jackson. */
    public static Map<String, Object> toTree(JobSettings settings) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("configuration", configuration(settings.configuration()));
        root.put("data", data(settings.data()));
        return root;
    }

    private static Map<String, Object> configuration(Configuration c) {
        Map<String, Object> m = new LinkedHashMap<>();
        List<Object> perspectives = new ArrayList<>();
        for (DomainSpecific d : c.domainSpecifics()) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("perspective", d.perspective());
            p.put("sensitivity", d.sensitivity().isPresent() ? d.sensitivity().getAsDouble() : null);
            p.put("minSensitivity", d.minSensitivity());
            p.put("maxSensitivity", d.maxSensitivity());
            perspectives.add(p);
        }
        m.put("domainSpecifics", perspectives);
        m.put("normalBehaviorModel", normalBehavior(c.normalBehaviorModel()));
        m.put("anomalousBehaviorModel", anomalousBehavior(c.anomalousBehaviorModel()));
        return m;
    }

    private static Map<String, Object> normalBehavior(NormalBehaviorSettings s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("useNormalBehaviorModel", s.useNormalBehaviorModel());
        m.put("normalization", s.normalization());
        m.put("maxModelComplexity", autoInt(s.maxModelComplexity()));
        m.put("features", s.features());
        m.put("dailyCycle", autoBoolean(s.dailyCycle()));
        m.put("useKPIoffsets", autoBoolean(s.useKPIoffsets()));
        m.put("allowOffsets", s.allowOffsets());
        Map<String, Object> limit = new LinkedHashMap<>();
        limit.put("type", "Explicit");
        limit.put("value", autoInt(s.offsetLimit()));
        m.put("offsetLimit", limit);
        return m;
    }

    private static Map<String, Object> anomalousBehavior(AnomalousBehaviorSettings s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("maxModelComplexity", s.maxModelComplexity());
        List<Object> intervals = new ArrayList<>();
        for (DetectionInterval d : s.detectionIntervals()) {
            Map<String, Object> i = new LinkedHashMap<>();
            i.put("type", d.type().name());
            i.put("value", d.value());
            intervals.add(i);
        }
        m.put("detectionIntervals", intervals);
        m.put("secondPass", s.secondPass());
        return m;
    }

    private static Map<String, Object> data(DataSettings d) {
        Map<String, Object> m = new LinkedHashMap<>();
        Object rows = rows(d.rows());
        if (rows != null) {
            m.put("rows", rows);
        }
        m.put("columns", d.columns());
        m.put("KPIColumn", d.kpiColumn());
        m.put("labelColumn", d.labelColumn());
        m.put("holidayColumn", d.holidayColumn());
        Map<String, Object> imputation = new LinkedHashMap<>();
        imputation.put("type", d.imputation().type().name());
        imputation.put("maxGapLength", d.imputation().maxGapLength());
        m.put("imputation", imputation);
        if (d.timeScale() != null) {
            Map<String, Object> ts = new LinkedHashMap<>();
            ts.put("baseUnit", d.timeScale().baseUnit().name());
            ts.put("value", d.timeScale().value());
            m.put("timeScale", ts);
        }
        m.put("aggregation", d.aggregation().name());
        return m;
    }

    private static Object rows(RowSelection rows) {
        if (rows instanceof RowSelection.Count c) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("type", c.side().name());
            m.put("baseUnit", c.unit().name());
            m.put("value", c.value());
            return m;
        }
        if (rows instanceof RowSelection.Ranges r) {
            List<Object> list = new ArrayList<>();
            for (RowSelection.TimeRange range : r.ranges()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("from", range.from().toString());
                m.put("to", range.to().toString());
                list.add(m);
            }
            return list;
        }
        return null;
    }

    private static Object autoInt(OptionalInt v) {
        return v.isPresent() ? (Object) v.getAsInt() : "auto";
    }

    private static Object autoBoolean(AutoBoolean v) {
        return switch (v) {
            case TRUE -> true;
            case FALSE -> false;
            case AUTO -> "auto";
        };
    }
}
