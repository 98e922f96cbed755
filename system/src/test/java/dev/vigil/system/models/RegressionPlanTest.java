package dev.vigil.system.models;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.core.plugin.PluginRegistry;
import dev.vigil.spi.NormalBehaviorModel;
import dev.vigil.spi.NormalBehaviorSummary;
import dev.vigil.spi.SignalContributions;
import dev.vigil.spi.SystemModel;
import dev.vigil.spi.SystemProblem;
import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.spi.log.JobLog;
import dev.vigil.testing.SystemData;
import dev.vigil.testing.SystemDataGenerator;
import dev.vigil.testing.Trials;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The compiled regressions give to the bit what the regressions' own predictions give, on randomly fitted models. */
class RegressionPlanTest {
    private static final PluginRegistry REGISTRY = PluginRegistry.load(RegressionPlanTest.class.getClassLoader());

    @Test
    void theCompiledPlanScoresAndExplainsExactlyAsTheRegressionsPredict() {
        Trials.forAll(14, 6, random -> {
            int signals = random.nextInt(2, 7);
            int rows = random.nextInt(1_500, 4_000);
            SystemData data = SystemDataGenerator.create().rows(rows).signals(signals).factors(random.nextInt(1, 3))
                    .faultsPerKind(1).modeChanges(random.nextInt(0, 2)).faultLength(30).seed(random.nextLong()).generate();
            List<String> features = new ArrayList<>(List.of("Identity"));
            for (String f : List.of("Intercept", "TimeOffsets", "Polynomial")) {
                if (random.nextBoolean()) {
                    features.add(f);
                }
            }
            Map<String, Object> parameters = new LinkedHashMap<>();
            parameters.put("features", features);
            parameters.put("maxLag", random.nextInt(0, 8));
            parameters.put("maxModelComplexity", random.nextInt(1, 14));
            parameters.put("maxFitRows", random.nextInt(300, 1_500));
            SystemModel fitted = new CrossRegression().fit(new SystemProblem(data.unlabelled(), data.signals(), data.training(), parameters,
                    1, REGISTRY, new JobLog()));
            // the restored model too: it holds the features a model file rebuilds
            for (SystemModel m : List.of(fitted, new CrossRegression().restore(fitted.state(), REGISTRY))) {
                CrossRegressionModel model = regressions(m);
                assertThat(model.compiled()).as("the default features compile").isTrue();
                CrossRegressionModel reference = model.reference();
                assertThat(reference.compiled()).isFalse();
                TimeFrame frame = holes(data.unlabelled(), data.signals(), random);
                // a frame longer than the reference's blocks, one shorter than the regressions' history, and one in between
                for (TimeFrame f : List.of(frame, frame.slice(0, Math.min(frame.rows(), random.nextInt(1, 10))),
                        frame.slice(random.nextInt(0, 100), frame.rows() - random.nextInt(0, 100)))) {
                    assertSame(model, reference, f, random);
                }
            }
        });
    }

    @Test
    @SuppressWarnings("unchecked")
    void storedProductsOfThreeFactorsAndConstantPartsAreEvaluatedAsTheRegressionsDo() {
        // more rows than one task of the plan and than two blocks of the regressions' own scoring: both split the frame
        SystemData data = SystemDataGenerator.create().rows(20_000).signals(4).factors(2).faultsPerKind(1).modeChanges(0).faultLength(30)
                .seed(5).generate();
        SystemModel fitted = new CrossRegression().fit(new SystemProblem(data.unlabelled(), data.signals(), data.training(),
                Map.of("maxFitRows", 1_000), 1, REGISTRY, new JobLog()));
        // a model file may hold what today's fit never writes: constant parts, standardised or not, and longer products
        Map<String, Object> state = fitted.state();
        List<String> s = data.signals();
        int changed = 0;
        for (Object r : (List<Object>) state.get("regressions")) {
            Map<String, Object> regression = (Map<String, Object>) ((Map<String, Object>) r).get("state");
            Map<String, Object> model = (Map<String, Object>) ((List<Object>) regression.get("models")).get(0);
            List<Map<String, Object>> terms = (List<Map<String, Object>>) model.get("terms");
            if (terms.size() >= 2) {
                terms.get(0).put("parts", List.of(part("Intercept", null, Map.of("center", 0.25, "scale", 2.0)),
                        part("TimeOffsets", s.get(0), Map.of("offset", -3.0))));
                terms.get(1).put("parts", List.of(part("Identity", s.get(1), Map.of("offset", 0.0)),
                        part("TimeOffsets", s.get(2), Map.of("offset", -2.0, "center", 0.5, "scale", 3.0)), part("Intercept", null, Map.of()),
                        part("TimeOffsets", s.get(3), Map.of("offset", -1.0))));
                changed++;
            }
        }
        assertThat(changed).as("regressions with two terms or more").isPositive();
        CrossRegressionModel model = regressions(new CrossRegression().restore(state, REGISTRY));
        assertThat(model.compiled()).isTrue();
        TimeFrame frame = data.unlabelled();
        assertSame(model, model.reference(), frame, new SplittableRandom(5));
        assertSame(model, model.reference(), frame.slice(0, 3), new SplittableRandom(6));
    }

