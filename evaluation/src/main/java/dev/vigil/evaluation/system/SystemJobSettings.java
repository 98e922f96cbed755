package dev.vigil.evaluation.system;

import static java.util.Objects.requireNonNull;

import dev.vigil.core.StateReader;
import dev.vigil.core.prepare.OffCondition;
import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.VigilException;
import dev.vigil.system.IndicatorCalibration;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a system-driven job is asked to do besides reading data, stored in the model file so that detect
 * does the same: the model by name and its parameters, the indicator calibration, the seed, when the
 * machine is off, the components the contributions add up to, and how anomalous rows become events.
 *
 * @param model the system model's name ({@code cross-regression}, {@code eif}, {@code mset}, {@code pca}, or a plugin's)
 * @param parameters its parameters by name; absent ones take the model's defaults
 * @param calibration TIM's sensitivity settings and indicator window
 * @param seed of every random choice of the fit
 * @param offCondition when the machine is off: those rows are left out of training and never flagged
 * @param groups each signal's component or subsystem (from a tags file); signals not in it are their own
 * @param events how anomalous rows become events
 * @param topK how many signals Azure's {@code interpretation} lists (1 to 30, Azure's range)
 */
public record SystemJobSettings(String model, Map<String, Object> parameters, IndicatorCalibration.Settings calibration, long seed,
        Optional<OffCondition> offCondition, Map<String, String> groups, EventRules events, int topK) {
    /** The default model, chosen on the evidence of BENCHMARKS.md#system-driven-models (docs/system-driven.md#which-model). */
    public static final String DEFAULT_MODEL = "cross-regression";
    /** Cross-regression, TIM's automatic sensitivity in [0, 5] %, seed 42, no off condition, no groups, {@link EventRules#DEFAULT}, top 10. */
    public static final SystemJobSettings DEFAULT = new SystemJobSettings(DEFAULT_MODEL, Map.of(), IndicatorCalibration.Settings.DEFAULT, 42,
            Optional.empty(), Map.of(), EventRules.DEFAULT, 10);

    public SystemJobSettings {
        requireNonNull(model, "model is null");
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(parameters, "parameters is null")));
        requireNonNull(calibration, "calibration is null");
        requireNonNull(offCondition, "offCondition is null");
        groups = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(groups, "groups is null")));
        requireNonNull(events, "events is null");
        if (topK < 1 || topK > 30) {
            throw new VigilException(ErrorCode.INVALID_CONFIGURATION, "The number of top contributors must be 1 to 30 (Azure's range): " + topK);
        }
    }

    /** The same with another model and its parameters. */
    public SystemJobSettings withModel(String newModel, Map<String, Object> newParameters) {
        return new SystemJobSettings(newModel, newParameters, calibration, seed, offCondition, groups, events, topK);
    }

    /** The same with another calibration. */
    public SystemJobSettings withCalibration(IndicatorCalibration.Settings newCalibration) {
        return new SystemJobSettings(model, parameters, newCalibration, seed, offCondition, groups, events, topK);
    }

    /** The same with another seed. */
    public SystemJobSettings withSeed(long newSeed) {
        return new SystemJobSettings(model, parameters, calibration, newSeed, offCondition, groups, events, topK);
    }

    /** The same with an off condition ({@code null}: none). */
    public SystemJobSettings withOffCondition(OffCondition condition) {
        return new SystemJobSettings(model, parameters, calibration, seed, Optional.ofNullable(condition), groups, events, topK);
    }

    /** The same with other groups (signal → component or subsystem). */
    public SystemJobSettings withGroups(Map<String, String> newGroups) {
        return new SystemJobSettings(model, parameters, calibration, seed, offCondition, newGroups, events, topK);
    }

    /** The same with other event rules. */
    public SystemJobSettings withEvents(EventRules rules) {
        return new SystemJobSettings(model, parameters, calibration, seed, offCondition, groups, rules, topK);
    }

    /** The same listing another number of top contributors. */
    public SystemJobSettings withTopK(int k) {
        return new SystemJobSettings(model, parameters, calibration, seed, offCondition, groups, events, k);
    }

    /** As JSON-compatible values (the {@code job} object of a model file's settings). */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", model);
        m.put("parameters", parameters);
        Map<String, Object> ds = new LinkedHashMap<>();
        ds.put("sensitivity", Double.isNaN(calibration.sensitivity()) ? null : calibration.sensitivity());
        ds.put("minSensitivity", calibration.minSensitivity());
        ds.put("maxSensitivity", calibration.maxSensitivity());
        ds.put("anomalyIndicatorWindow", calibration.windowLength());
        m.put("domainSpecifics", ds);
        m.put("seed", seed);
        m.put("offCondition", offCondition.map(OffCondition::toString).orElse(null));
        m.put("groups", groups);
        Map<String, Object> ev = new LinkedHashMap<>();
        ev.put("mergeGapRows", events.mergeGapRows());
        ev.put("minDuration", events.minDuration().toString());
        m.put("events", ev);
        m.put("topContributorCount", topK);
        return m;
    }

    /** Reads {@link #toMap()}. */
    @SuppressWarnings("unchecked")
    public static SystemJobSettings fromMap(Map<String, Object> map) {
        StateReader s = StateReader.of(map, "settings.job");
        StateReader ds = s.map("domainSpecifics");
        Object sensitivity = ds.raw().get("sensitivity");
        IndicatorCalibration.Settings calibration = new IndicatorCalibration.Settings(
                sensitivity == null ? Double.NaN : ((Number) sensitivity).doubleValue(), ds.number("minSensitivity"), ds.number("maxSensitivity"),
                (int) ds.number("anomalyIndicatorWindow"));
        Object off = s.raw().get("offCondition");
        Map<String, String> groups = new LinkedHashMap<>();
        ((Map<String, Object>) s.raw().getOrDefault("groups", Map.of())).forEach((k, v) -> groups.put(k, String.valueOf(v)));
        StateReader ev = s.map("events");
        EventRules rules = new EventRules((int) ev.number("mergeGapRows"), Duration.parse(ev.string("minDuration")));
        return new SystemJobSettings(s.string("model"), (Map<String, Object>) s.raw().getOrDefault("parameters", Map.of()), calibration,
                (long) s.number("seed"), Optional.ofNullable(off == null ? null : OffCondition.parse(off.toString())), groups, rules,
                (int) s.number("topContributorCount"));
    }
}
