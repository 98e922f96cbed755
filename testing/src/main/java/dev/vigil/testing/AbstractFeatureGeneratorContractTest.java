package dev.vigil.testing;

import static dev.vigil.testing.Contracts.assertSameBits;
import static dev.vigil.testing.Contracts.close;
import static dev.vigil.testing.Contracts.sameBits;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.vigil.core.plugin.PluginRegistry;
import dev.vigil.core.stream.Incrementals;
import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.Feature;
import dev.vigil.spi.FeatureContext;
import dev.vigil.spi.FeatureGenerator;
import dev.vigil.spi.FeatureSpec;
import dev.vigil.spi.VigilException;
import dev.vigil.spi.frame.RowSet;
import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.spi.log.JobLog;
import dev.vigil.spi.log.LogEntry;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The contract every {@link FeatureGenerator} and the {@link Feature features} it makes must keep. A
 * plugin author extends this class in a test and returns the generator from {@link #generator()};
 * Vigil's own generators pass the same tests.
 *
 * <p>The features checked are the generator's candidates on three years and two months of hourly,
 * seeded data ({@link KpiDataGenerator}: {@code kpi}, influencers {@code x1…x3} and {@code noise1},
 * a {@code holiday} column), read in the zone {@code Europe/Prague} so that calendar features meet
 * daylight-saving changes; the in-sample rows are the first nine tenths. A combining generator
 * ({@link FeatureGenerator.Round#COMBINING}) builds on {@link #leaders}, by default the first candidate
 * of every single-round generator on the class path. Override {@link #frame()}, {@link #features()},
 * {@link #leaders} or {@link #generators()} when the generator needs something else.
 *
 * <p>Checked, for the generator: a name, discovery by that name through {@code META-INF/services},
 * candidates with readable, unique labels that are the same on every call, reading only columns the
 * context offers (the KPI only when lagged KPI values are allowed), an Info log entry when short data
 * switch it off, refusal of specs it does not write, and thread-safety. For every feature: values
 * depend only on its {@link Feature#influencers()}; {@code NaN} exactly on the rows whose {@link
 * Feature#history()} reaches before the first row (so history is neither under- nor over-stated), a
 * value on every later row of complete data, and the same value on a frame cut {@code history} rows
 * before; causality (later rows never change a value) and never the KPI of the same row; a missing
 * input blanks the rows that read it and no others; {@link Feature#parts()} restore an identical
 * feature with identical values, and hold only what a JSON model file can store; a corrupted spec is
 * refused with {@link ErrorCode#BAD_MODEL} or restores the same feature; every row of the output is
 * written; a frame without an influencer is a {@link VigilException}; concurrent evaluation gives the
 * same values; streamed one row at a time (its incremental form, or core's fallback), the values of
 * {@code evaluate} to the bit, across a snapshot and restore (docs/streaming.md).
 *
 * <p>The test instance is shared by the tests of a class (the candidates are computed once), so
 * subclasses must not keep mutable state.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class AbstractFeatureGeneratorContractTest {
    /** The KPI column of the default data. */
    protected static final String KPI = "kpi";
    /** The holiday column of the default data (1 on a public holiday, else 0). */
    protected static final String HOLIDAYS = "holiday";
    /** The influencers the default context offers. */
    protected static final List<String> INFLUENCERS = List.of("x1", "x2", "x3", "noise1");
    /** The most negative offset the default context allows, in samples. */
    protected static final int OFFSET_LIMIT = -24;

    private TimeFrame frame;
    private List<Feature> features;
    private PluginRegistry registry;

    /** The generator under test. */
    protected abstract FeatureGenerator generator();

    /**
     * The data: three years and two months of hourly rows from {@link KpiDataGenerator} (seed 12)
     * with a {@code holiday} column, in the zone {@code Europe/Prague}.
     */
    protected TimeFrame frame() {
        int rows = (3 * 365 + 60) * 24;
        TimeFrame f = KpiDataGenerator.create().rows(rows).period(Duration.ofHours(1)).start(Instant.parse("2021-01-01T00:00:00Z"))
                .seed(12).influencers(3).distractors(1).generate().unlabelled().withZone(ZoneId.of("Europe/Prague"));
        double[] holiday = new double[rows];
        for (int i = 0; i < rows; i++) {
            LocalDate day = f.instant(i).atZone(f.zone()).toLocalDate();
            holiday[i] = (day.getDayOfMonth() == 1 && (day.getMonthValue() == 1 || day.getMonthValue() == 5))
                    || (day.getMonthValue() == 12 && day.getDayOfMonth() == 25) ? 1 : 0;
        }
        return f.withColumn(HOLIDAYS, holiday);
    }

    /**
     * What a generator may look at on a frame: the first nine tenths of its rows in sample, {@link
     * #INFLUENCERS}, the holiday column, lagged KPI and influencer values allowed down to {@link
     * #OFFSET_LIMIT}, no daily cycle, normalisation on, and {@link #leaders} for a combining generator.
     */
    protected FeatureContext context(TimeFrame data, JobLog log) {
        FeatureContext context = new FeatureContext(data, RowSet.range(0, data.rows() - data.rows() / 10), KPI, INFLUENCERS,
                HOLIDAYS, true, true, OFFSET_LIMIT, false, true, List.of(), log);
        return withLeaders(context);
    }

    private FeatureContext withLeaders(FeatureContext context) {
        if (generator().round() != FeatureGenerator.Round.COMBINING) {
            return context;
        }
        FeatureContext quiet = new FeatureContext(context.frame(), context.inSample(), context.kpi(), context.influencers(),
                context.holidayColumn(), context.useKpiOffsets(), context.allowOffsets(), context.offsetLimit(), context.dailyCycle(),
                context.normalization(), List.of(), new JobLog());
        return context.withLeaders(leaders(quiet));
    }

    /**
     * The best single features a combining generator builds on: by default the first candidate of
     * each single-round generator on the class path (by name), at most ten.
     */
    protected List<Feature> leaders(FeatureContext context) {
        List<Feature> out = new ArrayList<>();
        for (FeatureGenerator g : registry().all(FeatureGenerator.class).values()) {
            if (g.round() == FeatureGenerator.Round.SINGLE && out.size() < 10) {
                g.candidates(context).stream().findFirst().ifPresent(out::add);
            }
        }
        return out;
    }

    /**
     * The features every check runs on: by default the generator's candidates on {@link #frame()}.
     * Override for a generator that proposes none by design (and return features it restores).
     */
    protected List<Feature> features() {
        return generator().candidates(context(data(), new JobLog()));
    }

    /**
     * Resolves a generator by name when parts are restored: the generator under test by its own name,
     * others from the class path.
     */
    protected Function<String, FeatureGenerator> generators() {
        return name -> name.equals(generator().name()) ? generator() : registry().feature(name);
    }

    /**
     * The relative tolerance of values computed from different starting rows (a frame cut short, data
     * after a missing value), where running sums may round differently.
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

    /** {@link #frame()}, made once. */
    protected final TimeFrame data() {
        if (frame == null) {
            frame = frame();
        }
        return frame;
    }

    private List<Feature> checked() {
        if (features == null) {
            features = List.copyOf(features());
            assertFalse(features.isEmpty(), generator().name() + " proposes no candidate on the contract's data; override "
                    + "features() (or frame()) so that the contract has features to check");
        }
        return features;
    }

    private static double[] evaluate(Feature f, TimeFrame data) {
        double[] out = new double[data.rows()];
        f.evaluate(data, out);
        return out;
    }

    private static Set<String> columnsRead(List<Feature> features) {
        Set<String> out = new LinkedHashSet<>();
        features.forEach(f -> out.addAll(f.influencers()));
        return out;
    }

    @Test
    void hasAName() {
        String name = generator().name();
        assertNotNull(name);
        assertFalse(name.isBlank(), "the name must not be blank");
        assertNotNull(generator().round(), "round()");
    }

    @Test
    void isDiscoveredByItsName() {
        FeatureGenerator found = PluginRegistry.load().feature(generator().name());
        assertSame(generator().getClass(), found.getClass(), "META-INF/services/dev.vigil.spi.FeatureGenerator must list "
                + generator().getClass().getName());
    }

    @Test
    void labelsAreReadableUniqueAndTheSameOnEveryCall() {
        List<String> labels = checked().stream().map(Feature::label).toList();
        Set<String> seen = new HashSet<>();
        for (String label : labels) {
            assertNotNull(label, "a label is null");
            assertFalse(label.isBlank(), "a label is blank");
            assertTrue(seen.add(label), "two features are labelled '" + label + "'; a model tells its terms apart by label");
        }
        List<String> again = features().stream().map(Feature::label).toList();
        assertEquals(labels, again, "a second call proposed other features or another order");
    }

    @Test
    void readsOnlyColumnsTheContextOffers() {
        Set<String> offered = new HashSet<>(INFLUENCERS);
        offered.add(HOLIDAYS);
        offered.add(KPI);
        for (Feature f : checked()) {
            assertEquals(new LinkedHashSet<>(f.influencers()).size(), f.influencers().size(), f.label() + " lists an influencer twice");
            for (String c : f.influencers()) {
                assertTrue(offered.contains(c), f.label() + " reads column '" + c + "', which the context does not offer");
            }
        }
        FeatureContext noKpi = withLeaders(context(data(), new JobLog()).withoutKpiOffsets());
        for (Feature f : generator().candidates(noKpi)) {
            assertFalse(f.influencers().contains(KPI), f.label() + " reads the KPI although lagged KPI values are not allowed");
        }
    }

    @Test
    void valuesDependOnlyOnTheDeclaredInfluencers() {
        Random random = new Random(1);
        Map<String, double[]> noise = new LinkedHashMap<>();
        for (String c : data().columnNames()) {
            double[] v = new double[data().rows()];
            for (int i = 0; i < v.length; i++) {
                v[i] = i % 97 == 0 ? Double.NaN : random.nextGaussian() * 1e3;
            }
            noise.put(c, v);
        }
        Map<List<String>, TimeFrame> scrambledFor = new java.util.HashMap<>();
        for (Feature f : checked()) {
            TimeFrame scrambled = scrambledFor.computeIfAbsent(f.influencers(), read -> {
                TimeFrame s = data();
                for (String c : data().columnNames()) {
                    if (!read.contains(c)) {
                        s = s.withColumn(c, noise.get(c));
                    }
                }
                return s;
            });
            assertSameBits(evaluate(f, data()), evaluate(f, scrambled), f.label() + " with the columns it does not declare changed");
        }
    }

    @Test
    void noValueWhereTheHistoryReachesBeforeTheFirstRowAndAValueAfterIt() {
        for (Feature f : checked()) {
            int h = f.history();
            assertTrue(h >= 0 && h < data().rows() / 2, f.label() + " has history " + h);
            double[] v = evaluate(f, data());
            for (int t = 0; t < h; t++) {
                if (!Double.isNaN(v[t])) {
                    fail(f.label() + " at row " + t + " is " + v[t] + " but its history of " + h + " rows reaches before the first row: "
                            + "history() overstates how far back it reads, or a value made up where data are missing");
                }
            }
            for (int t = h; t < v.length; t++) {
                if (!Double.isFinite(v[t])) {
                    fail(f.label() + " at row " + t + " is " + v[t] + " on complete data although its history of " + h
                            + " rows is there: history() understates how far back it reads");
                }
            }
        }
    }

    @Test
    void historyIsHonestTheValueNeedsNoEarlierRow() {
        int n = data().rows();
        for (int from : new int[] {1, 37, n / 3}) {
            TimeFrame cut = data().slice(from, n);
            for (Feature f : checked()) {
                double[] full = evaluate(f, data());
                double[] part = evaluate(f, cut);
                for (int t = f.history(); t < part.length; t++) {
                    if (!close(full[from + t], part[t], tolerance())) {
                        fail(f.label() + " at row " + (from + t) + " is " + full[from + t] + " on all rows but " + part[t]
                                + " on the rows from " + from + ": it reads further back than its history of " + f.history() + " rows");
                    }
                }
            }
        }
    }

    @Test
    void isCausal() {
        int t = data().rows() / 2;
        TimeFrame changed = data();
        for (String c : data().columnNames()) {
            double[] v = data().values(c);
            for (int i = t + 1; i < v.length; i++) {
                v[i] = i % 5 == 0 ? Double.NaN : -v[i] * 1e3 + i;
            }
            changed = changed.withColumn(c, v);
        }
        for (Feature f : checked()) {
            double[] a = evaluate(f, data());
            double[] b = evaluate(f, changed);
            for (int i = 0; i <= t; i++) {
                if (!sameBits(a[i], b[i])) {
                    fail(f.label() + " at row " + i + " changed (" + a[i] + " to " + b[i] + ") when only rows after " + t + " did");
                }
            }
        }
    }

    @Test
    void neverReadsTheKpiOfTheSameRow() {
        int n = data().rows();
        int[] rows = {n / 4, n / 2, 3 * n / 4};
        double[] kpi = data().values(KPI);
        for (int j : rows) {
            kpi[j] = kpi[j] * 7 + 1e4;
        }
        TimeFrame changed = data().withColumn(KPI, kpi);
        for (Feature f : checked()) {
            double[] a = evaluate(f, data());
            double[] b = evaluate(f, changed);
            for (int j : rows) {
                assertTrue(sameBits(a[j], b[j]), f.label() + " at row " + j + " depends on the KPI of row " + j
                        + ": a feature may read only lagged KPI values, or the model would predict the KPI from itself");
            }
        }
    }

    @Test
    void aMissingInputBlanksTheRowsThatReadItAndNoOthers() {
        int j = data().rows() / 2;
        for (String c : columnsRead(checked())) {
            double[] v = data().values(c);
            v[j] = Double.NaN;
            TimeFrame gap = data().withColumn(c, v);
            for (Feature f : checked()) {
                if (!f.influencers().contains(c)) {
                    continue;
                }
                double[] a = evaluate(f, data());
                double[] b = evaluate(f, gap);
                int h = f.history();
                boolean blanked = false;
                for (int t = 0; t < a.length; t++) {
                    if (t < j) {
                        if (!sameBits(a[t], b[t])) {
                            fail(at(f, t, c, j) + " changed before the missing value");
                        }
                    } else if (t <= j + h) {
                        if (!Double.isNaN(b[t]) && !sameBits(a[t], b[t])) {
                            fail(at(f, t, c, j) + " is " + b[t] + " instead of " + a[t]
                                    + " or NaN: a missing input must give NaN, never a silently different value");
                        }
                        blanked |= Double.isNaN(b[t]);
                    } else if (Double.isFinite(a[t]) && !(Double.isFinite(b[t]) && close(a[t], b[t], tolerance()))) {
                        fail(at(f, t, c, j) + " is " + b[t] + " instead of " + a[t] + ": the missing value lies beyond its history");
                    }
                }
                assertTrue(blanked, f.label() + " reads " + c + " but no row within its history of row " + j
                        + " became NaN when " + c + " was missing there");
            }
        }
    }

    private static String at(Feature f, int row, String column, int missingRow) {
        return f.label() + " at row " + row + " (" + column + " missing at row " + missingRow + ", history " + f.history() + ")";
    }

    @Test
    void evaluateWritesEveryRowAndIsDeterministic() {
        for (Feature f : checked()) {
            double[] a = evaluate(f, data());
            double[] b = new double[data().rows()];
            java.util.Arrays.fill(b, 123_456.789);
            f.evaluate(data(), b);
            assertSameBits(a, b, f.label() + " into an array that held other values");
        }
    }

    @Test
    void partsRestoreAnIdenticalFeature() {
        for (Feature f : checked()) {
            List<FeatureSpec> parts = f.parts();
            assertFalse(parts.isEmpty(), f.label() + " has no parts to store");
            List<Feature> factors = new ArrayList<>();
            for (FeatureSpec part : parts) {
                factors.add(Feature.restore(part, generators()));
            }
            Feature restored = factors.size() == 1 ? factors.get(0) : Feature.product(factors);
            assertEquals(f.label(), restored.label(), "label of the restored " + f.label());
            assertEquals(f.influencers(), restored.influencers(), "influencers of the restored " + f.label());
            assertEquals(f.history(), restored.history(), "history of the restored " + f.label());
            assertEquals(parts, restored.parts(), "parts of the restored " + f.label());
            assertSameBits(evaluate(f, data()), evaluate(restored, data()), "the restored " + f.label());
        }
    }

    @Test
    void partsHoldOnlyWhatAModelFileCanStore() {
        for (Feature f : checked()) {
            for (FeatureSpec part : f.parts()) {
                assertNotNull(generators().apply(part.type()), f.label() + ": no generator restores parts of type " + part.type());
                assertTrue(part.predictor() == null || f.influencers().contains(part.predictor()), f.label() + ": a part reads "
                        + part.predictor() + ", which is not among the feature's influencers " + f.influencers());
                part.parameters().forEach((name, value) -> assertTrue(value != null && Double.isFinite(value), f.label()
                        + ": parameter '" + name + "' is " + value + ", which a JSON model file cannot hold"));
            }
        }
    }

    @Test
    void restoreRefusesSpecsItDoesNotWrite() {
        FeatureSpec foreign = new FeatureSpec("Not" + generator().name(), INFLUENCERS.get(0), Map.of("offset", -1.0));
        VigilException e = assertThrows(VigilException.class, () -> generator().restore(foreign),
                generator().name() + " restored a spec of another type");
        assertEquals(ErrorCode.BAD_MODEL, e.code(), e.getMessage());
    }

    @Test
    void aCorruptedSpecIsRefusedOrRestoresTheSameFeature() {
        for (Feature f : checked()) {
            for (FeatureSpec part : f.parts()) {
                if (!part.type().equals(generator().name())) {
                    continue; // restored by another generator, whose own contract covers it
                }
                Map<String, Double> params = new LinkedHashMap<>(part.parameters());
                boolean standardized = params.remove("center") != null | params.remove("scale") != null;
                FeatureSpec plain = new FeatureSpec(part.type(), part.predictor(), params);
                Feature reference = generator().restore(plain);
                List<FeatureSpec> corrupted = new ArrayList<>();
                if (part.predictor() != null) {
                    corrupted.add(new FeatureSpec(part.type(), null, params));
                }
                for (String name : params.keySet()) {
                    Map<String, Double> fewer = new LinkedHashMap<>(params);
                    fewer.remove(name);
                    corrupted.add(new FeatureSpec(part.type(), part.predictor(), fewer));
                    Map<String, Double> nan = new LinkedHashMap<>(params);
                    nan.put(name, Double.NaN);
                    corrupted.add(new FeatureSpec(part.type(), part.predictor(), nan));
                }
                if (params.containsKey("offset")) {
                    Map<String, Double> future = new LinkedHashMap<>(params);
                    future.put("offset", 3.0);
                    corrupted.add(new FeatureSpec(part.type(), part.predictor(), future));
                }
                for (FeatureSpec bad : corrupted) {
                    Feature back;
                    try {
                        back = generator().restore(bad);
                    } catch (VigilException e) {
                        assertEquals(ErrorCode.BAD_MODEL, e.code(), "restoring " + bad + ": " + e.getMessage());
                        continue;
                    } catch (RuntimeException e) {
                        throw new AssertionError("restoring the corrupted spec " + bad + " of " + f.label() + (standardized ? " (a "
                                + "standardised factor)" : "") + " failed with " + e + " instead of a VigilException with code "
                                + "BAD_MODEL", e);
                    }
                    assertEquals(reference.label(), back.label(), "the corrupted spec " + bad + " restored another feature");
                    assertSameBits(evaluate(reference, data()), evaluate(back, data()), "the feature restored from " + bad);
                }
            }
        }
    }

    @Test
    void aFrameWithoutAnInfluencerIsAVigilException() {
        for (Feature f : checked()) {
            if (f.influencers().isEmpty()) {
                continue;
            }
            TimeFrame without = data().without(f.influencers());
            double[] out = new double[without.rows()];
            assertThrows(VigilException.class, () -> f.evaluate(without, out), f.label() + " on a frame without "
                    + f.influencers());
        }
    }

    /**
     * Streamed one row at a time (docs/streaming.md) — through the feature's own incremental form, or
     * core's generic fallback when it offers none — a feature gives what {@code evaluate} gives, to the
     * bit, on data with missing values and past the 4096th row (where running sums re-add), also when
     * the evaluator is snapshot and restored in the middle.
     */
    @Test
    void streamsOneRowAtATimeAsEvaluateComputes() {
        TimeFrame data = data().slice(0, Math.min(data().rows(), 5_000));
        for (String c : columnsRead(checked())) {
            double[] v = data.values(c).clone();
            for (int r : new int[] {100, 301, 302, 303, 304, 305, 306}) {
                v[r] = Double.NaN;
            }
            data = data.withColumn(c, v);
        }
        int resumeAt = data.rows() * 9 / 10;
        for (Feature f : checked()) {
            assertSameBits(evaluate(f, data), Incrementals.stream(f, data, resumeAt), f.label() + " streamed row by row"
                    + (Incrementals.hasOwn(f, data.columnNames()) ? "" : " (by core's generic fallback: the feature offers no incremental form)")
                    + ", snapshot and restored before row " + resumeAt);
        }
    }

    @Test
    void isThreadSafe() {
        List<Feature> all = checked();
        List<double[]> sequential = all.stream().map(f -> evaluate(f, data())).toList();
        List<List<double[]>> parallel = Contracts.concurrently(() -> all.stream().map(f -> evaluate(f, data())).toList());
        for (List<double[]> values : parallel) {
            for (int i = 0; i < all.size(); i++) {
                assertSameBits(sequential.get(i), values.get(i), all.get(i).label() + " evaluated on several threads at once");
            }
        }
        List<String> labels = features().stream().map(Feature::label).toList();
        for (List<String> other : Contracts.concurrently(() -> features().stream().map(Feature::label).toList())) {
            assertEquals(labels, other, "candidates proposed on several threads at once");
        }
    }

    @Test
    void switchingOffOnShortDataIsLogged() {
        TimeFrame shortData = data().slice(0, 200);
        JobLog log = new JobLog();
        List<Feature> onShortData = generator().candidates(context(shortData, log));
        if (onShortData.isEmpty() && !generator().candidates(context(data(), new JobLog())).isEmpty()) {
            List<LogEntry> entries = log.entries();
            assertTrue(entries.stream().anyMatch(e -> e.origin().equals(FeatureContext.LOG_ORIGIN)), generator().name()
                    + " proposes nothing on 200 rows but says nothing about why in the job log (origin '"
                    + FeatureContext.LOG_ORIGIN + "'): " + entries);
        }
    }
}
