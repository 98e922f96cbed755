package dev.vigil.core.normal;

import dev.vigil.core.ErrorCode;
import dev.vigil.core.VigilException;
import dev.vigil.core.frame.RowSet;
import dev.vigil.core.frame.TimeFrame;
import dev.vigil.core.log.JobLog;
import dev.vigil.core.settings.AutoBoolean;
import dev.vigil.core.settings.NormalBehaviorSettings;
import dev.vigil.core.spi.Feature;
import dev.vigil.core.spi.FeatureContext;
import dev.vigil.core.spi.FeatureGenerator;
import dev.vigil.core.spi.NormalBehaviorModel;
import dev.vigil.core.spi.NormalBehaviorModelFactory;
import dev.vigil.core.spi.NormalBehaviorProblem;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * Vigil's default normal-behaviour model: a sparse linear regression of the KPI on candidate
 * features, chosen by orthogonal forward selection with a modified BIC (reference:
 * tim-anomaly-spec.md §2.4; DESIGN §4).
 *
 * <ol>
 *   <li>The single-feature generators expand the influencers (and, with KPI offsets, the lagged KPI)
 *       into candidates. A candidate missing on more than 10 % of the in-sample rows, or constant on
 *       them, is dropped (logged).
 *   <li>Selection runs on the in-sample rows where the KPI and every candidate have a value — at most
 *       50,000 of them, a deterministic pseudo-random sample beyond that (selection needs far fewer
 *       rows than fitting).
 *   <li>With combining generators (products, hinges), a first selection of up to ten terms over all
 *       rows names the leaders they build on; then every model index (one per time of day with a daily
 *       cycle) selects among singles and combinations together, up to {@code maxModelComplexity} terms.
 *   <li>Each model is then refitted on all its in-sample rows with the chosen terms, from their Gram
 *       matrix accumulated in one pass ({@link LinearFit}); R⁻¹, g and the feature means are stored.
 * </ol>
 *
 * Selection costs {@code O(m·p·k)} for m rows, p candidates and k terms instead of the {@code O(n·p²)}
 * of a Gram matrix of every candidate: with hundreds of candidates and tens of terms this is the
 * cheaper road, and the Gram route is kept for the refit where p = k.
 *
 * <p>Stateless and thread-safe.
 */
public final class SparseRegression implements NormalBehaviorModelFactory {
    /** The factory's name. */
    public static final String NAME = "SparseRegression";
    /** Most rows selection looks at. */
    static final int MAX_SELECTION_ROWS = 50_000;
    /** Leaders the combining generators build on. */
    static final int LEADERS = 10;
    /** Candidates missing on more in-sample rows than this share are dropped. */
    static final double MAX_MISSING = 0.10;

    private static final String ORIGIN = Decisions.ORIGIN;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public NormalBehaviorModel restore(Map<String, Object> state, Function<String, FeatureGenerator> generators) {
        return SparseRegressionModel.restore(state, generators);
    }

    /**
     * Keeps every model's terms and refits their coefficients on the problem's rows — the second
     * pass changes which rows define normal behaviour, not which features describe it. A time of day
     * left with fewer than 3 rows keeps its model.
     */
    @Override
    public NormalBehaviorModel refit(NormalBehaviorModel fitted, NormalBehaviorProblem problem) {
        if (!(fitted instanceof SparseRegressionModel model) || !problem.settings().useNormalBehaviorModel()) {
            return fitted instanceof SparseRegressionModel ? fitted : fit(problem);
        }
        TimeFrame frame = problem.frame();
        double[] y = frame.values(problem.kpi());
        int[] fitRows = finiteRows(problem.fitRows(), y);
        long period = frame.samplingPeriodMillis();
        int slots = model.dailyCycle() ? TimeOfDay.slots(period) : 1;
        int[][] slotRows = bySlot(fitRows, frame, model.dailyCycle(), period, slots);
        boolean intercept = problem.settings().features().contains("Intercept");
        Map<String, double[]> cache = new HashMap<>();
        List<SlotModel> models = new ArrayList<>();
        for (SlotModel m : model.models()) {
            int[] rows = slotRows[m.index()];
            if (rows.length < 3) {
                models.add(m);
                continue;
            }
            models.add(refit(m.index(), m.terms().stream().map(Term::feature).toList(), frame, y, rows, intercept, cache));
        }
        logModels(models, model.dailyCycle(), problem.log());
        return new SparseRegressionModel(models, model.dailyCycle(), period, frame.zone());
    }

