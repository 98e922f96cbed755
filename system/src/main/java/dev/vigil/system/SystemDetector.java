package dev.vigil.system;

import static java.util.Objects.requireNonNull;

import dev.vigil.core.StateReader;
import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.Names;
import dev.vigil.spi.PluginLookup;
import dev.vigil.spi.SignalContributions;
import dev.vigil.spi.SystemModel;
import dev.vigil.spi.SystemModelFactory;
import dev.vigil.spi.SystemProblem;
import dev.vigil.spi.VigilException;
import dev.vigil.spi.frame.TimeFrame;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * System-driven detection in plain code, no injector needed: a fitted {@link SystemModel} and TIM's
 * {@link IndicatorCalibration} of its scores. Build one with {@link #build}, run it on any frame holding
 * the model's signals with {@link #detect}, persist it with {@link #state()} and {@link #restore}
 * (vigil-io's {@code SystemModelFiles} writes it to a file). docs/system-driven.md describes the models
 * and the calibration. Immutable and thread-safe.
 *
 * <pre>{@code
 * SystemDetector d = SystemDetector.build(new ExtendedIsolationForest(),
 *         new SystemProblem(frame, signals, RowSet.range(0, 10_000), Map.of(), 42, registry, log),
 *         IndicatorCalibration.Settings.DEFAULT);
 * SystemDetection found = d.detect(newFrame);
 * }</pre>
 *
 * @param model the fitted model
 * @param calibration the indicator calibration of its scores
 */
public record SystemDetector(SystemModel model, IndicatorCalibration calibration) {

    public SystemDetector {
        requireNonNull(model, "model is null");
        requireNonNull(calibration, "calibration is null");
    }

    /**
     * Fits the model on the problem's fit rows and calibrates the indicator on their scores (the
     * in-sample rows; other rows of the frame give history only). Settings that leave the automatic
     * sensitivity's fence to the model get the model's {@link PreferredFence}, else Tukey's inner fence.
     */
    public static SystemDetector build(SystemModelFactory factory, SystemProblem problem, IndicatorCalibration.Settings settings) {
        SystemModel model = factory.fit(problem);
        if (Double.isNaN(settings.fence())) {
            settings = settings.withFence(model instanceof PreferredFence p ? p.preferredFence() : IndicatorCalibration.Settings.INNER);
        }
        double[] scores = new double[problem.frame().rows()];
        model.score(problem.frame(), scores);
        boolean[] fit = problem.fitRows().toMask(scores.length);
        for (int r = 0; r < scores.length; r++) {
            if (!fit[r]) {
                scores[r] = Double.NaN;
            }
        }
        return new SystemDetector(model, IndicatorCalibration.fit(scores, settings, problem.log()));
    }

    /**
     * Scores every row of a frame holding the model's signals, calibrates, and explains the anomalous rows.
     *
     * @throws VigilException {@link ErrorCode#UNKNOWN_COLUMN} naming every signal of the model the frame lacks
     */
    public SystemDetection detect(TimeFrame frame) {
        requireSignals(frame);
        int n = frame.rows();
        double[] score = new double[n];
        model.score(frame, score);
        double[] indicator = calibration.indicator(score);
        double[] severity = new double[n];
        int anomalous = 0;
        for (int r = 0; r < n; r++) {
            severity[r] = calibration.severity(indicator[r]);
            if (indicator[r] > 1) {
                anomalous++;
            }
        }
        int[] rows = new int[anomalous];
        for (int r = 0, i = 0; r < n; r++) {
            if (indicator[r] > 1) {
                rows[i++] = r;
            }
        }
        return new SystemDetection(model.signals(), frame.times(), score, indicator, severity, model.contributions(frame, rows));
    }

    /** The contributions of any rows of a frame (e.g. every row, for a contributions table on request). */
    public SignalContributions contributions(TimeFrame frame, int[] rows) {
        requireSignals(frame);
        return model.contributions(frame, rows);
    }

    private void requireSignals(TimeFrame frame) {
        Map<String, String> roles = new LinkedHashMap<>();
        model.signals().forEach(s -> roles.put(s, "signal"));
        try {
            Names.requireColumns(frame.source(), roles, frame.columnNames());
        } catch (VigilException e) {
            throw new VigilException(e.code(), e.getMessage() + " (the " + model.factory() + " model was built on "
                    + String.join(", ", model.signals()) + "; detect needs every one of them)", e);
        }
    }

    /** The detector as JSON-compatible values: the model's factory and state, and TIM's {@code anomalyIndicator}. */
    public Map<String, Object> state() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("factory", model.factory());
        m.put("parameters", model.parameters());
        m.put("signals", model.signals());
        m.put("anomalyIndicator", calibration.state());
        m.put("systemModel", model.state());
        return m;
    }

    /**
     * Rebuilds a detector from {@link #state()}, its model by its factory's name.
     *
     * @throws VigilException {@link ErrorCode#BAD_MODEL} for a state this Vigil did not write, {@link
     *     ErrorCode#UNKNOWN_PLUGIN} when the model's factory is not available
     */
    @SuppressWarnings("unchecked")
    public static SystemDetector restore(Map<String, Object> state, PluginLookup plugins) {
        StateReader s = StateReader.of(state, "model");
        SystemModelFactory factory = plugins.get(SystemModelFactory.class, s.string("factory"));
        Object raw = s.raw().get("systemModel");
        if (!(raw instanceof Map<?, ?>)) {
            throw s.error("systemModel", "must be an object");
        }
        SystemModel model = factory.restore((Map<String, Object>) raw, plugins);
        if (!model.signals().equals(s.strings("signals"))) {
            throw s.error("signals", "do not match the model's " + model.signals());
        }
        return new SystemDetector(model, IndicatorCalibration.restore(s.map("anomalyIndicator")));
    }

    @Override
    public String toString() {
        return "SystemDetector[" + model.factory() + " " + model.parameters() + " on " + model.signals().size() + " signals, "
                + calibration + "]";
    }
}