    /** The regressions of a fitted cross-regression (with or without its terms). */
    private static CrossRegressionModel regressions(SystemModel m) {
        return m instanceof CrossRegressionTermsModel t ? t.regressions() : (CrossRegressionModel) m;
    }

    @Test
    void theTermsThroughThePlanScoreAndRepairExactlyAsTheStraightforwardTerms() {
        Trials.forAll(15, 6, random -> {
            int signals = random.nextInt(2, 7);
            int rows = random.nextInt(1_500, 6_000);
            SystemData data = SystemDataGenerator.create().rows(rows).signals(signals).factors(random.nextInt(1, 3))
                    .faultsPerKind(1).modeChanges(random.nextInt(0, 2)).faultLength(30).seed(random.nextLong()).generate();
            Map<String, Object> parameters = new LinkedHashMap<>();
            parameters.put("maxLag", random.nextInt(0, 8));
            parameters.put("maxModelComplexity", random.nextInt(1, 14));
            parameters.put("maxFitRows", random.nextInt(300, 1_500));
            parameters.put("residualWindow", random.nextInt(1, 12));
            parameters.put("variabilityWindow", random.nextInt(0, 8));
            SystemModel fitted = new CrossRegression().fit(new SystemProblem(data.unlabelled(), data.signals(), data.training(), parameters,
                    1, REGISTRY, new JobLog()));
            for (SystemModel m : List.of(fitted, new CrossRegression().restore(fitted.state(), REGISTRY))) {
                CrossRegressionTermsModel model = (CrossRegressionTermsModel) m;
                assertThat(model.regressions().compiled()).isTrue();
                CrossRegressionTermsModel reference = model.reference();
                assertThat(reference.regressions().compiled()).isFalse();
                TimeFrame frame = holes(data.unlabelled(), data.signals(), random);
                for (TimeFrame f : List.of(frame, frame.slice(0, Math.min(frame.rows(), random.nextInt(1, 10))),
                        frame.slice(random.nextInt(0, 100), frame.rows() - random.nextInt(0, 100)))) {
                    double[] fast = new double[f.rows()];
                    double[] slow = new double[f.rows()];
                    model.score(f, fast);
                    reference.score(f, slow);
                    assertBits(fast, slow, "scores");
                    // the first rows, the highest scores (runs of anomalous rows, as detect asks), random and repeated rows
                    int[] ranked = java.util.stream.IntStream.range(0, f.rows()).boxed()
                            .sorted((a, b) -> Double.compare(Double.isNaN(slow[b]) ? -1 : slow[b], Double.isNaN(slow[a]) ? -1 : slow[a]))
                            .mapToInt(Integer::intValue).toArray();
                    int[] asked = new int[Math.min(f.rows(), 200)];
                    for (int i = 0; i < asked.length; i++) {
                        asked[i] = i < 10 ? i : i < 150 ? ranked[i] : random.nextInt(f.rows());
                    }
                    SignalContributions a = model.contributions(f, asked);
                    SignalContributions b = reference.contributions(f, asked);
                    for (int i = 0; i < asked.length; i++) {
                        assertBits(a.shares()[i], b.shares()[i], "shares of row " + asked[i]);
                        assertBits(a.deviations()[i], b.deviations()[i], "deviations of row " + asked[i]);
                    }
                }
                assertThat(Arrays.stream(model.contributions(frame, new int[] {frame.rows() - 1}).shares()[0]).sum())
                        .as("the last row's shares add up to 1").isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
            }
        });
    }