    @Override
    public NormalBehaviorModel fit(NormalBehaviorProblem problem) {
        JobLog log = problem.log();
        NormalBehaviorSettings settings = problem.settings();
        TimeFrame frame = problem.frame();
        long period = frame.samplingPeriodMillis();
        double[] y = frame.values(problem.kpi());
        int[] fitRows = finiteRows(problem.fitRows(), y);
        if (fitRows.length == 0) {
            throw new VigilException(ErrorCode.INSUFFICIENT_DATA, "The KPI column '" + problem.kpi() + "' of " + frame.source()
                    + " has no values in the " + problem.fitRows().count() + " in-sample rows");
        }
        if (!settings.useNormalBehaviorModel()) {
            log.info(ORIGIN, "The normal behaviour model is not used (useNormalBehaviorModel is false): normal_behavior is 0 "
                    + "and the perspectives judge the KPI itself.");
            return new SparseRegressionModel(List.of(new SlotModel(1, List.of(), 0, new double[0], new double[0], new double[0],
                    fitRows.length, Double.NaN)), false, period, frame.zone());
        }
        log.info(ORIGIN, "Building the normal behavior model.");
        boolean intercept = settings.features().contains("Intercept");
        Decisions decisions = Decisions.of(settings, frame, problem.kpi(), fitRows, log);
        if (isConstant(y, fitRows)) {
            log.warning(ORIGIN, "The KPI '" + problem.kpi() + "' is constant (" + y[fitRows[0]] + ") on the in-sample rows; "
                    + "its normal behaviour is that constant.");
            return constantModel(y[fitRows[0]], fitRows.length, period, frame);
        }
        List<String> influencers = usableInfluencers(problem, fitRows);
        FeatureContext context = new FeatureContext(frame, RowSet.of(mask(fitRows, frame.rows())), problem.kpi(), influencers,
                problem.holidayColumn(), decisions.useKpiOffsets(), settings.allowOffsets(), decisions.offsetLimit(),
                decisions.dailyCycle(), settings.normalization(), List.of(), log);

        List<FeatureGenerator> singleGenerators = problem.generators().stream()
                .filter(g -> g.round() == FeatureGenerator.Round.SINGLE).toList();
        List<FeatureGenerator> combining = problem.generators().stream()
                .filter(g -> g.round() == FeatureGenerator.Round.COMBINING).toList();
        long t0 = System.nanoTime();
        int[] sample = sample(fitRows);
        Candidates candidates = new Candidates(frame, fitRows, sample);
        candidates.addAll(propose(singleGenerators, context));
        if (settings.useKPIoffsets() == AutoBoolean.AUTO && !candidates.isEmpty()) {
            boolean keep = Decisions.kpiOffsetsFromProbe(probeAutocorrelation(candidates, frame, problem.kpi(), y, fitRows,
                    intercept, settings), log);
            if (!keep) {
                candidates.retain(f -> !f.influencers().contains(problem.kpi()));
                context = context.withoutKpiOffsets();
            }
        }
        if (!combining.isEmpty() && !candidates.isEmpty()) {
            int[] rows = candidates.completeRows();
            int[] leaderIdx = select(candidates, rows, y, Math.min(LEADERS, Decisions.complexity(settings, rows.length)), intercept);
            List<Feature> leaders = Arrays.stream(leaderIdx).mapToObj(candidates::feature).toList();
            candidates.addAll(propose(combining, context.withLeaders(leaders)));
        }
        candidates.logSummary(log);
        long t1 = System.nanoTime();
        int[] complete = candidates.completeRows();
        if (candidates.isEmpty()) {
            log.warning(ORIGIN, "No candidate features: the normal behaviour is " + (intercept ? "the in-sample mean of the KPI." : "0."));
        } else if (complete.length < 10) {
            throw new VigilException(ErrorCode.INSUFFICIENT_DATA, "Only " + complete.length + " in-sample rows of "
                    + frame.source() + " have the KPI and every candidate feature; the normal behaviour model needs at least 10. "
                    + "Select more rows, or check the influencers for missing values");
        }
        if (complete.length < sample.length) {
            log.info(ORIGIN, "Selected terms on " + complete.length + " of " + fitRows.length + " in-sample rows"
                    + (sample.length < fitRows.length ? " (a sample)" : "") + "; the others lack a candidate's history or values.");
        }

        int slots = decisions.dailyCycle() ? TimeOfDay.slots(period) : 1;
        int[][] slotRows = bySlot(complete, frame, decisions.dailyCycle(), period, slots);
        int[][] slotFitRows = bySlot(fitRows, frame, decisions.dailyCycle(), period, slots);
        Map<String, double[]> featureValues = new HashMap<>();
        List<SlotModel> models = new ArrayList<>();
        problem.progress().accept(0.3);
        java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
        List<List<Feature>> chosen = IntStream.range(1, slots + 1).parallel().mapToObj(s -> {
            int[] rows = slotRows[s];
            List<Feature> picked = List.of();
            if (rows.length >= 3 && !candidates.isEmpty()) {
                int k = Decisions.complexity(settings, slotFitRows[s].length);
                picked = Arrays.stream(select(candidates, rows, y, k, intercept)).mapToObj(candidates::feature).toList();
            }
            problem.progress().accept(0.3 + 0.6 * done.incrementAndGet() / slots);
            return picked;
        }).toList();
        long t2 = System.nanoTime();
        int missingSlots = 0;
        for (int s = 1; s <= slots; s++) {
            if (slotFitRows[s].length < 3) {
                missingSlots++;
                continue;
            }
            models.add(refit(s, chosen.get(s - 1), frame, y, slotFitRows[s], intercept, featureValues));
        }
        if (models.isEmpty()) {
            throw new VigilException(ErrorCode.INSUFFICIENT_DATA, "No model could be fitted: every time of day has fewer than 3 "
                    + "in-sample rows with a KPI value in " + frame.source());
        }
        if (missingSlots > 0) {
            log.warning(ORIGIN, missingSlots + " of " + slots + " times of day have fewer than 3 in-sample rows and no model; "
                    + "their rows get no normal behaviour.");
        }
        logModels(models, decisions.dailyCycle(), log);
        problem.progress().accept(1);
        log.info(ORIGIN, String.format(Locale.ROOT, "Time spent: %.3f s proposing and evaluating candidates, %.3f s selecting "
                + "terms, %.3f s refitting.", (t1 - t0) / 1e9, (t2 - t1) / 1e9, (System.nanoTime() - t2) / 1e9));
        return new SparseRegressionModel(models, decisions.dailyCycle(), period, frame.zone());
    }

