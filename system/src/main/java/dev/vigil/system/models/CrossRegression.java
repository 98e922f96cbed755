package dev.vigil.system.models;

import dev.vigil.core.StateReader;
import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.FeatureGenerator;
import dev.vigil.spi.NormalBehaviorModel;
import dev.vigil.spi.NormalBehaviorModelFactory;
import dev.vigil.spi.NormalBehaviorProblem;
import dev.vigil.spi.PluginLookup;
import dev.vigil.spi.SystemModel;
import dev.vigil.spi.SystemModelFactory;
import dev.vigil.spi.SystemProblem;
import dev.vigil.spi.VigilException;
import dev.vigil.spi.frame.RowSet;
import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.spi.log.JobLog;
import dev.vigil.spi.settings.AutoBoolean;
import dev.vigil.spi.settings.NormalBehaviorSettings;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/**
 * Cross-regression ({@code cross-regression}), Vigil's own system model (docs/system-driven.md#cross-regression):
 * each signal's normal behaviour is modelled from the other signals and their recent values with
 * Vigil's normal-behaviour model (by default {@code SparseRegression}, the KPI-driven machinery: feature
 * generators, orthogonal forward selection), never from its own past, so a stuck or drifting sensor
 * cannot explain itself. The signals are judged jointly: the score is the sum over the signals of their
 * {@link SignalTerms} — the larger of the squared standardised residual {@code (r_j/σ_j)²} and the squared
 * mean of the last {@code residualWindow} of them (a persistent fault keeps its sign, noise averages away),
 * plus how far the signal's own short-term variability fell below its usual level (a stuck sensor shows
 * at once) — and signal j's contribution its terms' share: a faulty signal breaks its own regression most.
 * Model files written before these terms (no {@code terms} in their state) score {@code Σ_j (r_j/σ_j)²} as
 * they did.
 *
 * <p>Parameters: {@code normalBehaviorModel} ({@code SparseRegression}); {@code features} (Identity,
 * Intercept, TimeOffsets, Polynomial); {@code maxLag} (5 rows: the oldest value of another signal a
 * regression may read; 0 for current values only); {@code maxModelComplexity} (10 terms per signal);
 * {@code maxFitRows} (20,000: beyond it the regressions are fitted on pieces of up to 2,000 consecutive fit
 * rows spread evenly over them, so that the fit's cost does not grow with the history); {@code residualWindow}
 * (6 rows; 1 judges each row's residuals alone) and {@code variabilityWindow} (3 steps; 0 for no variability
 * term), chosen on the tuning machines of BENCHMARKS.md#system-driven-models.
 * The regressions are fitted side by side, each deterministic. Stateless and thread-safe.
 */
public final class CrossRegression implements SystemModelFactory {
    /** The factory's name. */
    public static final String NAME = "cross-regression";
    static final String ORIGIN = "CrossRegression";

    private static final Map<String, Object> DEFAULTS = Parameters.ordered(
            "normalBehaviorModel", "SparseRegression",
            "features", List.of("Identity", "Intercept", "TimeOffsets", "Polynomial"),
            "maxLag", 5,
            "maxModelComplexity", 10,
            "maxFitRows", 20_000,
            "residualWindow", 6,
            "variabilityWindow", 3);
    /** Rows of each contiguous piece of the fit rows when they are sampled down to {@code maxFitRows}. */
    static final int CHUNK = 2_000;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, Object> defaultParameters() {
        return DEFAULTS;
    }

    private record Settings(String factory, List<String> features, int maxLag, int complexity, int maxFitRows, int residualWindow,
            int variabilityWindow) {
    }

    private static Settings read(Map<String, Object> parameters) {
        Parameters p = Parameters.of(NAME, DEFAULTS, parameters);
        Object f = parameters.getOrDefault("normalBehaviorModel", DEFAULTS.get("normalBehaviorModel"));
        if (!(f instanceof String s) || s.isBlank()) {
            p.problem("normalBehaviorModel must be the name of a normal behaviour model, got " + f);
        }
        Settings s = new Settings(String.valueOf(f).strip(), p.strings("features"), p.integer("maxLag", 0, 10_000),
                p.integer("maxModelComplexity", 1, 1000), p.integer("maxFitRows", 100, Integer.MAX_VALUE),
                p.integer("residualWindow", 1, 1000), p.integer("variabilityWindow", 0, 1000));
        p.throwIfAny();
        return s;
    }

    @Override
    public void checkParameters(Map<String, Object> parameters) {
        read(parameters);
    }

