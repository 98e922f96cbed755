package dev.vigil.core.normal;

import dev.vigil.core.StateReader;
import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.Feature;
import dev.vigil.spi.FeatureGenerator;
import dev.vigil.spi.FeatureSpec;
import dev.vigil.spi.NormalBehaviorDecomposition;
import dev.vigil.spi.NormalBehaviorModel;
import dev.vigil.spi.NormalBehaviorSummary;
import dev.vigil.spi.NormalBehaviorTerms;
import dev.vigil.spi.VigilException;
import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.spi.stream.IncrementalNormalBehavior;
import dev.vigil.spi.stream.StreamLayout;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A fitted {@link SparseRegression}: one linear model per model index (per time of day with a daily
 * cycle). Immutable and thread-safe.
 */
final class SparseRegressionModel implements NormalBehaviorModel {
    private final SlotModel[] bySlot; // index 0 unused
    private final boolean dailyCycle;
    private final long periodMillis;
    private final ZoneId zone;
    private final List<String> inputs;
    private final int history;

    SparseRegressionModel(List<SlotModel> models, boolean dailyCycle, long periodMillis, ZoneId zone) {
        this.dailyCycle = dailyCycle;
        this.periodMillis = periodMillis;
        this.zone = zone;
        int size = dailyCycle ? TimeOfDay.slots(periodMillis) : 1;
        this.bySlot = new SlotModel[size + 1];
        LinkedHashSet<String> in = new LinkedHashSet<>();
        int h = 0;
        for (SlotModel m : models) {
            if (m.index() < 1 || m.index() > size) {
                throw new VigilException(ErrorCode.BAD_MODEL, "The model is corrupted: model index " + m.index()
                        + " is outside 1.." + size);
            }
            bySlot[m.index()] = m;
            for (Term t : m.terms()) {
                in.addAll(t.feature().influencers());
                h = Math.max(h, t.feature().history());
            }
        }
        this.inputs = List.copyOf(in);
        this.history = h;
    }

    @Override
    public String factory() {
        return SparseRegression.NAME;
    }

    @Override
    public List<String> inputs() {
        return inputs;
    }

    @Override
    public int history() {
        return history;
    }

    boolean dailyCycle() {
        return dailyCycle;
    }

    List<SlotModel> models() {
        List<SlotModel> out = new ArrayList<>();
        for (SlotModel m : bySlot) {
            if (m != null) {
                out.add(m);
            }
        }
        return out;
    }

    @Override
    public void predict(TimeFrame frame, double[] out, int[] modelIndex) {
        predict(termValues(evaluate(frame)), slots(frame), out, modelIndex);
    }

    private void predict(double[][][] termValues, int[] slots, double[] out, int[] modelIndex) {
        double[][] betas = new double[bySlot.length][];
        for (int s = 1; s < bySlot.length; s++) {
            SlotModel m = bySlot[s];
            if (m != null) {
                betas[s] = m.terms().stream().mapToDouble(Term::beta).toArray();
            }
        }
        for (int i = 0; i < slots.length; i++) {
            int slot = slots[i];
            modelIndex[i] = slot;
            SlotModel m = bySlot[slot];
            if (m == null) {
                out[i] = Double.NaN;
                continue;
            }
            double v = m.intercept();
            double[][] f = termValues[slot];
            double[] b = betas[slot];
            for (int j = 0; j < b.length; j++) {
                v += b[j] * f[j][i];
            }
            out[i] = v;
        }
    }

    /** Per model index, per term: the term's feature values. */
    private double[][][] termValues(Map<String, double[]> values) {
        double[][][] termValues = new double[bySlot.length][][];
        for (int s = 1; s < bySlot.length; s++) {
            SlotModel m = bySlot[s];
            if (m != null) {
                termValues[s] = m.terms().stream().map(t -> values.get(t.feature().label())).toArray(double[][]::new);
            }
        }
        return termValues;
    }

