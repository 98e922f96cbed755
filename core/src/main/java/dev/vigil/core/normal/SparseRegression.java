package dev.vigil.core.normal;

import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.Feature;
import dev.vigil.spi.FeatureContext;
import dev.vigil.spi.FeatureGenerator;
import dev.vigil.spi.NormalBehaviorModel;
import dev.vigil.spi.NormalBehaviorModelFactory;
import dev.vigil.spi.NormalBehaviorProblem;
import dev.vigil.spi.VigilException;
import dev.vigil.spi.frame.RowSet;
import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.spi.log.JobLog;
import dev.vigil.spi.settings.AutoBoolean;
import dev.vigil.spi.settings.NormalBehaviorSettings;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Vigil's default normal-behaviour model: a sparse linear regression of the KPI on candidate
 * features, chosen by orthogonal forward selection with a modified BIC (docs/models.md#the-normal-behaviour-model).
 *
 * <ol>
 *   <li>The single-feature generators expand the influencers (and, with KPI offsets, the lagged KPI)
 *       into candidates. A candidate missing on more than 10 % of the in-sample rows, or constant on
 *       them, is dropped (logged).
 *   <li>Selection looks at the in-sample rows where the KPI and every candidate have a value. Each
 *       model (one per time of day with a daily cycle) has a quota of rows: 50,000 split evenly over
 *       the models, but at least 500. A model with more rows than its quota selects on a
 *       deterministic pseudo-random sample of them: each row is kept when a hash of its row number
 *       falls below quota / rows, so the sample holds about the quota (not exactly) and is the same
 *       in every run.
 *   <li>With combining generators (products, hinges), a first selection of up to ten terms over all
 *       rows names the leaders they build on; then every model selects among singles and
 *       combinations together, up to {@code maxModelComplexity} terms. The criterion counts the
 *       model's full number of rows N: on a sample of m rows it is estimated as
 *       {@code N·ln(RSS_m/m) + κ·k·ln N}, which errs towards more terms; the terms so chosen are then
 *       a shortlist, among which forward selection runs again on all N rows from their Gram matrix
 *       with the exact criterion ({@link ForwardSelection#selectFromGram}).
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
    /** Rows selection looks at, split evenly over the models (about; see {@link #sample}). */
    static final int MAX_SELECTION_ROWS = 50_000;
    /** The least quota of rows a model selects on when {@link #MAX_SELECTION_ROWS} is split over many. */
    static final int MIN_MODEL_SELECTION_ROWS = 500;
    /** How many labels a log entry names before "and N more". */
    static final int NAMED = 5;
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
        Skipped skipped = new Skipped();
        for (SlotModel m : model.models()) {
            int[] rows = slotRows[m.index()];
            if (rows.length < 3) {
                models.add(m);
                continue;
            }
            models.add(refit(m.index(), m.terms().stream().map(Term::feature).toList(), frame, y, rows, intercept, cache,
                    skipped.collinear));
        }
        skipped.log(model.dailyCycle(), problem.log());
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
            // the residual is the KPI itself; its spread is stored as a number (NaN has no place in a JSON model file)
            double ss = 0;
            for (int r : fitRows) {
                ss += y[r] * y[r];
            }
            return new SparseRegressionModel(List.of(new SlotModel(1, List.of(), 0, new double[0], new double[0], new double[0],
                    fitRows.length, Math.sqrt(ss / fitRows.length))), false, period, frame.zone());
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
                problem.holidayColumn(), decisions.useKpiOffsets(), decisions.allowOffsets(), decisions.offsetLimit(),
                decisions.dailyCycle(), settings.normalization(), List.of(), log);

        List<FeatureGenerator> singleGenerators = problem.generators().stream()
                .filter(g -> g.round() == FeatureGenerator.Round.SINGLE).toList();
        List<FeatureGenerator> combining = problem.generators().stream()
                .filter(g -> g.round() == FeatureGenerator.Round.COMBINING).toList();
        int slots = decisions.dailyCycle() ? TimeOfDay.slots(period) : 1;
        int[][] slotFitRows = bySlot(fitRows, frame, decisions.dailyCycle(), period, slots);
        Decisions.logComplexity(settings, slotFitRows, log);
        long t0 = System.nanoTime();
        int[][] slotSample = sample(slotFitRows);
        int[] sample = merge(slotSample);
        // rows of the in-sample data each sampled row stands for, over all models
        double scale = (double) fitRows.length / sample.length;
        Candidates candidates = new Candidates(frame, fitRows, sample);
        candidates.addAll(propose(singleGenerators, context));
        if (settings.useKPIoffsets() == AutoBoolean.AUTO && decisions.useKpiOffsets() && !candidates.isEmpty()) {
            boolean keep = Decisions.kpiOffsetsFromProbe(probeAutocorrelation(candidates, frame, problem.kpi(), y, fitRows,
                    intercept, settings, scale), log);
            if (!keep) {
                candidates.retain(f -> !f.influencers().contains(problem.kpi()));
                context = context.withoutKpiOffsets();
            }
        }
        if (!combining.isEmpty() && !candidates.isEmpty()) {
            int[] rows = candidates.completeRows();
            int[] leaderIdx = select(candidates, null, rows, y, Math.min(LEADERS, Decisions.complexity(settings, fitRows.length)),
                    intercept, rows.length * scale).chosen();
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
        if (sample.length < fitRows.length) {
            log.info(ORIGIN, String.format(Locale.ROOT, "Selecting terms on a sample of %,d of the %,d in-sample rows "
                    + "(%s); the criterion counts every row, and the terms chosen on the sample are checked on all rows.",
                    complete.length, fitRows.length, slots == 1 ? String.format(Locale.ROOT, "about %,d", MAX_SELECTION_ROWS)
                            : String.format(Locale.ROOT, "about %,d per time-of-day model", quota(slots))));
        } else if (complete.length < sample.length) {
            log.info(ORIGIN, "Selected terms on " + complete.length + " of " + fitRows.length + " in-sample rows; the others "
                    + "lack a candidate's history or values.");
        }

        int[][] slotRows = bySlot(complete, frame, decisions.dailyCycle(), period, slots);
        Map<String, double[]> featureValues = new HashMap<>();
        List<SlotModel> models = new ArrayList<>();
        Skipped skipped = new Skipped();
        problem.progress().accept(0.3);
        AtomicInteger done = new AtomicInteger();
        List<Choice> chosen = IntStream.range(1, slots + 1).parallel().mapToObj(s -> {
            int[] rows = slotRows[s];
            List<Feature> picked = List.of();
            Skipped slotSkipped = new Skipped();
            if (rows.length >= 3 && !candidates.isEmpty()) {
                int k = Decisions.complexity(settings, slotFitRows[s].length);
                boolean sampled = slotSample[s].length < slotFitRows[s].length;
                double population = sampled ? (double) rows.length * slotFitRows[s].length / slotSample[s].length : rows.length;
                ForwardSelection.Result r = select(candidates, null, rows, y, k, intercept, population);
                picked = Arrays.stream(r.chosen()).mapToObj(candidates::feature).toList();
                slotSkipped.add(candidates, r);
                if (sampled && !picked.isEmpty()) {
                    picked = confirm(picked, frame, y, slotFitRows[s], k, intercept, featureValues, slotSkipped);
                }
            }
            problem.progress().accept(0.3 + 0.6 * done.incrementAndGet() / slots);
            return new Choice(picked, slotSkipped);
        }).toList();
        chosen.forEach(c -> skipped.addAll(c.skipped()));
        // the shortlists' columns not chosen by any model are no longer needed
        featureValues.keySet().retainAll(chosen.stream().flatMap(c -> c.picked().stream()).map(Feature::label)
                .collect(Collectors.toSet()));
        long t2 = System.nanoTime();
        int missingSlots = 0;
        for (int s = 1; s <= slots; s++) {
            if (slotFitRows[s].length < 3) {
                missingSlots++;
                continue;
            }
            models.add(refit(s, chosen.get(s - 1).picked(), frame, y, slotFitRows[s], intercept, featureValues, skipped.collinear));
        }
        if (models.isEmpty()) {
            throw new VigilException(ErrorCode.INSUFFICIENT_DATA, "No model could be fitted: every time of day has fewer than 3 "
                    + "in-sample rows with a KPI value in " + frame.source());
        }
        if (missingSlots > 0) {
            log.warning(ORIGIN, missingSlots + " of " + slots + " times of day have fewer than 3 in-sample rows and no model; "
                    + "their rows get no normal behaviour.");
        }
        skipped.log(decisions.dailyCycle(), log);
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
            boolean intercept, NormalBehaviorSettings settings, double scale) {
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
                    Math.min(LEADERS, Decisions.complexity(settings, fitRows.length)), intercept, rows.length * scale).chosen();
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

    /**
     * Forward selection among some candidates (all when {@code among} is null) on the given rows; the
     * result names candidate indices. {@code population}: the rows the criterion counts (see {@link
     * ForwardSelection#select}).
     */
    private static ForwardSelection.Result select(Candidates candidates, int[] among, int[] rows, double[] y, int maxTerms,
            boolean intercept, double population) {
        double[][] x = candidates.matrix(among, rows);
        double[] target = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            target[i] = y[rows[i]];
        }
        ForwardSelection.Result r = ForwardSelection.select(x, target, maxTerms, intercept, population);
        if (among == null) {
            return r;
        }
        return new ForwardSelection.Result(map(r.chosen(), among), r.rss(), r.tss(), r.rows(), map(r.collinear(), among),
                map(r.constant(), among));
    }

    private static int[] map(int[] idx, int[] among) {
        return Arrays.stream(idx).map(i -> among[i]).toArray();
    }

    /**
     * Forward selection again among a shortlist chosen on a sample, now on all the model's rows where
     * the shortlist has values, from their Gram matrix and with the exact criterion.
     */
    private static List<Feature> confirm(List<Feature> shortlist, TimeFrame frame, double[] y, int[] rows, int maxTerms,
            boolean intercept, Map<String, double[]> cache, Skipped skipped) {
        double[][] f = values(shortlist, frame, cache);
        boolean[] use = new boolean[frame.rows()];
        int used = usable(f, y, rows, use);
        if (used < 3) {
            return shortlist;
        }
        LinearFit.Gram gram = LinearFit.gram(f, y, use, intercept);
        ForwardSelection.Result r = ForwardSelection.selectFromGram(gram.gram(), gram.b(), gram.tss(), gram.rows(), maxTerms);
        for (int c : r.collinear()) {
            skipped.collinear.add(shortlist.get(c).label());
        }
        return Arrays.stream(r.chosen()).mapToObj(shortlist::get).toList();
    }

    /**
     * The features' values over the whole frame, each evaluated once (those not yet known in parallel)
     * and kept in the cache, which the models share.
     */
    private static double[][] values(List<Feature> features, TimeFrame frame, Map<String, double[]> cache) {
        int n = frame.rows();
        List<Feature> missing;
        synchronized (cache) {
            missing = features.stream().filter(f -> !cache.containsKey(f.label())).distinct().toList();
        }
        List<double[]> evaluated = missing.parallelStream().map(feature -> {
            double[] v = new double[n];
            feature.evaluate(frame, v);
            return v;
        }).toList();
        double[][] f = new double[features.size()][];
        synchronized (cache) {
            for (int i = 0; i < missing.size(); i++) {
                cache.putIfAbsent(missing.get(i).label(), evaluated.get(i));
            }
            for (int j = 0; j < f.length; j++) {
                f[j] = cache.get(features.get(j).label());
            }
        }
        return f;
    }

    /** Marks the rows where the target and every feature have a value; returns how many. */
    private static int usable(double[][] f, double[] y, int[] rows, boolean[] use) {
        for (int r : rows) {
            use[r] = Double.isFinite(y[r]);
        }
        for (double[] column : f) { // column by column: each pass reads one array in order
            for (int r : rows) {
                use[r] &= Double.isFinite(column[r]);
            }
        }
        int used = 0;
        for (int r : rows) {
            used += use[r] ? 1 : 0;
        }
        return used;
    }

    /** Least squares with the chosen features on all in-sample rows of a slot where they have values. */
    private static SlotModel refit(int slot, List<Feature> features, TimeFrame frame, double[] y, int[] rows, boolean intercept,
            Map<String, double[]> cache, Set<String> collinear) {
        int n = frame.rows();
        double[][] f = values(features, frame, cache);
        boolean[] use = new boolean[n];
        int used = usable(f, y, rows, use);
        if (used < 3) {
            // the chosen terms have no common rows here: fall back to the mean
            f = new double[0][];
            features = List.of();
            for (int r : rows) {
                use[r] = true;
            }
        }
        LinearFit.Fit fit = LinearFit.fit(f, y, use, intercept);
        if (fit.kept().length < features.size()) {
            boolean[] kept = new boolean[features.size()];
            Arrays.stream(fit.kept()).forEach(i -> kept[i] = true);
            for (int j = 0; j < kept.length; j++) {
                if (!kept[j]) {
                    collinear.add(features.get(j).label());
                }
            }
        }
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

    /** The terms a model chose and the candidates it could not use. */
    private record Choice(List<Feature> picked, Skipped skipped) {
    }

    /**
     * Candidates a selection or fit left out because they were collinear with the chosen terms or
     * constant on a model's rows, by label in order of first sight.
     */
    private static final class Skipped {
        final Set<String> collinear = new LinkedHashSet<>();
        final Set<String> constant = new LinkedHashSet<>();

        void add(Candidates candidates, ForwardSelection.Result r) {
            Arrays.stream(r.collinear()).forEach(c -> collinear.add(candidates.feature(c).label()));
            Arrays.stream(r.constant()).forEach(c -> constant.add(candidates.feature(c).label()));
        }

        void addAll(Skipped other) {
            collinear.addAll(other.collinear);
            constant.addAll(other.constant);
        }

        void log(boolean daily, JobLog log) {
            String where = daily ? " in at least one time-of-day model" : "";
            if (!collinear.isEmpty()) {
                log.info(ORIGIN, count(collinear.size(), "candidate feature") + " skipped as collinear with the chosen terms" + where
                        + ": " + named(collinear) + ".");
            }
            if (!constant.isEmpty()) {
                log.info(ORIGIN, count(constant.size(), "candidate feature") + " skipped as constant on the model's rows" + where
                        + ": " + named(constant) + ".");
            }
        }
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /** The first {@link #NAMED} labels, then "and N more". */
    static String named(Collection<String> labels) {
        List<String> first = labels.stream().limit(NAMED).toList();
        return String.join(", ", first) + (labels.size() > NAMED ? " and " + (labels.size() - NAMED) + " more" : "");
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

    /** A model's quota of selection rows when there are {@code models} of them. */
    static int quota(int models) {
        return Math.max((MAX_SELECTION_ROWS + models - 1) / models, MIN_MODEL_SELECTION_ROWS);
    }

    /**
     * The rows each model selects on (index as {@code slotRows}): all of its rows up to its {@link
     * #quota}; beyond, those whose row number hashes below quota / rows — about the quota, not
     * exactly, and the same in every run and process.
     */
    static int[][] sample(int[][] slotRows) {
        int[][] out = new int[slotRows.length][];
        int quota = quota(Math.max(1, slotRows.length - 1));
        for (int s = 0; s < slotRows.length; s++) {
            int[] rows = slotRows[s];
            if (rows.length <= quota) {
                out[s] = rows;
                continue;
            }
            long threshold = (long) ((double) quota / rows.length * (1L << 32));
            out[s] = Arrays.stream(rows).filter(r -> (mix(r) & 0xFFFFFFFFL) < threshold).toArray();
        }
        return out;
    }

    /** The rows of every model, in order. */
    private static int[] merge(int[][] slotRows) {
        return Arrays.stream(slotRows).flatMapToInt(Arrays::stream).sorted().toArray();
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
        private final List<String> droppedConstant = new ArrayList<>();
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
            Set<String> seen = new HashSet<>(labels.keySet());
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
                        droppedConstant.add(fresh.get(i).label());
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
            if (!droppedConstant.isEmpty()) {
                sb.append(' ').append(droppedConstant.size()).append(" constant on the in-sample rows were dropped: ")
                        .append(named(droppedConstant)).append('.');
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
        void retain(Predicate<Feature> keep) {
            List<Feature> keptFeatures = new ArrayList<>();
            List<double[]> keptValues = new ArrayList<>();
            labels.clear();
            Arrays.fill(incomplete, false);
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
