package dev.vigil.testing;

import static dev.vigil.testing.Contracts.assertSameBits;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.core.plugin.PluginRegistry;
import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.SignalContributions;
import dev.vigil.spi.SystemModel;
import dev.vigil.spi.SystemModelFactory;
import dev.vigil.spi.SystemProblem;
import dev.vigil.spi.VigilException;
import dev.vigil.spi.frame.RowSet;
import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.spi.log.JobLog;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The contract every {@link SystemModelFactory} and the {@link SystemModel models} it fits must keep. A
 * plugin author extends this class in a test and returns the factory from {@link #factory()}; Vigil's
 * four system models pass the same tests.
 *
 * <p>The data: a seeded machine from {@link SystemDataGenerator} (3,000 rows, 6 signals, one fault of
 * each kind and one normal change of operating mode after 1,500 clean fit rows). Override {@link
 * #data()} or {@link #parameters()} for a factory that needs other data or faster settings.
 *
 * <p>Checked: a name and discovery by it through {@code META-INF/services}; the parameters' defaults
 * accepted and an unknown parameter refused naming the nearest known one; an explained fit (log
 * entries); the same problem and seed giving the same model (state and scores, to the last bit); a
 * {@link SystemModel#state()} holding only what JSON can hold and restoring a model that scores the
 * same bits, a corrupted state refused with {@link ErrorCode#BAD_MODEL}; a score for every row, {@code
 * NaN} exactly where a signal is missing (on the row or its history), the same on a frame cut {@code
 * history} rows before; the faults scoring higher than the clean rows on average; contributions that
 * are non-negative and sum to 1 on every scored row, {@code NaN} on unscored ones; a signal missing at
 * scoring time refused with {@link ErrorCode#UNKNOWN_COLUMN} naming it; too few fit rows refused with
 * {@link ErrorCode#INSUFFICIENT_DATA}; a constant signal left out with a warning.
 *
 * <p>The test instance is shared by the tests of a class (the model is fitted once), so subclasses
 * must not keep mutable state.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class AbstractSystemModelContractTest {
    private PluginRegistry registry;
    private SystemData data;
    private SystemModel model;
    private JobLog fitLog;

    /** The factory under test. */
    protected abstract SystemModelFactory factory();

    /** Parameters for the fits of the contract (default: none, every default). */
    protected Map<String, Object> parameters() {
        return Map.of();
    }

    /** The machine the contract fits on. */
    protected SystemData data() {
        return SystemDataGenerator.create().rows(3_000).signals(6).factors(2).faultsPerKind(1).modeChanges(1).faultLength(40).seed(7)
                .generate();
    }

    /** The registry that finds the plugins the factory builds on: the test class path's. */
    protected PluginRegistry registry() {
        return registry;
    }

    /** A problem on the contract's machine: its fit rows, the given seed. */
    protected SystemProblem problem(long seed, JobLog log) {
        return new SystemProblem(data.unlabelled(), data.signals(), data.training(), parameters(), seed, registry, log);
    }

    /** The contract's machine. */
    protected SystemData machine() {
        return data;
    }

    /** The model fitted once for the tests. */
    protected SystemModel model() {
        return model;
    }

    @BeforeAll
    void fitOnce() {
        registry = PluginRegistry.load(getClass().getClassLoader());
        data = data();
        fitLog = new JobLog();
        model = factory().fit(problem(42, fitLog));
    }

    private double[] scores(SystemModel m, TimeFrame frame) {
        double[] out = new double[frame.rows()];
        m.score(frame, out);
        return out;
    }

    @Test
    void hasANameAndIsDiscoveredByIt() {
        String name = factory().name();
        assertFalse(name == null || name.isBlank(), "a system model needs a name");
        SystemModelFactory found = PluginRegistry.load(getClass().getClassLoader()).systemModel(name);
        assertEquals(factory().getClass(), found.getClass(), "META-INF/services/dev.vigil.spi.SystemModelFactory must list " + name);
        assertEquals(name, model.factory(), "a model names the factory that restores it");
    }

    @Test
    void checksParametersByName() {
        factory().checkParameters(factory().defaultParameters());
        factory().checkParameters(Map.of());
        String known = factory().defaultParameters().keySet().stream().findFirst().orElse(null);
        if (known != null) {
            String typo = known.substring(0, known.length() - 1);
            VigilException e = assertThrows(VigilException.class, () -> factory().checkParameters(Map.of(typo, 1)));
            assertEquals(ErrorCode.INVALID_CONFIGURATION, e.code());
            assertTrue(e.getMessage().contains(known), "an unknown parameter is refused naming the nearest known one: " + e.getMessage());
        }
    }

    @Test
    void explainsItsFit() {
        assertFalse(fitLog.entries().isEmpty(), "a fit writes its automatic decisions to the job log");
        assertFalse(model.signals().isEmpty());
        assertTrue(data.signals().containsAll(model.signals()), "a model reads only the problem's signals");
        Contracts.jsonRoundTrip(model.parameters(), "parameters");
    }

    @Test
    void theSameSeedGivesTheSameModel() {
        SystemModel again = factory().fit(problem(42, new JobLog()));
        assertEquals(Contracts.jsonRoundTrip(model.state(), "state"), Contracts.jsonRoundTrip(again.state(), "state"),
                "the same problem and seed must give the same state");
        assertSameBits(scores(model, data.unlabelled()), scores(again, data.unlabelled()), "scores of two fits with one seed");
    }

    @Test
    @SuppressWarnings("unchecked")
    void restoresFromItsStateToTheLastBit() {
        Map<String, Object> state = (Map<String, Object>) Contracts.jsonRoundTrip(model.state(), "state");
        SystemModel restored = factory().restore(state, registry);
        assertEquals(model.signals(), restored.signals());
        assertEquals(model.history(), restored.history());
        assertEquals(Contracts.jsonRoundTrip(model.parameters(), "parameters"), Contracts.jsonRoundTrip(restored.parameters(), "parameters"),
                "a restored model has the parameters it was fitted with");
        assertSameBits(scores(model, data.unlabelled()), scores(restored, data.unlabelled()), "scores after restoring the state");
        Map<String, Object> broken = new HashMap<>(state);
        broken.remove(state.keySet().iterator().next());
        VigilException e = assertThrows(VigilException.class, () -> factory().restore(broken, registry),
                "a state with a key removed is refused");
        assertEquals(ErrorCode.BAD_MODEL, e.code(), e.getMessage());
    }

    @Test
    void scoresEveryRowNanOnlyWhereASignalIsMissing() {
        TimeFrame frame = data.unlabelled();
        double[] s = scores(model, frame);
        int h = model.history();
        for (int r = h; r < s.length; r++) {
            assertTrue(Double.isFinite(s[r]), "row " + r + " has every signal and its history, yet its score is " + s[r]);
        }
        String first = model.signals().get(0);
        double[] v = frame.values(first);
        int hole = frame.rows() - 100;
        v[hole] = Double.NaN;
        double[] t = scores(model, frame.withColumn(first, v));
        assertTrue(Double.isNaN(t[hole]), "a row missing a signal has no score, not a silently different one");
        for (int r = h; r < hole; r++) {
            assertTrue(Contracts.sameBits(s[r], t[r]), "row " + r + " changed when a later row lost a value");
        }
        for (int r = hole + h + 1; r < s.length; r++) {
            assertTrue(Contracts.sameBits(s[r], t[r]), "row " + r + " changed when an earlier row beyond its history lost a value");
        }
    }

    @Test
    void aRowsScoreDependsOnlyOnItsRowAndHistory() {
        TimeFrame frame = data.unlabelled();
        double[] all = scores(model, frame);
        int from = 2_000;
        int cut = from - model.history();
        double[] part = scores(model, frame.slice(cut, frame.rows()));
        for (int r = from; r < frame.rows(); r++) {
            assertTrue(Contracts.sameBits(all[r], part[r - cut]), "row " + r + " scores differently on a frame starting at its history");
        }
    }

    @Test
    void faultsScoreHigherThanCleanRows() {
        double[] s = scores(model, data.unlabelled());
        boolean[] label = data.labels();
        double fault = 0;
        double clean = 0;
        int nf = 0;
        int nc = 0;
        for (int r : data.evaluation().toArray()) {
            if (label[r]) {
                fault += s[r];
                nf++;
            } else if (Double.isFinite(s[r])) {
                clean += s[r];
                nc++;
            }
        }
        assertTrue(fault / nf > clean / nc, "the faults' mean score " + fault / nf + " must exceed the clean rows' " + clean / nc);
    }

    @Test
    void contributionsAreSharesSummingToOne() {
        TimeFrame frame = data.unlabelled();
        List<Integer> rows = new ArrayList<>();
        for (SystemFault f : data.faults()) {
            rows.add(f.start());
            rows.add(f.end() - 1);
        }
        rows.add(frame.rows() - 1);
        rows.add(model.history());
        int[] asked = rows.stream().mapToInt(Integer::intValue).toArray();
        SignalContributions c = model.contributions(frame, asked);
        assertEquals(asked.length, c.rows().length);
        for (int i = 0; i < asked.length; i++) {
            assertEquals(asked[i], c.rows()[i], "contributions come in the order asked");
            double[] share = c.shares()[i];
            assertEquals(model.signals().size(), share.length, "one share per signal");
            assertEquals(model.signals().size(), c.deviations()[i].length, "one deviation per signal");
            double sum = 0;
            for (double v : share) {
                assertTrue(v >= 0, "shares are non-negative, got " + v + " on row " + asked[i]);
                sum += v;
            }
            assertEquals(1, sum, 1e-9, "the shares of row " + asked[i] + " sum to 1");
        }
        String first = model.signals().get(0);
        double[] v = frame.values(first);
        v[asked[0]] = Double.NaN;
        SignalContributions missing = model.contributions(frame.withColumn(first, v), new int[] {asked[0]});
        for (double s : missing.shares()[0]) {
            assertTrue(Double.isNaN(s), "a row without a score has NaN shares");
        }
    }

    @Test
    void aSignalMissingAtScoringTimeIsRefusedByName() {
        String gone = model.signals().get(model.signals().size() - 1);
        TimeFrame without = data.unlabelled().without(List.of(gone));
        VigilException e = assertThrows(VigilException.class, () -> model.score(without, new double[without.rows()]));
        assertEquals(ErrorCode.UNKNOWN_COLUMN, e.code());
        assertTrue(e.getMessage().contains(gone), "the message names the missing signal: " + e.getMessage());
    }

    @Test
    void tooFewFitRowsAreRefused() {
        SystemProblem tiny = new SystemProblem(data.unlabelled(), data.signals(), RowSet.range(0, 1), parameters(), 1, registry,
                new JobLog());
        VigilException e = assertThrows(VigilException.class, () -> factory().fit(tiny));
        assertEquals(ErrorCode.INSUFFICIENT_DATA, e.code(), e.getMessage());
    }

    @Test
    void aConstantSignalIsLeftOutWithAWarning() {
        TimeFrame frame = data.unlabelled();
        double[] flat = new double[frame.rows()];
        java.util.Arrays.fill(flat, 3.5);
        List<String> signals = new ArrayList<>(data.signals());
        signals.add("flat");
        JobLog log = new JobLog();
        SystemModel m = factory().fit(new SystemProblem(frame.withColumn("flat", flat), signals, data.training(), parameters(), 42,
                registry, log));
        assertFalse(m.signals().contains("flat"), "a constant signal says nothing and is left out");
        assertTrue(log.entries().stream().anyMatch(e -> e.messageType() == dev.vigil.spi.log.MessageType.Warning
                && e.message().contains("flat")), "leaving a signal out is a warning naming it");
    }
}