    @Override
    public SystemModel fit(SystemProblem problem) {
        Settings s = read(problem.parameters());
        Standardization.Fitted fitted = Standardization.fit(problem.frame(), problem.signals(), problem.fitRows(), false, 10, ORIGIN,
                problem.log());
        List<String> signals = fitted.standardization().signals();
        if (signals.size() < 2) {
            throw new VigilException(ErrorCode.INSUFFICIENT_DATA, "The cross-regression models each signal from the others and needs at "
                    + "least two signals that vary on the fit rows, got " + signals);
        }
        NormalBehaviorModelFactory factory = problem.plugins().get(NormalBehaviorModelFactory.class, s.factory());
        List<FeatureGenerator> generators = s.features().stream().map(n -> problem.plugins().get(FeatureGenerator.class, n)).toList();
        NormalBehaviorSettings nbs = new NormalBehaviorSettings(true, true, OptionalInt.of(s.complexity()), s.features(),
                AutoBoolean.FALSE, AutoBoolean.FALSE, s.maxLag() > 0, OptionalInt.of(-s.maxLag()));
        TimeFrame frame = problem.frame();
        boolean[] fitMask = toMask(fitted.rows(), frame.rows());
        if (fitted.rows().length > s.maxFitRows()) {
            Sample sample = sample(frame, signals, fitted.rows(), fitMask, s.maxFitRows(), s.maxLag());
            frame = sample.frame();
            fitMask = sample.fit();
            problem.log().info(ORIGIN, String.format(Locale.ROOT, "The regressions are fitted on %,d of the %,d complete fit rows "
                    + "(maxFitRows %,d): pieces of %,d consecutive rows spread evenly over them, so that fitting costs the same "
                    + "whatever the length of the history while every part of it is seen.", countTrue(fitMask), fitted.rows().length,
                    s.maxFitRows(), chunk(s.maxFitRows())));
        }
        TimeFrame fitFrame = frame;
        RowSet rows = RowSet.of(fitMask);
        int d = signals.size();
        NormalBehaviorModel[] models = new NormalBehaviorModel[d];
        JobLog[] logs = new JobLog[d];
        AtomicInteger done = new AtomicInteger();
        IntStream.range(0, d).parallel().forEach(j -> {
            String target = signals.get(j);
            List<String> others = new ArrayList<>(signals);
            others.remove(j);
            logs[j] = new JobLog();
            models[j] = factory.fit(new NormalBehaviorProblem(fitFrame, target, others, null, rows, nbs, generators, logs[j]));
            problem.progress().accept((double) done.incrementAndGet() / d);
        });
        // the regressions' own warnings and errors; their routine lines would say the same thing d times
        for (int j = 0; j < d; j++) {
            for (var e : logs[j].entries()) {
                if (e.messageType() != dev.vigil.spi.log.MessageType.Info) {
                    problem.log().add(ORIGIN + " " + signals.get(j), e.messageType(), e.message());
                }
            }
        }
        CrossRegressionModel probe = new CrossRegressionModel(signals, models, ones(d), Map.of());
        double[] sigma = probe.residualSpread(fitFrame, rows.toArray());
        problem.log().info(ORIGIN, String.format(Locale.ROOT, "%d regressions (%s; features %s; other signals up to %d rows back, never "
                + "the signal's own past; at most %d terms each), fitted on %,d complete fit rows; residual spreads from the same rows.",
                d, s.factory(), String.join(", ", s.features()), s.maxLag(), s.complexity(), rows.count()));
        CrossRegressionModel regressions = new CrossRegressionModel(signals, models, sigma, Parameters.ordered("normalBehaviorModel",
                s.factory(), "features", s.features(), "maxLag", s.maxLag(), "maxModelComplexity", s.complexity(), "maxFitRows",
                s.maxFitRows()));
        // the per-signal terms' spreads, on the fit rows and the history before the first of them
        int[] fitRows = rows.toArray();
        int cut = Math.max(0, fitRows[0] - regressions.history());
        int end = fitRows[fitRows.length - 1] + 1;
        double[][][] in = CrossRegressionTermsModel.inputs(regressions, fitFrame.slice(cut, end));
        SignalTerms terms = SignalTerms.fit(in[0], in[1], Arrays.copyOfRange(fitMask, cut, end), s.residualWindow(), s.variabilityWindow());
        List<String> watched = IntStream.range(0, d).filter(terms::watchesVariability).mapToObj(signals::get).toList();
        problem.log().info(ORIGIN, String.format(Locale.ROOT, "Score: per signal, the larger of the squared residual and the squared mean "
                + "of the last %d residuals (each in its spread on the fit rows), plus how far the signal's variability over its last %d "
                + "steps fell below its usual level, for %d of the %d signals%s.", s.residualWindow(), s.variabilityWindow(),
                watched.size(), d, watched.size() == d || s.variabilityWindow() == 0 ? ""
                        : " (the others' median step on the fit rows is 0: a stuck value cannot be told from their usual stillness)"));
        return new CrossRegressionTermsModel(regressions, terms);
    }