    /** Each distinct feature of all models, evaluated once over the frame. */
    private Map<String, double[]> evaluate(TimeFrame frame) {
        Map<String, double[]> values = new HashMap<>();
        for (SlotModel m : bySlot) {
            if (m == null) {
                continue;
            }
            for (Term t : m.terms()) {
                values.computeIfAbsent(t.feature().label(), label -> {
                    double[] v = new double[frame.rows()];
                    t.feature().evaluate(frame, v);
                    return v;
                });
            }
        }
        return values;
    }

    /** The rows of each model index, ascending. */
    private static int[][] rowsBySlot(int[] slots, int models) {
        int[] count = new int[models];
        for (int s : slots) {
            count[s]++;
        }
        int[][] rows = new int[models][];
        for (int s = 0; s < models; s++) {
            rows[s] = new int[count[s]];
            count[s] = 0;
        }
        for (int i = 0; i < slots.length; i++) {
            rows[slots[i]][count[slots[i]]++] = i;
        }
        return rows;
    }

    /** The model index of each row. */
    private int[] slots(TimeFrame frame) {
        int[] slots = new int[frame.rows()];
        for (int i = 0; i < slots.length; i++) {
            slots[i] = dailyCycle ? TimeOfDay.slot(frame.time(i), zone, periodMillis) : 1;
        }
        return slots;
    }

    /**
     * The contributors a term's value is shared among, equally: the distinct predictors of its parts,
     * and the kind (generator type) of each part without a predictor — a calendar term.
     */
    private static List<String> bearers(Term t) {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (FeatureSpec p : t.feature().parts()) {
            out.add(p.predictor() != null ? p.predictor() : p.type());
        }
        return new ArrayList<>(out);
    }

    /**
     * Who shares each term's value, and the typical contributions: what {@link #decompose} and the
     * stream's decomposition of one row both need.
     *
     * @param contributors inputs in order, then the intercept, then calendar kinds in order of appearance
     * @param interceptIndex position of the intercept among them
     * @param bearerIndex per model index, per term: the contributors sharing its value
     * @param betas per model index, the terms' coefficients
     * @param typicalByModel per model index, each contributor's in-sample mean
     * @param typicalNbByModel per model index, the in-sample mean of the normal behaviour
     */
    record Sharing(List<String> contributors, int interceptIndex, int[][][] bearerIndex, double[][] betas, double[][] typicalByModel,
            double[] typicalNbByModel) {
    }

    Sharing sharing() {
        List<String> contributors = new ArrayList<>(inputs);
        contributors.add(NormalBehaviorDecomposition.INTERCEPT);
        for (SlotModel m : models()) {
            for (Term t : m.terms()) {
                for (String b : bearers(t)) {
                    if (!contributors.contains(b)) {
                        contributors.add(b);
                    }
                }
            }
        }
        Map<String, Integer> index = new HashMap<>();
        for (int c = 0; c < contributors.size(); c++) {
            index.put(contributors.get(c), c);
        }
        int interceptIndex = index.get(NormalBehaviorDecomposition.INTERCEPT);
        // per model: each term's bearers, and the typical contributions (in-sample means)
        int k = contributors.size();
        double[][] typicalByModel = new double[bySlot.length][];
        double[] typicalNbByModel = new double[bySlot.length];
        int[][][] bearerIndex = new int[bySlot.length][][];
        double[][] betas = new double[bySlot.length][];
        for (int s = 1; s < bySlot.length; s++) {
            SlotModel m = bySlot[s];
            if (m == null) {
                continue;
            }
            double[] typical = new double[k];
            typical[interceptIndex] = m.intercept();
            double nb = m.intercept();
            bearerIndex[s] = new int[m.terms().size()][];
            betas[s] = new double[m.terms().size()];
            for (int j = 0; j < m.terms().size(); j++) {
                Term t = m.terms().get(j);
                List<String> b = bearers(t);
                bearerIndex[s][j] = b.stream().mapToInt(index::get).toArray();
                betas[s][j] = t.beta();
                double mean = t.beta() * m.mx()[j];
                for (int c : bearerIndex[s][j]) {
                    typical[c] += mean / b.size();
                }
                nb += mean;
            }
            typicalByModel[s] = typical;
            typicalNbByModel[s] = nb;
        }
        return new Sharing(List.copyOf(contributors), interceptIndex, bearerIndex, betas, typicalByModel, typicalNbByModel);
    }