    /**
     * The lag-1 autocorrelation, over consecutive in-sample rows, of the residual of a small model
     * (at most ten terms) on the candidates that do not read the KPI.
     */
    private static double probeAutocorrelation(Candidates candidates, TimeFrame frame, String kpi, double[] y, int[] fitRows,
            boolean intercept, NormalBehaviorSettings settings) {
        List<Integer> external = new ArrayList<>();
        for (int c = 0; c < candidates.size(); c++) {
            if (!candidates.feature(c).influencers().contains(kpi)) {
                external.add(c);
            }
        }
        int[] rows = candidates.completeRows();
        double[] residual = y.clone();
        if (!external.isEmpty() && rows.length >= 10) {
            int[] chosen = select(candidates, external.stream().mapToInt(Integer::intValue).toArray(), rows, y,
                    Math.min(LEADERS, Decisions.complexity(settings, rows.length)), intercept);
            double[][] f = new double[chosen.length][];
            for (int j = 0; j < chosen.length; j++) {
                f[j] = new double[frame.rows()];
                candidates.feature(chosen[j]).evaluate(frame, f[j]);
            }
            boolean[] use = new boolean[frame.rows()];
            for (int r : fitRows) {
                use[r] = true;
                for (double[] fj : f) {
                    use[r] &= Double.isFinite(fj[r]);
                }
            }
            LinearFit.Fit fit = LinearFit.fit(f, y, use, intercept);
            for (int r = 0; r < residual.length; r++) {
                double v = fit.intercept();
                for (int i = 0; i < fit.kept().length; i++) {
                    v += fit.beta()[i] * f[fit.kept()[i]][r];
                }
                residual[r] = use[r] ? y[r] - v : Double.NaN;
            }
        } else {
            double mean = Arrays.stream(fitRows).mapToDouble(r -> y[r]).average().orElse(0);
            for (int r = 0; r < residual.length; r++) {
                residual[r] -= mean;
            }
        }
        return Decisions.autocorrelation(residual, fitRows[0], fitRows[fitRows.length - 1] + 1, 1);
    }

    private static List<Feature> propose(List<FeatureGenerator> generators, FeatureContext context) {
        List<Feature> out = new ArrayList<>();
        for (FeatureGenerator g : generators) {
            try {
                out.addAll(g.candidates(context));
            } catch (VigilException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new VigilException(ErrorCode.PLUGIN_FAILURE, "Feature generator " + g.name() + " failed: " + e, e);
            }
        }
        return out;
    }

