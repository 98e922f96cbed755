package dev.vigil.testing;

import static dev.vigil.testing.Contracts.assertSameBits;
import static dev.vigil.testing.Contracts.close;
import static dev.vigil.testing.Contracts.sameBits;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.vigil.core.plugin.PluginRegistry;
import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.FeatureGenerator;
import dev.vigil.spi.NormalBehaviorDecomposition;
import dev.vigil.spi.NormalBehaviorModel;
import dev.vigil.spi.NormalBehaviorModelFactory;
import dev.vigil.spi.NormalBehaviorProblem;
import dev.vigil.spi.NormalBehaviorTerms;
import dev.vigil.spi.VigilException;
import dev.vigil.spi.frame.RowSet;
import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.spi.log.JobLog;
import dev.vigil.spi.settings.AutoBoolean;
import dev.vigil.spi.settings.NormalBehaviorSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Random;
import java.util.TreeSet;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The contract every {@link NormalBehaviorModelFactory} and the {@link NormalBehaviorModel models} it
 * fits must keep. A plugin author extends this class in a test and returns the factory from {@link
 * #factory()}; Vigil's own {@code SparseRegression} passes the same tests.
 *
 * <p>Each check runs on every {@link #scenarios() scenario}: by default seeded data from {@link
 * KpiDataGenerator} fitted with Vigil's default feature set (which must then be on the test class path,
 * e.g. through {@code vigil-features}) — 5-minute data without a daily cycle, with lagged KPI values,
 * with missing values, with one model per time of day, and with the normal-behaviour model switched
 * off. Override {@link #scenarios()} for a factory that needs other problems.
 *
 * <p>Checked: a name, discovery by that name through {@code META-INF/services}, an explained fit
 * (log entries), a deterministic fit, {@link NormalBehaviorModel#state()} holding only what JSON can
 * hold and restoring a model that predicts the same values and model indexes to the last bit (after a
 * refit, too), a corrupted state refused with {@link ErrorCode#BAD_MODEL}; predictions that depend only
 * on {@link NormalBehaviorModel#inputs()}, never on the KPI of the same row, are causal, {@code NaN}
 * where an input is missing (never a silently different value), the same on a frame cut {@code
 * history} rows before (and NaN or the same with less history); every output row written;
 * decompositions and term views, where offered, adding up to the prediction; concurrent predictions
 * giving the same values; applied one row at a time (its incremental form, or core's fallback), the
 * predictions and model indexes of {@code predict} to the bit, across a snapshot and restore
 * (docs/streaming.md).
 *
 * <p>The test instance is shared by the tests of a class (each scenario is fitted once), so subclasses
 * must not keep mutable state.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class AbstractNormalBehaviorModelFactoryContractTest {
    /** The KPI column of the default scenarios. */
    protected static final String KPI = "kpi";

    private List<Scenario> scenarios;
    private final Map<String, NormalBehaviorModel> fitted = new LinkedHashMap<>();
    private PluginRegistry registry;

    /**
     * A problem the factory must solve.
     *
     * @param name what is special about it, for messages
     * @param problem the problem; its frame also serves for predictions (in-sample rows and those after)
     */
    public record Scenario(String name, NormalBehaviorProblem problem) {
        public Scenario {
            Objects.requireNonNull(name, "name is null");
            Objects.requireNonNull(problem, "problem is null");
        }
    }

    /** The factory under test. */
    protected abstract NormalBehaviorModelFactory factory();

    /**
     * The problems every check runs on. The defaults need the generators of {@link
     * NormalBehaviorSettings#DEFAULT_FEATURES} on the class path.
     */
    protected List<Scenario> scenarios() {
        TimeFrame fiveMinutes = KpiDataGenerator.create().rows(3000).period(Duration.ofMinutes(5)).seed(21).influencers(3)
                .distractors(1).generate().unlabelled();
        List<String> columns = List.of("x1", "x2", "x3", "noise1");
        RowSet first2000 = RowSet.range(0, 2000);
        NormalBehaviorSettings plain = NormalBehaviorSettings.DEFAULT.withDailyCycle(AutoBoolean.FALSE)
                .withUseKPIoffsets(AutoBoolean.FALSE).withOffsetLimit(OptionalInt.of(-12));

        double[] x1 = fiveMinutes.values("x1");
        double[] kpi = fiveMinutes.values(KPI);
        for (int i = 0; i < x1.length; i++) {
            if (i % 101 == 50) {
                x1[i] = Double.NaN;
            }
            if (i % 53 == 20) {
                kpi[i] = Double.NaN;
            }
        }
        TimeFrame gappy = fiveMinutes.withColumn("x1", x1).withColumn(KPI, kpi);

        int day = 96;
        TimeFrame quarterHours = KpiDataGenerator.create().rows(21 * day).period(Duration.ofMinutes(15)).seed(22).influencers(2)
                .distractors(0).dailyAmplitude(5).generate().unlabelled();
        NormalBehaviorSettings daily = NormalBehaviorSettings.DEFAULT.withDailyCycle(AutoBoolean.TRUE)
                .withUseKPIoffsets(AutoBoolean.FALSE).withOffsetLimit(OptionalInt.of(-4)).withMaxModelComplexity(OptionalInt.of(3));

        NormalBehaviorSettings off = new NormalBehaviorSettings(false, true, OptionalInt.empty(), List.of(), AutoBoolean.AUTO,
                AutoBoolean.AUTO, true, OptionalInt.empty());
        return List.of(
                scenario("5-minute data", fiveMinutes, columns, first2000, plain),
                scenario("lagged KPI values", fiveMinutes, columns, first2000,
                        plain.withUseKPIoffsets(AutoBoolean.TRUE).withOffsetLimit(OptionalInt.of(-6))),
                scenario("missing values", gappy, columns, first2000, plain),
                scenario("one model per time of day", quarterHours, List.of("x1", "x2"), RowSet.range(0, 14 * day), daily),
                scenario("no normal-behaviour model", fiveMinutes, columns, first2000, off));
    }

    /** A scenario whose generators are those the settings name, resolved by {@link #generators()}. */
    protected Scenario scenario(String name, TimeFrame frame, List<String> influencers, RowSet fitRows,
            NormalBehaviorSettings settings) {
        List<FeatureGenerator> gens = settings.features().stream().map(generators()).toList();
        return new Scenario(name, new NormalBehaviorProblem(frame, KPI, influencers, null, fitRows, settings, gens, new JobLog()));
    }

    /** Resolves a feature generator by name, for fits and restores: by default from the class path. */
    protected Function<String, FeatureGenerator> generators() {
        return name -> registry().feature(name);
    }

    /**
     * The relative tolerance of sums taken in another order (decompositions, term views) and of values
     * computed from other starting rows (a frame cut short, data after a missing value).
     */
    protected double tolerance() {
        return 1e-9;
    }

    /** The plugins on the class path. */
    protected final PluginRegistry registry() {
        if (registry == null) {
            registry = PluginRegistry.load();
        }
        return registry;
    }

    private List<Scenario> all() {
        if (scenarios == null) {
            scenarios = List.copyOf(scenarios());
            assertFalse(scenarios.isEmpty(), "no scenario to check");
        }
        return scenarios;
    }

    /** The scenario's model, fitted once. */
    private NormalBehaviorModel model(Scenario s) {
        return fitted.computeIfAbsent(s.name(), n -> factory().fit(s.problem()));
    }

    /** Predictions and model indexes on a frame. */
    private record Prediction(double[] values, int[] modelIndex) {
    }

    private static Prediction predict(NormalBehaviorModel m, TimeFrame frame) {
        double[] out = new double[frame.rows()];
        int[] index = new int[frame.rows()];
        m.predict(frame, out, index);
        return new Prediction(out, index);
    }

    private static void assertSamePrediction(Prediction expected, Prediction actual, String what) {
        assertSameBits(expected.values(), actual.values(), what);
        assertArrayEquals(expected.modelIndex(), actual.modelIndex(), what + ": model indexes");
    }

    private NormalBehaviorModel restore(Map<String, Object> state) {
        return factory().restore(state, generators());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(NormalBehaviorModel m, String scenario) {
        Map<String, Object> state = m.state();
        assertNotNull(state, scenario + ": state() is null");
        return (Map<String, Object>) Contracts.jsonRoundTrip(state, scenario + ": state");
    }

    /** Whether every input of the model has a value on every row of the frame. */
    private static boolean complete(NormalBehaviorModel m, TimeFrame frame) {
        for (String c : m.inputs()) {
            if (frame.missing(c) > 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Applied one row at a time (docs/streaming.md) — through the model's own incremental form, or
     * core's generic fallback when it offers none — a model gives what {@code predict} gives, to the
     * bit, with the same model indexes, also when the evaluator is snapshot and restored in the middle.
     */
    @Test
    void streamsOneRowAtATimeAsPredictComputes() {
        for (Scenario s : all()) {
            NormalBehaviorModel m = model(s);
            TimeFrame frame = s.problem().frame();
            double[] out = new double[frame.rows()];
            int[] index = new int[frame.rows()];
            dev.vigil.core.stream.Incrementals.stream(m, frame, frame.rows() * 2 / 3, out, index);
            assertSamePrediction(predict(m, frame), new Prediction(out, index), s.name() + ": the model streamed row by row, snapshot "
                    + "and restored before row " + frame.rows() * 2 / 3);
        }
    }

    @Test
    void hasAName() {
        String name = factory().name();
        assertNotNull(name);
        assertFalse(name.isBlank(), "the name must not be blank");
    }

    @Test
    void isDiscoveredByItsName() {
        NormalBehaviorModelFactory found = PluginRegistry.load().normalBehavior(factory().name());
        assertSame(factory().getClass(), found.getClass(), "META-INF/services/dev.vigil.spi.NormalBehaviorModelFactory must list "
                + factory().getClass().getName());
    }

    @Test
    void aModelNamesItsFactoryAndItsInputs() {
        for (Scenario s : all()) {
            NormalBehaviorModel m = model(s);
            assertEquals(factory().name(), m.factory(), s.name() + ": factory()");
            TreeSet<String> offered = new TreeSet<>(s.problem().influencers());
            offered.add(s.problem().kpi());
            if (s.problem().holidayColumn() != null) {
                offered.add(s.problem().holidayColumn());
            }
            assertEquals(new HashSet<>(m.inputs()).size(), m.inputs().size(), s.name() + ": an input is listed twice: " + m.inputs());
            for (String c : m.inputs()) {
                assertTrue(offered.contains(c), s.name() + ": the model reads '" + c + "', which the problem does not offer");
            }
            assertTrue(m.history() >= 0, s.name() + ": history " + m.history());
            assertNotNull(m.summary(), s.name() + ": summary()");
        }
    }

    @Test
    void aFitExplainsItselfInTheJobLog() {
        for (Scenario s : all()) {
            NormalBehaviorProblem p = s.problem();
            JobLog log = new JobLog();
            factory().fit(new NormalBehaviorProblem(p.frame(), p.kpi(), p.influencers(), p.holidayColumn(), p.fitRows(), p.settings(),
                    p.generators(), log));
            assertFalse(log.entries().isEmpty(), s.name() + ": the fit wrote nothing to the job log");
        }
    }

    @Test
    void aFitIsDeterministic() {
        for (Scenario s : all()) {
            assertEquals(json(model(s), s.name()), json(factory().fit(s.problem()), s.name()), s.name()
                    + ": two fits of the same problem gave different models");
        }
    }

    @Test
    void theStateRestoresAModelThatPredictsTheSameToTheLastBit() {
        for (Scenario s : all()) {
            NormalBehaviorModel m = model(s);
            Map<String, Object> state = json(m, s.name());
            NormalBehaviorModel back = restore(state);
            TimeFrame frame = s.problem().frame();
            assertSamePrediction(predict(m, frame), predict(back, frame), s.name() + ": the restored model's predictions");
            assertEquals(m.factory(), back.factory(), s.name() + ": factory()");
            assertEquals(m.inputs(), back.inputs(), s.name() + ": inputs()");
            assertEquals(m.history(), back.history(), s.name() + ": history()");
            assertEquals(m.summary(), back.summary(), s.name() + ": summary()");
            assertEquals(state, json(back, s.name()), s.name() + ": the restored model's state differs from the one it came from");
        }
    }

    @Test
    void aRefittedModelKeepsTheContract() {
        for (Scenario s : all()) {
            int[] rows = s.problem().fitRows().toArray();
            boolean[] keep = new boolean[s.problem().frame().rows()];
            for (int i = 0; i < rows.length; i++) {
                keep[rows[i]] = i % 7 != 3; // a second pass leaves out some rows
            }
            NormalBehaviorModel refitted = factory().refit(model(s), s.problem().withFitRows(RowSet.of(keep)));
            TimeFrame frame = s.problem().frame();
            NormalBehaviorModel back = restore(json(refitted, s.name() + " (refitted)"));
            assertSamePrediction(predict(refitted, frame), predict(back, frame), s.name() + ": the restored refitted model");
        }
    }

    @Test
    void aCorruptedStateIsRefused() {
        VigilException empty = assertThrows(VigilException.class, () -> restore(new LinkedHashMap<>()), "an empty state");
        assertEquals(ErrorCode.BAD_MODEL, empty.code(), empty.getMessage());
        for (Scenario s : all()) {
            Map<String, Object> state = json(model(s), s.name());
            Prediction expected = predict(model(s), s.problem().frame());
            for (String key : state.keySet()) {
                Map<String, Object> without = new LinkedHashMap<>(state);
                without.remove(key);
                assertRefusedOrHarmless(without, expected, s, "without '" + key + "'");
                Map<String, Object> wrongType = new LinkedHashMap<>(state);
                wrongType.put(key, List.of("corrupted"));
                assertRefusedOrHarmless(wrongType, expected, s, "with a list in place of '" + key + "'");
            }
        }
    }

    private void assertRefusedOrHarmless(Map<String, Object> state, Prediction expected, Scenario s, String what) {
        NormalBehaviorModel back;
        try {
            back = restore(state);
        } catch (VigilException e) {
            assertEquals(ErrorCode.BAD_MODEL, e.code(), s.name() + ": restoring a state " + what + ": " + e.getMessage());
            return;
        } catch (RuntimeException e) {
            throw new AssertionError(s.name() + ": restoring a state " + what + " failed with " + e + " instead of a "
                    + "VigilException with code BAD_MODEL", e);
        }
        assertSamePrediction(expected, predict(back, s.problem().frame()), s.name() + ": a model restored from a state " + what);
    }

    @Test
    void predictionsDependOnlyOnTheInputs() {
        Random random = new Random(3);
        for (Scenario s : all()) {
            NormalBehaviorModel m = model(s);
            TimeFrame frame = s.problem().frame();
            TimeFrame scrambled = frame;
            for (String c : frame.columnNames()) {
                if (!m.inputs().contains(c)) {
                    double[] v = new double[frame.rows()];
                    for (int i = 0; i < v.length; i++) {
                        v[i] = i % 89 == 0 ? Double.NaN : random.nextGaussian() * 1e3;
                    }
                    scrambled = scrambled.withColumn(c, v);
                }
            }
            assertSamePrediction(predict(m, frame), predict(m, scrambled), s.name() + ": predictions when columns the model "
                    + "does not list among its inputs " + m.inputs() + " changed");
        }
    }

    @Test
    void theKpiOfARowNeverEntersItsPrediction() {
        for (Scenario s : all()) {
            NormalBehaviorModel m = model(s);
            TimeFrame frame = s.problem().frame();
            int n = frame.rows();
            int[] rows = {n / 4, n / 2, 3 * n / 4};
            double[] kpi = frame.values(s.problem().kpi());
            for (int j : rows) {
                kpi[j] = Double.isFinite(kpi[j]) ? kpi[j] * 3 + 1e3 : 1e3;
            }
            double[] a = predict(m, frame).values();
            double[] b = predict(m, frame.withColumn(s.problem().kpi(), kpi)).values();
            for (int j : rows) {
                assertTrue(sameBits(a[j], b[j]), s.name() + ": the prediction at row " + j + " depends on the KPI of row " + j
                        + ": normal behaviour may use only lagged KPI values");
            }
        }
    }

    @Test
    void isCausal() {
        for (Scenario s : all()) {
            NormalBehaviorModel m = model(s);
            TimeFrame frame = s.problem().frame();
            int t = frame.rows() / 2;
            TimeFrame changed = frame;
            for (String c : frame.columnNames()) {
                double[] v = frame.values(c);
                for (int i = t + 1; i < v.length; i++) {
                    v[i] = i % 5 == 0 ? Double.NaN : -v[i] * 100 + i;
                }
                changed = changed.withColumn(c, v);
            }
            Prediction a = predict(m, frame);
            Prediction b = predict(m, changed);
            for (int i = 0; i <= t; i++) {
                if (!sameBits(a.values()[i], b.values()[i]) || a.modelIndex()[i] != b.modelIndex()[i]) {
                    fail(s.name() + ": the prediction at row " + i + " changed (" + a.values()[i] + " to " + b.values()[i]
                            + ") when only rows after " + t + " did");
                }
            }
        }
    }

    /**
     * {@link NormalBehaviorModel#history()} bounds how far back any prediction reads: from that row on, a
     * frame cut short predicts what the whole frame does (and on complete data, something); before it, a
     * prediction is NaN or still the same (one model per time of day may need less history at some times).
     */
    @Test
    void theSamePredictionOnAFrameCutShortOnceTheHistoryIsThere() {
        for (Scenario s : all()) {
            NormalBehaviorModel m = model(s);
            TimeFrame frame = s.problem().frame();
            int h = m.history();
            assertTrue(h < frame.rows() / 3, s.name() + ": history " + h + " is too long for the scenario's data");
            Prediction full = predict(m, frame);
            boolean complete = complete(m, frame);
            for (int from : new int[] {0, 1, frame.rows() / 3}) {
                Prediction part = from == 0 ? full : predict(m, frame.slice(from, frame.rows()));
                for (int t = 0; t < part.values().length; t++) {
                    double v = part.values()[t];
                    double expected = full.values()[from + t];
                    boolean same = sameBits(expected, v) || close(expected, v, tolerance());
                    if (t < h && !Double.isNaN(v) && !same) {
                        fail(s.name() + ": the prediction at row " + t + " of a frame starting at row " + from + " is " + v + ", not "
                                + expected + " as on all rows: with too little history a prediction must be NaN");
                    }
                    if (t >= h && !same) {
                        fail(s.name() + ": the prediction at row " + (from + t) + " is " + expected + " on all rows but " + v
                                + " on the rows from " + from + ": the model reads further back than its history of " + h + " rows");
                    }
                    if (t >= h && complete && !Double.isFinite(v)) {
                        fail(s.name() + ": the prediction at row " + (from + t) + " is " + v + " although every input is there "
                                + "and so are the " + h + " rows of history");
                    }
                    if (part.modelIndex()[t] != full.modelIndex()[from + t]) {
                        fail(s.name() + ": the model index of row " + (from + t) + " depends on where the frame starts");
                    }
                }
            }
        }
    }

    @Test
    void aMissingInputGivesNaNNeverAWrongValue() {
        for (Scenario s : all()) {
            NormalBehaviorModel m = model(s);
            TimeFrame frame = s.problem().frame();
            Prediction full = predict(m, frame);
            int h = m.history();
            int j = frame.rows() / 2;
            for (String c : m.inputs()) {
                // the whole column missing: every row that reads it has no value, the others are untouched
                double[] none = new double[frame.rows()];
                Arrays.fill(none, Double.NaN);
                double[] blank = predict(m, frame.withColumn(c, none)).values();
                boolean anyBlank = false;
                for (int t = 0; t < blank.length; t++) {
                    if (!Double.isNaN(blank[t]) && !sameBits(blank[t], full.values()[t])) {
                        fail(s.name() + ": without column " + c + " the prediction at row " + t + " is " + blank[t] + " instead of "
                                + full.values()[t] + " or NaN");
                    }
                    anyBlank |= Double.isNaN(blank[t]) && !Double.isNaN(full.values()[t]);
                }
                assertTrue(anyBlank, s.name() + ": the model lists " + c + " among its inputs, but no prediction needs it");
                // one value missing: only the rows within the history of it are affected
                double[] v = frame.values(c);
                v[j] = Double.NaN;
                double[] gap = predict(m, frame.withColumn(c, v)).values();
                double[] a = full.values();
                for (int t = 0; t < a.length; t++) {
                    boolean ok = t < j ? sameBits(a[t], gap[t])
                            : t <= j + h ? Double.isNaN(gap[t]) || sameBits(a[t], gap[t])
                            : !Double.isFinite(a[t]) || close(a[t], gap[t], tolerance());
                    if (!ok) {
                        fail(s.name() + ": with " + c + " missing at row " + j + " (history " + h + ") the prediction at row " + t
                                + " is " + gap[t] + " instead of " + a[t]);
                    }
                }
            }
        }
    }

    @Test
    void predictWritesEveryRow() {
        for (Scenario s : all()) {
            NormalBehaviorModel m = model(s);
            TimeFrame frame = s.problem().frame();
            double[] out = new double[frame.rows()];
            int[] index = new int[frame.rows()];
            Arrays.fill(out, 123_456.789);
            Arrays.fill(index, -7);
            m.predict(frame, out, index);
            assertSamePrediction(predict(m, frame), new Prediction(out, index), s.name() + ": predictions into arrays that held "
                    + "other values");
        }
    }

    @Test
    void isThreadSafe() {
        for (Scenario s : all()) {
            NormalBehaviorModel m = model(s);
            TimeFrame frame = s.problem().frame();
            Prediction expected = predict(m, frame);
            for (Prediction p : Contracts.concurrently(() -> predict(m, frame))) {
                assertSamePrediction(expected, p, s.name() + ": predictions on several threads at once");
            }
        }
    }

    @Test
    void aDecompositionAddsUpToThePrediction() {
        for (Scenario s : all()) {
            NormalBehaviorModel m = model(s);
            TimeFrame frame = s.problem().frame();
            NormalBehaviorDecomposition d;
            try {
                d = m.decompose(frame);
            } catch (VigilException e) {
                assertEquals(ErrorCode.PLUGIN_FAILURE, e.code(), s.name() + ": a model without decompositions says so with "
                        + "PLUGIN_FAILURE: " + e.getMessage());
                continue;
            }
            Prediction p = predict(m, frame);
            assertSameBits(p.values(), d.normalBehavior(), s.name() + ": the decomposition's normal behaviour");
            assertArrayEquals(p.modelIndex(), d.modelIndex(), s.name() + ": the decomposition's model indexes");
            assertEquals(new HashSet<>(d.contributors()).size(), d.contributors().size(), s.name() + ": contributors "
                    + d.contributors() + " repeat a name");
            for (double[] c : d.contributions()) {
                assertEquals(frame.rows(), c.length, s.name() + ": a contribution's length");
            }
            for (int t = 0; t < frame.rows(); t++) {
                double sum = 0;
                double scale = 0;
                for (double[] c : d.contributions()) {
                    sum += c[t];
                    scale += Math.abs(c[t]);
                }
                double nb = d.normalBehavior()[t];
                boolean ok = Double.isNaN(nb) ? Double.isNaN(sum) : Math.abs(sum - nb) <= tolerance() * Math.max(1, scale);
                if (!ok) {
                    fail(s.name() + ": at row " + t + " the contributions add up to " + sum + ", not to the normal behaviour " + nb);
                }
            }
            for (int k = 0; k < d.typicalByModel().length; k++) {
                double[] typical = d.typicalByModel()[k];
                if (typical != null) {
                    double sum = Arrays.stream(typical).sum();
                    double scale = Arrays.stream(typical).map(Math::abs).sum();
                    double expected = d.typicalNormalBehaviorByModel()[k];
                    assertTrue(Math.abs(sum - expected) <= tolerance() * Math.max(1, scale), s.name() + ": model " + k
                            + "'s typical contributions add up to " + sum + ", not to its typical normal behaviour " + expected);
                }
            }
        }
    }

    @Test
    void aTermViewAddsUpToThePrediction() {
        for (Scenario s : all()) {
            NormalBehaviorModel m = model(s);
            TimeFrame frame = s.problem().frame();
            Prediction p = predict(m, frame);
            TreeSet<Integer> indexes = new TreeSet<>();
            Arrays.stream(p.modelIndex()).forEach(indexes::add);
            List<Integer> some = new ArrayList<>(indexes).subList(0, Math.min(3, indexes.size()));
            for (int k : some) {
                NormalBehaviorTerms terms;
                try {
                    terms = m.terms(frame, k);
                } catch (VigilException e) {
                    assertEquals(ErrorCode.PLUGIN_FAILURE, e.code(), s.name() + ": a model without a term view says so with "
                            + "PLUGIN_FAILURE: " + e.getMessage());
                    break;
                }
                int model = k;
                int[] rows = java.util.stream.IntStream.range(0, frame.rows()).filter(i -> p.modelIndex()[i] == model).toArray();
                assertArrayEquals(rows, terms.rows(), s.name() + ": the rows of model " + k + "'s term view");
                int last = terms.labels().size() - 1;
                for (int i = 0; i < rows.length; i++) {
                    double nb = p.values()[rows[i]];
                    double sum = 0;
                    double scale = 0;
                    for (double[] term : terms.terms()) {
                        sum += term[i];
                        scale += Math.abs(term[i]);
                    }
                    String at = s.name() + ": model " + k + ", row " + rows[i];
                    if (Double.isNaN(nb) ? !Double.isNaN(sum) : Math.abs(sum - nb) > tolerance() * Math.max(1, scale)) {
                        fail(at + ": the terms add up to " + sum + ", not to the normal behaviour " + nb);
                    }
                    if (last > 0) {
                        double full = terms.nested()[last - 1][i];
                        if (Double.isNaN(nb) ? !Double.isNaN(full) : Math.abs(full - nb) > 1e3 * tolerance() * Math.max(1, scale)) {
                            fail(at + ": the nested model with every term gives " + full + ", not the normal behaviour " + nb);
                        }
                    }
                }
            }
            if (!some.isEmpty()) {
                int missing = indexes.last() + 1000;
                try {
                    m.terms(frame, missing);
                    fail(s.name() + ": a term view of model " + missing + ", which does not exist");
                } catch (VigilException e) {
                    assertTrue(e.code() == ErrorCode.INVALID_CONFIGURATION || e.code() == ErrorCode.PLUGIN_FAILURE, s.name()
                            + ": asking for model " + missing + ": " + e.code() + " " + e.getMessage());
                }
            }
        }
    }
}