    @Override
    public NormalBehaviorDecomposition decompose(TimeFrame frame) {
        int n = frame.rows();
        Sharing sharing = sharing();
        List<String> contributors = sharing.contributors();
        int interceptIndex = sharing.interceptIndex();
        int k = contributors.size();
        int[][][] bearerIndex = sharing.bearerIndex();
        double[][] betas = sharing.betas();
        double[][] typicalByModel = sharing.typicalByModel();
        double[] typicalNbByModel = sharing.typicalNbByModel();
        double[][][] termValues = termValues(evaluate(frame));
        int[] slots = slots(frame);
        double[] nb = new double[n];
        int[] idx = new int[n];
        predict(termValues, slots, nb, idx);
        // Term by term over each model's rows, so every pass streams two arrays: a row-by-row loop over all
        // terms touched dozens of arrays per row and cost several times more. The additions into each cell
        // come in the same order (intercept, then terms in order), so the sums are the same to the bit.
        double[][] contributions = new double[k][n];
        int[][] rowsOf = rowsBySlot(slots, bySlot.length);
        for (int s = 0; s < bySlot.length; s++) {
            int[] rows = rowsOf[s];
            SlotModel m = bySlot[s];
            if (m == null) {
                for (double[] c : contributions) {
                    for (int i : rows) {
                        c[i] = Double.NaN;
                    }
                }
                continue;
            }
            double[] intercept = contributions[interceptIndex];
            for (int i : rows) {
                intercept[i] = m.intercept();
            }
            double[] b = betas[s];
            for (int j = 0; j < b.length; j++) {
                double[] f = termValues[s][j];
                double beta = b[j];
                int[] bs = bearerIndex[s][j];
                for (int c : bs) {
                    double[] to = contributions[c];
                    if (bs.length == 1) {
                        for (int i : rows) {
                            to[i] += beta * f[i];
                        }
                    } else {
                        for (int i : rows) {
                            to[i] += beta * f[i] / bs.length;
                        }
                    }
                }
            }
        }
        return new NormalBehaviorDecomposition(contributors, idx, nb, contributions, typicalByModel, typicalNbByModel);
    }

    /** Every distinct feature of all models, by label, in order of first appearance: what {@link #predict} evaluates. */
    List<Feature> distinctFeatures() {
        Map<String, Feature> out = new LinkedHashMap<>();
        for (SlotModel m : bySlot) {
            if (m != null) {
                for (Term t : m.terms()) {
                    out.putIfAbsent(t.feature().label(), t.feature());
                }
            }
        }
        return new ArrayList<>(out.values());
    }

    SlotModel[] bySlot() {
        return bySlot;
    }

    long periodMillis() {
        return periodMillis;
    }

    ZoneId zone() {
        return zone;
    }

    /** The model applied one row at a time, to the bit as {@link #predict}: see {@link StreamedRegression}. */
    @Override
    public IncrementalNormalBehavior incremental(StreamLayout layout) {
        return new StreamedRegression(this, layout);
    }