    private static Map<String, Object> part(String type, String predictor, Map<String, Double> parameters) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("type", type);
        if (predictor != null) {
            p.put("predictor", predictor);
        }
        p.put("parameters", new LinkedHashMap<>(parameters));
        return p;
    }

    private static void assertSame(CrossRegressionModel model, CrossRegressionModel reference, TimeFrame frame, SplittableRandom random) {
        double[] fast = new double[frame.rows()];
        double[] slow = new double[frame.rows()];
        model.score(frame, fast);
        reference.score(frame, slow);
        assertBits(fast, slow, "scores");
        assertThat(Arrays.stream(fast).filter(Double::isFinite).count()).as("finite scores").isGreaterThan(frame.rows() / 2 - 20);
        // the rows asked in any order: the first ones (too little history), random ones, repeated ones
        int[] rows = new int[Math.min(frame.rows(), 300)];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = i < 10 ? i : random.nextInt(frame.rows());
        }
        SignalContributions a = model.contributions(frame, rows);
        SignalContributions b = reference.contributions(frame, rows);
        assertThat(a.rows()).isEqualTo(rows);
        for (int i = 0; i < rows.length; i++) {
            assertBits(a.shares()[i], b.shares()[i], "shares of row " + rows[i]);
            assertBits(a.deviations()[i], b.deviations()[i], "deviations of row " + rows[i]);
        }
        int[] all = java.util.stream.IntStream.range(0, frame.rows()).toArray();
        assertBits(model.residualSpread(frame, all), reference.residualSpread(frame, all), "residual spreads");
    }

    /** The same doubles to the bit (any NaN equal to any NaN), else the first that differs. */
    private static void assertBits(double[] actual, double[] expected, String what) {
        assertThat(actual).as(what).hasSameSizeAs(expected);
        for (int i = 0; i < actual.length; i++) {
            if (Double.doubleToLongBits(actual[i]) != Double.doubleToLongBits(expected[i])) {
                throw new AssertionError(what + " differ first at " + i + ": " + actual[i] + " instead of " + expected[i]);
            }
        }
    }

    /** The frame with a few missing values punched into its signals. */
    private static TimeFrame holes(TimeFrame frame, List<String> signals, SplittableRandom random) {
        TimeFrame out = frame;
        for (String s : signals) {
            double[] v = frame.values(s);
            for (int k = random.nextInt(0, 4); k > 0; k--) {
                v[random.nextInt(v.length)] = Double.NaN;
            }
            out = out.withColumn(s, v);
        }
        return out;
    }

    @Test
    void regressionsThePlanCannotEvaluatePredictThemselves() {
        SystemData data = SystemDataGenerator.create().rows(1_500).signals(3).factors(1).faultsPerKind(1).modeChanges(0).faultLength(30).seed(3)
                .generate();
        NormalBehaviorModel[] models = new NormalBehaviorModel[3];
        Arrays.fill(models, new Foreign());
        double[] sigma = {1, 2, 4};
        assertThat(RegressionPlan.compile(data.signals(), models, sigma)).isNull();
        CrossRegressionModel model = new CrossRegressionModel(data.signals(), models, sigma, Map.of());
        assertThat(model.compiled()).isFalse();
        TimeFrame frame = data.unlabelled();
        double[] score = new double[frame.rows()];
        model.score(frame, score);
        // each foreign regression predicts 0, so each residual is the signal itself over its spread
        for (int r : new int[] {0, 700, frame.rows() - 1}) {
            double expected = 0;
            for (int j = 0; j < 3; j++) {
                double v = frame.column(data.signals().get(j)).get(r) / sigma[j];
                expected += v * v;
            }
            assertThat(score[r]).isEqualTo(expected);
        }
    }

    /** A regression of another kind, whose state the plan does not read. */
    private static final class Foreign implements NormalBehaviorModel {
        @Override
        public String factory() {
            return "Foreign";
        }

        @Override
        public List<String> inputs() {
            return List.of();
        }

        @Override
        public int history() {
            return 0;
        }

        @Override
        public void predict(TimeFrame frame, double[] out, int[] modelIndex) {
            Arrays.fill(out, 0);
        }

        @Override
        public NormalBehaviorSummary summary() {
            return new NormalBehaviorSummary(List.of(), List.of());
        }

        @Override
        public Map<String, Object> state() {
            return Map.of();
        }
    }
}