    /** Rows per piece: {@link #CHUNK}, fewer when {@code maxFitRows} is small, so that there are at least ten pieces (of at least 100 rows). */
    static int chunk(int maxFitRows) {
        return Math.min(CHUNK, Math.max(100, maxFitRows / 10));
    }

    /** A sampled frame and its fit rows. */
    private record Sample(TimeFrame frame, boolean[] fit) {
    }

    /**
     * A regular frame of the signals made of pieces of {@link #CHUNK} consecutive rows starting at
     * evenly spread complete fit rows, about {@code max} rows in all, with timestamps renumbered one
     * period apart (the regressions read no calendar); the fit rows in it (the complete ones at least
     * {@code maxLag} rows into their piece, so that no lag reads across a join) with it.
     */
    private static Sample sample(TimeFrame frame, List<String> signals, int[] complete, boolean[] fit, int max, int maxLag) {
        int chunk = chunk(max);
        int pieces = Math.max(1, max / chunk);
        List<Integer> picked = new ArrayList<>();
        List<Boolean> fits = new ArrayList<>();
        int previousEnd = 0;
        for (int i = 0; i < pieces; i++) {
            int start = Math.max(complete[(int) ((long) i * complete.length / pieces)], previousEnd);
            int end = Math.min(frame.rows(), start + chunk);
            if (end - start <= maxLag) {
                continue;
            }
            for (int r = start; r < end; r++) {
                picked.add(r);
                fits.add(fit[r] && r - start >= maxLag);
            }
            previousEnd = end;
        }
        int[] idx = picked.stream().mapToInt(Integer::intValue).toArray();
        long period = frame.samplingPeriodMillis() > 0 ? frame.samplingPeriodMillis() : 1_000;
        long[] time = new long[idx.length];
        for (int i = 0; i < idx.length; i++) {
            time[i] = frame.time(0) + i * period;
        }
        TimeFrame.Builder b = TimeFrame.builder(time).samplingPeriod(java.time.Duration.ofMillis(period)).source(frame.source());
        for (String sgn : signals) {
            double[] src = frame.column(sgn).toArray();
            double[] v = new double[idx.length];
            for (int i = 0; i < idx.length; i++) {
                v[i] = src[idx[i]];
            }
            b.column(sgn, v);
        }
        boolean[] mask = new boolean[idx.length];
        for (int i = 0; i < mask.length; i++) {
            mask[i] = fits.get(i);
        }
        return new Sample(b.build(), mask);
    }

    private static int countTrue(boolean[] m) {
        int c = 0;
        for (boolean b : m) {
            c += b ? 1 : 0;
        }
        return c;
    }

    private static double[] ones(int d) {
        double[] a = new double[d];
        Arrays.fill(a, 1);
        return a;
    }

    private static boolean[] toMask(int[] rows, int n) {
        boolean[] m = new boolean[n];
        for (int r : rows) {
            m[r] = true;
        }
        return m;
    }

    @Override
    public SystemModel restore(Map<String, Object> state, PluginLookup plugins) {
        StateReader s = StateReader.of(state, "model.systemModel");
        List<String> signals = s.strings("signals");
        List<StateReader> regressions = s.maps("regressions");
        if (signals.size() < 2 || regressions.size() != signals.size()) {
            throw s.error("regressions", "must hold one regression per signal (" + signals.size() + ")");
        }
        double[] sigma = s.doubles("residualSigma");
        if (sigma.length != signals.size()) {
            throw s.error("residualSigma", "must hold one number per signal (" + signals.size() + ")");
        }
        for (double v : sigma) {
            if (!(v > 0)) {
                throw s.error("residualSigma", "must hold positive numbers, got " + v);
            }
        }
        NormalBehaviorModel[] models = new NormalBehaviorModel[signals.size()];
        for (int j = 0; j < models.length; j++) {
            StateReader r = regressions.get(j);
            NormalBehaviorModelFactory f = plugins.get(NormalBehaviorModelFactory.class, r.string("factory"));
            models[j] = f.restore(r.map("state").raw(), name -> plugins.get(FeatureGenerator.class, name));
        }
        Map<String, Object> params = Parameters.ordered("normalBehaviorModel", regressions.get(0).string("factory"), "features",
                s.strings("features"), "maxLag", s.integer("maxLag"), "maxModelComplexity", s.integer("maxModelComplexity"), "maxFitRows",
                s.integer("maxFitRows"));
        CrossRegressionModel model = new CrossRegressionModel(signals, models, sigma, params);
        // files written before issue 14 have no terms: they score the plain sum of squared residuals, as they did
        return s.has("terms") ? new CrossRegressionTermsModel(model, SignalTerms.restore(s.map("terms"), signals.size())) : model;
    }
}
