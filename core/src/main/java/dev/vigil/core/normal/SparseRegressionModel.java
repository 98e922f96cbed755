package dev.vigil.core.normal;

import dev.vigil.core.ErrorCode;
import dev.vigil.core.StateReader;
import dev.vigil.core.VigilException;
import dev.vigil.core.frame.TimeFrame;
import dev.vigil.core.spi.Feature;
import dev.vigil.core.spi.FeatureGenerator;
import dev.vigil.core.spi.FeatureSpec;
import dev.vigil.core.spi.NormalBehaviorModel;
import dev.vigil.core.spi.NormalBehaviorSummary;
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
        int n = frame.rows();
        Map<String, double[]> values = new HashMap<>();
        for (SlotModel m : bySlot) {
            if (m == null) {
                continue;
            }
            for (Term t : m.terms()) {
                values.computeIfAbsent(t.feature().label(), label -> {
                    double[] v = new double[n];
                    t.feature().evaluate(frame, v);
                    return v;
                });
            }
        }
        double[][][] termValues = new double[bySlot.length][][];
        double[][] betas = new double[bySlot.length][];
        for (int s = 1; s < bySlot.length; s++) {
            SlotModel m = bySlot[s];
            if (m != null) {
                termValues[s] = m.terms().stream().map(t -> values.get(t.feature().label())).toArray(double[][]::new);
                betas[s] = m.terms().stream().mapToDouble(Term::beta).toArray();
            }
        }
        for (int i = 0; i < n; i++) {
            int slot = dailyCycle ? TimeOfDay.slot(frame.time(i), zone, periodMillis) : 1;
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

    @Override
    public NormalBehaviorSummary summary() {
        List<NormalBehaviorSummary.Model> models = new ArrayList<>();
        Map<String, Double> importance = new LinkedHashMap<>();
        for (SlotModel m : models()) {
            List<NormalBehaviorSummary.Term> terms = new ArrayList<>();
            for (Term t : m.terms()) {
                List<String> predictors = t.feature().influencers();
                terms.add(new NormalBehaviorSummary.Term(t.feature().label(), t.beta(), t.importance(), predictors));
                for (String p : predictors) {
                    importance.merge(p, t.importance() / predictors.size(), Double::sum);
                }
            }
            models.add(new NormalBehaviorSummary.Model(m.index(), dailyCycle ? TimeOfDay.dayTime(m.index(), periodMillis) : null,
                    terms, m.intercept(), m.rows(), m.residualSd()));
        }
        double total = importance.values().stream().mapToDouble(Double::doubleValue).sum();
        List<NormalBehaviorSummary.PredictorImportance> predictors = new ArrayList<>();
        importance.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> predictors.add(new NormalBehaviorSummary.PredictorImportance(e.getKey(), e.getValue(),
                        total > 0 ? e.getValue() / total : 0)));
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