    @Override
    public NormalBehaviorTerms terms(TimeFrame frame, int modelIndex) {
        if (modelIndex < 1 || modelIndex >= bySlot.length || bySlot[modelIndex] == null) {
            throw new VigilException(ErrorCode.INVALID_CONFIGURATION, "Model index " + modelIndex + " does not exist; the model's indexes: "
                    + models().stream().map(m -> Integer.toString(m.index())).collect(java.util.stream.Collectors.joining(", ")));
        }
        SlotModel m = bySlot[modelIndex];
        int p = m.terms().size();
        int[] slots = slots(frame);
        int[] rows = java.util.stream.IntStream.range(0, frame.rows()).filter(i -> slots[i] == modelIndex).toArray();
        double[][] f = new double[p][];
        for (int j = 0; j < p; j++) {
            double[] all = new double[frame.rows()];
            m.terms().get(j).feature().evaluate(frame, all);
            f[j] = all;
        }
        // nested model with the first i+1 terms: β⁽ⁱ⁾ = R⁻¹[0..i, 0..i] g[0..i] (R⁻¹ is upper triangular)
        double[][] nestedBeta = new double[p][];
        for (int i = 0; i < p; i++) {
            double[] beta = new double[i + 1];
            for (int a = 0; a <= i; a++) {
                double sum = 0;
                for (int b = a; b <= i; b++) {
                    sum += m.rInv()[b * p + a] * m.g()[b];
                }
                beta[a] = sum;
            }
            nestedBeta[i] = beta;
        }
        double yMean = m.intercept();
        for (int j = 0; j < p; j++) {
            yMean += m.terms().get(j).beta() * m.mx()[j];
        }
        double[][] terms = new double[p + 1][rows.length];
        double[][] nested = new double[p][rows.length];
        for (int r = 0; r < rows.length; r++) {
            int row = rows[r];
            for (int j = 0; j < p; j++) {
                terms[j][r] = m.terms().get(j).beta() * f[j][row];
            }
            terms[p][r] = m.intercept();
            for (int i = 0; i < p; i++) {
                double v = yMean;
                for (int a = 0; a <= i; a++) {
                    v += nestedBeta[i][a] * (f[a][row] - m.mx()[a]);
                }
                nested[i][r] = v;
            }
        }
        List<String> labels = new ArrayList<>(m.terms().stream().map(t -> t.feature().label()).toList());
        labels.add(NormalBehaviorDecomposition.INTERCEPT);
        return new NormalBehaviorTerms(modelIndex, labels, rows, terms, nested);
    }