    /** Forward selection on the given rows of the candidate matrix; returns candidate indices. */
    private static int[] select(Candidates candidates, int[] rows, double[] y, int maxTerms, boolean intercept) {
        return select(candidates, null, rows, y, maxTerms, intercept);
    }

    /** Forward selection among some candidates (all when {@code among} is null); returns candidate indices. */
    private static int[] select(Candidates candidates, int[] among, int[] rows, double[] y, int maxTerms, boolean intercept) {
        double[][] x = candidates.matrix(among, rows);
        double[] target = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            target[i] = y[rows[i]];
        }
        int[] chosen = ForwardSelection.select(x, target, maxTerms, intercept).chosen();
        if (among != null) {
            for (int i = 0; i < chosen.length; i++) {
                chosen[i] = among[chosen[i]];
            }
        }
        return chosen;
    }

    /** Least squares with the chosen features on all in-sample rows of a slot where they have values. */
    private static SlotModel refit(int slot, List<Feature> features, TimeFrame frame, double[] y, int[] rows, boolean intercept,
            Map<String, double[]> cache) {
        int n = frame.rows();
        double[][] f = new double[features.size()][];
        for (int j = 0; j < f.length; j++) {
            Feature feature = features.get(j);
            synchronized (cache) {
                f[j] = cache.computeIfAbsent(feature.label(), l -> {
                    double[] v = new double[n];
                    feature.evaluate(frame, v);
                    return v;
                });
            }
        }
        boolean[] use = new boolean[n];
        int used = 0;
        for (int r : rows) {
            boolean ok = Double.isFinite(y[r]);
            for (int j = 0; j < f.length && ok; j++) {
                ok = Double.isFinite(f[j][r]);
            }
            use[r] = ok;
            used += ok ? 1 : 0;
        }
        if (used < 3) {
            // the chosen terms have no common rows here: fall back to the mean
            f = new double[0][];
            features = List.of();
            for (int r : rows) {
                use[r] = true;
            }
        }
        LinearFit.Fit fit = LinearFit.fit(f, y, use, intercept);
        double[] sd = new double[fit.kept().length];
        double total = 0;
        for (int i = 0; i < sd.length; i++) {
            double[] v = f[fit.kept()[i]];
            double mean = fit.mx()[i];
            double ss = 0;
            for (int r = 0; r < n; r++) {
                if (use[r]) {
                    ss += (v[r] - mean) * (v[r] - mean);
                }
            }
            sd[i] = Math.sqrt(ss / Math.max(1, fit.rows())) * Math.abs(fit.beta()[i]);
            total += sd[i];
        }
        List<Term> terms = new ArrayList<>();
        for (int i = 0; i < sd.length; i++) {
            terms.add(new Term(features.get(fit.kept()[i]), fit.beta()[i], total > 0 ? 100 * sd[i] / total : 0));
        }
        return new SlotModel(slot, terms, fit.intercept(), fit.rInv(), fit.g(), fit.mx(), fit.rows(), fit.residualSd());
    }

    private static void logModels(List<SlotModel> models, boolean daily, JobLog log) {
        if (!daily) {
            SlotModel m = models.get(0);
            log.info(ORIGIN, String.format(Locale.ROOT, "Normal behaviour model: %d terms fitted on %,d rows; in-sample residual "
                    + "standard deviation %.6g.", m.terms().size(), m.rows(), m.residualSd()));
            return;
        }
        IntSummary terms = new IntSummary();
        models.forEach(m -> terms.add(m.terms().size()));
        double meanSd = models.stream().mapToDouble(SlotModel::residualSd).filter(Double::isFinite).average().orElse(Double.NaN);
        log.info(ORIGIN, String.format(Locale.ROOT, "Normal behaviour model: %d time-of-day models with %d to %d terms; mean "
                + "in-sample residual standard deviation %.6g.", models.size(), terms.min, terms.max, meanSd));
    }

    private static final class IntSummary {
        int min = Integer.MAX_VALUE;
        int max = Integer.MIN_VALUE;

        void add(int v) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
    }

    private static SparseRegressionModel constantModel(double value, int rows, long period, TimeFrame frame) {
        return new SparseRegressionModel(List.of(new SlotModel(1, List.of(), value, new double[0], new double[0], new double[0],
                rows, 0)), false, period, frame.zone());
    }

    private static List<String> usableInfluencers(NormalBehaviorProblem problem, int[] fitRows) {
        List<String> usable = new ArrayList<>();
        List<String> empty = new ArrayList<>();
        for (String name : problem.influencers()) {
            var c = problem.frame().column(name);
            boolean any = false;
            for (int r : fitRows) {
                if (Double.isFinite(c.get(r))) {
                    any = true;
                    break;
                }
            }
            (any ? usable : empty).add(name);
        }
        if (!empty.isEmpty()) {
            problem.log().warning(ORIGIN, "Influencer" + (empty.size() == 1 ? " " : "s ") + String.join(", ", empty)
                    + (empty.size() == 1 ? " has" : " have") + " no values in the in-sample rows and " + (empty.size() == 1 ? "is" : "are")
                    + " not used.");
        }
        return usable;
    }

    private static int[] finiteRows(RowSet rows, double[] y) {
        return Arrays.stream(rows.toArray()).filter(r -> Double.isFinite(y[r])).toArray();
    }

    private static boolean isConstant(double[] y, int[] rows) {
        double first = y[rows[0]];
        for (int r : rows) {
            if (y[r] != first) {
                return false;
            }
        }
        return true;
    }

    private static boolean[] mask(int[] rows, int n) {
        boolean[] m = new boolean[n];
        for (int r : rows) {
            m[r] = true;
        }
        return m;
    }

    /** All rows up to {@link #MAX_SELECTION_ROWS}; beyond, a deterministic pseudo-random sample of that size. */
    static int[] sample(int[] rows) {
        if (rows.length <= MAX_SELECTION_ROWS) {
            return rows;
        }
        long threshold = (long) ((double) MAX_SELECTION_ROWS / rows.length * (1L << 32));
        return Arrays.stream(rows).filter(r -> (mix(r) & 0xFFFFFFFFL) < threshold).toArray();
    }

    /** A fixed 64-bit mixer (SplitMix64's finaliser): the same sample in every run and process. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    private static int[][] bySlot(int[] rows, TimeFrame frame, boolean daily, long period, int slots) {
        int[][] out = new int[slots + 1][];
        if (!daily) {
            out[0] = new int[0];
            out[1] = rows;
            return out;
        }
        int[] slotOf = new int[rows.length];
        int[] counts = new int[slots + 1];
        for (int i = 0; i < rows.length; i++) {
            slotOf[i] = TimeOfDay.slot(frame.time(rows[i]), frame.zone(), period);
            counts[slotOf[i]]++;
        }
        for (int s = 0; s <= slots; s++) {
            out[s] = new int[counts[s]];
        }
        int[] fill = new int[slots + 1];
        for (int i = 0; i < rows.length; i++) {
            out[slotOf[i]][fill[slotOf[i]]++] = rows[i];
        }
        return out;
    }

    /**
     * The candidate features and their values on the sampled in-sample rows, column by column. Adding
     * a candidate evaluates it once over the whole frame (into scratch space) and keeps only the
     * sampled rows, so memory grows with the sample, not with the data.
     */
    static final class Candidates {
        private final TimeFrame frame;
        private final int[] fitRows;
        private final int[] sample;
        private final List<Feature> features = new ArrayList<>();
        private final List<double[]> values = new ArrayList<>();
        private final boolean[] incomplete;
        private final Map<String, Integer> labels = new LinkedHashMap<>();
        private int droppedMissing;
        private int droppedConstant;
        private String exampleMissing;
        private int proposed;

        Candidates(TimeFrame frame, int[] fitRows, int[] sample) {
            this.frame = frame;
            this.fitRows = fitRows;
            this.sample = sample;
            this.incomplete = new boolean[sample.length];
        }

        /**
         * Evaluates the proposed features (in parallel, each into its own scratch array) and keeps
         * those with values on enough rows that vary; duplicates by label are skipped.
         */
        void addAll(List<Feature> proposedFeatures) {
            List<Feature> fresh = new ArrayList<>();
            java.util.Set<String> seen = new java.util.HashSet<>(labels.keySet());
            for (Feature f : proposedFeatures) {
                if (seen.add(f.label())) {
                    fresh.add(f);
                }
            }
            proposed += fresh.size();
            ThreadLocal<double[]> scratch = ThreadLocal.withInitial(() -> new double[frame.rows()]);
            Evaluated[] evaluated = new Evaluated[fresh.size()];
            IntStream.range(0, fresh.size()).parallel().forEach(i -> evaluated[i] = evaluate(fresh.get(i), scratch.get()));
            for (int i = 0; i < evaluated.length; i++) {
                Evaluated e = evaluated[i];
                if (e.values == null) {
                    if (e.missingShare > MAX_MISSING) {
                        droppedMissing++;
                        if (exampleMissing == null) {
                            exampleMissing = fresh.get(i).label() + String.format(Locale.ROOT, " (%.0f %%)", 100 * e.missingShare);
                        }
                    } else {
                        droppedConstant++;
                    }
                    continue;
                }
                for (int r = 0; r < sample.length; r++) {
                    if (!Double.isFinite(e.values[r])) {
                        incomplete[r] = true;
                    }
                }
                labels.put(fresh.get(i).label(), features.size());
                features.add(fresh.get(i));
                values.add(e.values);
            }
        }

        /** A feature's values on the sample, or null (dropped) with the share of fit rows it misses. */
        private record Evaluated(double[] values, double missingShare) {
        }

        private Evaluated evaluate(Feature f, double[] scratch) {
            try {
                f.evaluate(frame, scratch);
            } catch (VigilException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new VigilException(ErrorCode.PLUGIN_FAILURE, "Feature " + f.label() + " failed: " + e, e);
            }
            int missing = 0;
            for (int r : fitRows) {
                if (!Double.isFinite(scratch[r])) {
                    missing++;
                }
            }
            double share = (double) missing / fitRows.length;
            if (share > MAX_MISSING) {
                return new Evaluated(null, share);
            }
            double[] v = new double[sample.length];
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < sample.length; i++) {
                double x = scratch[sample[i]];
                v[i] = x;
                if (Double.isFinite(x)) {
                    min = Math.min(min, x);
                    max = Math.max(max, x);
                }
            }
            return max > min ? new Evaluated(v, share) : new Evaluated(null, share);
        }

        void logSummary(JobLog log) {
            StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "Proposed %d candidate features; kept %d.", proposed,
                    features.size()));
            if (droppedMissing > 0) {
                sb.append(' ').append(droppedMissing).append(" missing on more than 10 % of the in-sample rows were dropped (e.g. ")
                        .append(exampleMissing).append(").");
            }
            if (droppedConstant > 0) {
                sb.append(' ').append(droppedConstant).append(" constant on the in-sample rows were dropped.");
            }
            log.info(ORIGIN, sb.toString());
        }

        boolean isEmpty() {
            return features.isEmpty();
        }

        Feature feature(int index) {
            return features.get(index);
        }

        /** Sampled rows (frame row numbers) where every candidate has a value. */
        int[] completeRows() {
            int n = 0;
            int[] rows = new int[sample.length];
            for (int i = 0; i < sample.length; i++) {
                if (!incomplete[i]) {
                    rows[n++] = sample[i];
                }
            }
            return Arrays.copyOf(rows, n);
        }

        int size() {
            return features.size();
        }

        /** Keeps only the candidates the predicate accepts; rows are complete again for the rest. */
        void retain(java.util.function.Predicate<Feature> keep) {
            List<Feature> keptFeatures = new ArrayList<>();
            List<double[]> keptValues = new ArrayList<>();
            labels.clear();
            java.util.Arrays.fill(incomplete, false);
            for (int c = 0; c < features.size(); c++) {
                if (keep.test(features.get(c))) {
                    labels.put(features.get(c).label(), keptFeatures.size());
                    keptFeatures.add(features.get(c));
                    keptValues.add(values.get(c));
                    double[] v = values.get(c);
                    for (int r = 0; r < v.length; r++) {
                        incomplete[r] |= !Double.isFinite(v[r]);
                    }
                }
            }
            features.clear();
            features.addAll(keptFeatures);
            values.clear();
            values.addAll(keptValues);
        }

        /**
         * A fresh column-major copy of some candidates (all when {@code among} is null) on the given
         * rows (which are complete sample rows).
         */
        double[][] matrix(int[] among, int[] rows) {
            int[] pos = new int[rows.length];
            for (int i = 0; i < rows.length; i++) {
                pos[i] = Arrays.binarySearch(sample, rows[i]);
            }
            int[] cols = among != null ? among : IntStream.range(0, features.size()).toArray();
            double[][] x = new double[cols.length][rows.length];
            for (int c = 0; c < x.length; c++) {
                double[] src = values.get(cols[c]);
                double[] dst = x[c];
                for (int i = 0; i < pos.length; i++) {
                    dst[i] = src[pos[i]];
                }
            }
            return x;
        }
    }
}