    @Override
    public NormalBehaviorSummary summary() {
        List<NormalBehaviorSummary.Model> models = new ArrayList<>();
        Map<String, Double> importance = new LinkedHashMap<>();
        Map<String, int[]> offsets = new HashMap<>(); // predictor -> {earliest, latest} offset used
        for (SlotModel m : models()) {
            List<NormalBehaviorSummary.Term> terms = new ArrayList<>();
            for (Term t : m.terms()) {
                List<String> predictors = t.feature().influencers();
                terms.add(new NormalBehaviorSummary.Term(t.feature().label(), t.beta(), t.importance(), predictors));
                for (String p : predictors) {
                    importance.merge(p, t.importance() / predictors.size(), Double::sum);
                }
                for (FeatureSpec part : t.feature().parts()) {
                    if (part.predictor() != null) {
                        Double o = part.parameters().get("offset");
                        int offset = o == null || o.isNaN() ? 0 : (int) Math.round(o);
                        offsets.merge(part.predictor(), new int[] {offset, offset},
                                (a, b) -> new int[] {Math.min(a[0], b[0]), Math.max(a[1], b[1])});
                    }
                }
            }
            models.add(new NormalBehaviorSummary.Model(m.index(), dailyCycle ? TimeOfDay.dayTime(m.index(), periodMillis) : null,
                    terms, m.intercept(), m.rows(), m.residualSd()));
        }
        double total = importance.values().stream().mapToDouble(Double::doubleValue).sum();
        List<NormalBehaviorSummary.PredictorImportance> predictors = new ArrayList<>();
        importance.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> {
                    int[] range = offsets.getOrDefault(e.getKey(), new int[2]);
                    predictors.add(new NormalBehaviorSummary.PredictorImportance(e.getKey(), e.getValue(),
                            total > 0 ? e.getValue() / total : 0, range[0], range[1]));
                });
        return new NormalBehaviorSummary(models, predictors);
    }

    @Override
    public Map<String, Object> state() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("dailyCycle", dailyCycle);
        s.put("samplingPeriod", Duration.ofMillis(periodMillis).toString());
        s.put("timeZone", zone.getId());
        List<Object> models = new ArrayList<>();
        for (SlotModel m : models()) {
            Map<String, Object> mm = new LinkedHashMap<>();
            mm.put("index", m.index());
            if (dailyCycle) {
                mm.put("dayTime", TimeOfDay.dayTime(m.index(), periodMillis));
            }
            mm.put("rows", m.rows());
            mm.put("residualSd", m.residualSd());
            mm.put("intercept", m.intercept());
            List<Object> terms = new ArrayList<>();
            for (Term t : m.terms()) {
                Map<String, Object> tm = new LinkedHashMap<>();
                tm.put("label", t.feature().label());
                tm.put("beta", t.beta());
                tm.put("importance", t.importance());
                List<Object> parts = new ArrayList<>();
                for (FeatureSpec p : t.feature().parts()) {
                    Map<String, Object> pm = new LinkedHashMap<>();
                    pm.put("type", p.type());
                    if (p.predictor() != null) {
                        pm.put("predictor", p.predictor());
                    }
                    pm.put("parameters", new LinkedHashMap<>(p.parameters()));
                    parts.add(pm);
                }
                tm.put("parts", parts);
                terms.add(tm);
            }
            mm.put("terms", terms);
            mm.put("RInv", box(m.rInv()));
            mm.put("g", box(m.g()));
            mm.put("mx", box(m.mx()));
            models.add(mm);
        }
        s.put("models", models);
        return s;
    }

    static SparseRegressionModel restore(Map<String, Object> state, Function<String, FeatureGenerator> generators) {
        StateReader s = StateReader.of(state, "normalBehaviorModel");
        boolean daily = s.bool("dailyCycle");
        long period;
        ZoneId zone;
        try {
            period = Duration.parse(s.string("samplingPeriod")).toMillis();
            zone = ZoneId.of(s.string("timeZone"));
        } catch (RuntimeException e) {
            throw s.error("samplingPeriod", "or timeZone cannot be read: " + e.getMessage());
        }
        if (period <= 0 || (daily && !TimeOfDay.divides(period))) {
            throw s.error("samplingPeriod", "is invalid for this model: " + Duration.ofMillis(period));
        }
        List<SlotModel> models = new ArrayList<>();
        for (StateReader m : s.maps("models")) {
            List<Term> terms = new ArrayList<>();
            for (StateReader t : m.maps("terms")) {
                List<Feature> factors = new ArrayList<>();
                for (StateReader p : t.maps("parts")) {
                    StateReader pr = p.map("parameters");
                    Map<String, Double> params = new LinkedHashMap<>();
                    for (String key : pr.raw().keySet()) {
                        params.put(key, pr.number(key));
                    }
                    FeatureSpec spec = new FeatureSpec(p.string("type"), p.optionalString("predictor").orElse(null), params);
                    factors.add(Feature.restore(spec, generators));
                }
                if (factors.isEmpty()) {
                    throw t.error("parts", "is empty");
                }
                Feature f = factors.size() == 1 ? factors.get(0) : Feature.product(factors);
                terms.add(new Term(f, t.number("beta"), t.number("importance")));
            }
            try {
                models.add(new SlotModel(m.integer("index"), terms, m.number("intercept"), m.doubles("RInv"), m.doubles("g"),
                        m.doubles("mx"), m.integer("rows"), m.number("residualSd")));
            } catch (IllegalArgumentException e) {
                throw m.error("terms", "do not match the stored algebra: " + e.getMessage());
            }
        }
        return new SparseRegressionModel(models, daily, period, zone);
    }

    private static List<Double> box(double[] v) {
        List<Double> out = new ArrayList<>(v.length);
        for (double d : v) {
            out.add(d);
        }
        return out;
    }

    @Override
    public String toString() {
        return "SparseRegressionModel" + Arrays.toString(models().stream().map(m -> m.index() + ":" + m.terms().size()).toArray());
    }
}
