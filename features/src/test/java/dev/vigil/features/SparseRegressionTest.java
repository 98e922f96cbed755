package dev.vigil.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.vigil.core.normal.SparseRegression;
import dev.vigil.core.plugin.PluginRegistry;
import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.NormalBehaviorModel;
import dev.vigil.spi.NormalBehaviorProblem;
import dev.vigil.spi.NormalBehaviorSummary;
import dev.vigil.spi.VigilException;
import dev.vigil.spi.frame.RowSet;
import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.spi.log.JobLog;
import dev.vigil.spi.log.LogEntry;
import dev.vigil.spi.log.MessageType;
import dev.vigil.spi.settings.AutoBoolean;
import dev.vigil.spi.settings.NormalBehaviorSettings;
import dev.vigil.testing.GeneratedData;
import dev.vigil.testing.KpiDataGenerator;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The default normal-behaviour model with the real feature generators. */
class SparseRegressionTest {
    private static final PluginRegistry REGISTRY = PluginRegistry.load();
    private final JobLog log = new JobLog();

    private NormalBehaviorModel fit(TimeFrame frame, List<String> influencers, RowSet rows, NormalBehaviorSettings settings) {
        return new SparseRegression().fit(new NormalBehaviorProblem(frame, "kpi", influencers, null, rows, settings,
                settings.features().stream().map(REGISTRY::feature).toList(), log));
    }

    private static NormalBehaviorSettings noKpiLags(int offsetLimit) {
        return NormalBehaviorSettings.DEFAULT.withUseKPIoffsets(AutoBoolean.FALSE).withDailyCycle(AutoBoolean.FALSE)
                .withOffsetLimit(OptionalInt.of(offsetLimit));
    }

    private static double[][] predict(NormalBehaviorModel m, TimeFrame f) {
        double[] nb = new double[f.rows()];
        int[] idx = new int[f.rows()];
        m.predict(f, nb, idx);
        return new double[][] {nb, Arrays.stream(idx).asDoubleStream().toArray()};
    }

    private static List<String> allColumns(GeneratedData g) {
        List<String> all = new ArrayList<>(g.influencers());
        all.addAll(g.distractors());
        return all;
    }

    @Test
    void recoversTheTrueStructureAndTheNoiseLevel() {
        GeneratedData g = KpiDataGenerator.create().rows(20_000).seed(7).noise(0.5).lag(5).emaWindow(8).generate();
        NormalBehaviorModel m = fit(g.frame(), allColumns(g), RowSet.all(g.frame().rows()), noKpiLags(-10));
        NormalBehaviorSummary.Model model = m.summary().models().get(0);
        List<String> labels = model.terms().stream().map(NormalBehaviorSummary.Term::label).toList();
        assertThat(labels).contains("x1(t-5)", "EMA_x2(t; w=8)", "x3(t)", "Sin(24h)");
        assertThat(beta(model, "x1(t-5)")).isCloseTo(2, within(0.05));
        assertThat(beta(model, "EMA_x2(t; w=8)")).isCloseTo(1.5, within(0.05));
        assertThat(beta(model, "Sin(24h)")).isCloseTo(3, within(0.05));
        assertThat(labels).noneMatch(l -> l.contains("noise"));
        assertThat(model.residualSd()).isCloseTo(0.5, within(0.05));
        // and the residual of the prediction agrees with the stored figure
        double[] nb = predict(m, g.frame())[0];
        double[] kpi = g.frame().values("kpi");
        double ss = 0;
        int n = 0;
        for (int i = 0; i < nb.length; i++) {
            if (Double.isFinite(nb[i])) {
                ss += (kpi[i] - nb[i]) * (kpi[i] - nb[i]);
                n++;
            }
        }
        assertThat(Math.sqrt(ss / n)).isCloseTo(model.residualSd(), within(1e-6));
    }

    /** TIM's dataFrom/dataTo: the widest range of offsets of each predictor, as the term labels show them. */
    @Test
    void predictorOffsetsAreTheWidestLagRangeTheTermsUse() {
        GeneratedData g = KpiDataGenerator.create().rows(20_000).seed(7).noise(0.5).lag(5).emaWindow(8).generate();
        NormalBehaviorSummary s = fit(g.frame(), allColumns(g), RowSet.all(g.frame().rows()), noKpiLags(-10)).summary();
        java.util.regex.Pattern part = java.util.regex.Pattern.compile("([A-Za-z0-9]+)\\(t(-\\d+)?[;)]");
        java.util.Map<String, int[]> expected = new java.util.HashMap<>();
        for (NormalBehaviorSummary.Model model : s.models()) {
            for (NormalBehaviorSummary.Term t : model.terms()) {
                java.util.regex.Matcher m = part.matcher(t.label());
                while (m.find()) {
                    int offset = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
                    expected.merge(m.group(1), new int[] {offset, offset}, (a, b) -> new int[] {Math.min(a[0], b[0]), Math.max(a[1], b[1])});
                }
            }
        }
        assertThat(expected.get("x1")[0]).isLessThanOrEqualTo(-5); // x1(t-5) is a term
        for (NormalBehaviorSummary.PredictorImportance p : s.predictors()) {
            int[] range = expected.get(p.name());
            assertThat(range).as(p.name()).isNotNull();
            assertThat(new int[] {p.dataFrom(), p.dataTo()}).as(p.name()).containsExactly(range);
        }
    }

    private static double beta(NormalBehaviorSummary.Model model, String label) {
        return model.terms().stream().filter(t -> t.label().equals(label)).findFirst().orElseThrow().beta();
    }

    @Test
    void importancesSumTo100PerModelAndRelativeImportancesToOne() {
        GeneratedData g = KpiDataGenerator.create().rows(5000).seed(3).generate();
        NormalBehaviorSummary s = fit(g.frame(), allColumns(g), RowSet.all(5000), noKpiLags(-6)).summary();
        for (NormalBehaviorSummary.Model model : s.models()) {
            assertThat(model.terms().stream().mapToDouble(NormalBehaviorSummary.Term::importance).sum()).isCloseTo(100, within(1e-9));
        }
        assertThat(s.predictors().stream().mapToDouble(NormalBehaviorSummary.PredictorImportance::relImportance).sum())
                .isCloseTo(1, within(1e-9));
        assertThat(s.predictors().get(0).name()).isEqualTo("x1"); // the strongest term
    }

    @Test
    void rowsWithIncompleteInputsGetNoValueNeverAWrongOne() {
        GeneratedData g = KpiDataGenerator.create().rows(3000).seed(4).generate();
        double[] x1 = g.frame().values("x1");
        x1[2000] = Double.NaN;
        TimeFrame f = g.frame().withColumn("x1", x1);
        NormalBehaviorModel m = fit(f, allColumns(g), RowSet.range(0, 1500), noKpiLags(-6));
        double[] nb = predict(m, f)[0];
        assertThat(nb[0]).isNaN(); // no history yet
        int history = m.history();
        assertThat(nb[history + 1]).isFinite();
        assertThat(nb[2005]).isNaN(); // x1(t-5) is missing
        assertThat(nb[2100]).isFinite();
    }

    @Test
    void aDailyCycleGivesOneModelPerTimeOfDay() {
        GeneratedData g = KpiDataGenerator.create().rows(96 * 90).period(Duration.ofMinutes(15)).seed(5).dailyAmplitude(6)
                .noise(0.3).generate();
        NormalBehaviorModel m = fit(g.frame(), allColumns(g), RowSet.all(g.frame().rows()), NormalBehaviorSettings.DEFAULT);
        assertThat(log.entries()).extracting(LogEntry::message).anyMatch(s -> s.startsWith("Vigil will consider this dataset to be daily-cycle"))
                .contains("Offset limit set to -96.");
        NormalBehaviorSummary s = m.summary();
        assertThat(s.models()).hasSize(96);
        assertThat(s.models().get(0).dayTime()).isEqualTo("00:00:00");
        assertThat(s.models().get(37).index()).isEqualTo(38);
        assertThat(s.models().get(37).dayTime()).isEqualTo("09:15:00");
        double[][] p = predict(m, g.frame());
        for (int i = 0; i < g.frame().rows(); i += 97) {
            LocalTime local = Instant.ofEpochMilli(g.frame().time(i)).atZone(ZoneOffset.UTC).toLocalTime();
            assertThat((int) p[1][i]).isEqualTo(local.toSecondOfDay() / 900 + 1);
        }
    }

    @Test
    void shortOrFastDataHaveNoDailyCycle() {
        GeneratedData g = KpiDataGenerator.create().rows(2000).period(Duration.ofSeconds(1)).seed(6).generate();
        NormalBehaviorModel m = fit(g.frame(), allColumns(g), RowSet.all(2000), NormalBehaviorSettings.DEFAULT);
        assertThat(m.summary().models()).hasSize(1);
        assertThat(m.summary().models().get(0).dayTime()).isNull();
        assertThat(log.entries()).extracting(LogEntry::message).contains("Offset limit set to -1.")
                .anyMatch(s -> s.startsWith("Vigil will consider this dataset to be nondaily-cycle: the sampling period 1 second"))
                .anyMatch(s -> s.startsWith("Parameter useKPIoffsets is set to false. Reason: a model on the influencers alone leaves "
                        + "a residual with lag-1 autocorrelation"));
        assertThat(m.inputs()).doesNotContain("kpi");
        assertThatThrownBy(() -> fit(g.frame(), allColumns(g), RowSet.all(2000),
                NormalBehaviorSettings.DEFAULT.withDailyCycle(AutoBoolean.TRUE).withMaxModelComplexity(OptionalInt.of(3))))
                .isInstanceOf(VigilException.class);
    }

    @Test
    void kpiOffsetsAreUsedWhenTheInfluencersLeaveTheKpiDynamicsUnexplained() {
        GeneratedData g = KpiDataGenerator.create().rows(5000).seed(12).generate();
        double[] kpi = g.frame().values("kpi");
        java.util.Random r = new java.util.Random(1);
        double drift = 0;
        for (int i = 0; i < kpi.length; i++) {
            drift = 0.95 * drift + r.nextGaussian(); // slow dynamics no influencer explains
            kpi[i] += 3 * drift;
        }
        TimeFrame f = g.frame().withColumn("kpi", kpi);
        NormalBehaviorModel m = fit(f, allColumns(g), RowSet.all(5000), NormalBehaviorSettings.DEFAULT);
        assertThat(log.entries()).extracting(LogEntry::message)
                .anyMatch(s -> s.startsWith("Parameter useKPIoffsets is set to true. Reason:"));
        assertThat(m.inputs()).contains("kpi");
    }

    @Test
    void theStoredStateRestoresAModelGivingBitIdenticalPredictions() {
        GeneratedData g = KpiDataGenerator.create().rows(6000).seed(8).generate();
        NormalBehaviorModel m = fit(g.frame(), allColumns(g), RowSet.range(0, 4000), NormalBehaviorSettings.DEFAULT);
        NormalBehaviorModel restored = new SparseRegression().restore(m.state(), REGISTRY::feature);
        double[][] a = predict(m, g.frame());
        double[][] b = predict(restored, g.frame());
        assertThat(b[0]).containsExactly(a[0]);
        assertThat(b[1]).containsExactly(a[1]);
        assertThat(restored.summary()).isEqualTo(m.summary());
        assertThat(restored.inputs()).isEqualTo(m.inputs());
        assertThat(restored.history()).isEqualTo(m.history());
    }

    @Test
    void betaIsRInverseTimesG() {
        GeneratedData g = KpiDataGenerator.create().rows(4000).seed(9).generate();
        NormalBehaviorModel m = fit(g.frame(), allColumns(g), RowSet.all(4000), noKpiLags(-6));
        @SuppressWarnings("unchecked")
        var model = (java.util.Map<String, Object>) ((List<?>) m.state().get("models")).get(0);
        double[] rInv = ((List<?>) model.get("RInv")).stream().mapToDouble(v -> (Double) v).toArray();
        double[] gv = ((List<?>) model.get("g")).stream().mapToDouble(v -> (Double) v).toArray();
        List<NormalBehaviorSummary.Term> terms = m.summary().models().get(0).terms();
        int k = gv.length;
        assertThat(k).isEqualTo(terms.size());
        for (int i = 0; i < k; i++) {
            double beta = 0;
            for (int j = 0; j < k; j++) {
                beta += rInv[j * k + i] * gv[j];
            }
            assertThat(beta).isCloseTo(terms.get(i).beta(), within(1e-9 * Math.max(1, Math.abs(beta))));
        }
    }

    @Test
    void aKpiWithoutValuesIsAClearError() {
        GeneratedData g = KpiDataGenerator.create().rows(500).seed(1).generate();
        double[] empty = new double[500];
        Arrays.fill(empty, Double.NaN);
        TimeFrame f = g.frame().withColumn("kpi", empty);
        assertThatThrownBy(() -> fit(f, allColumns(g), RowSet.all(500), NormalBehaviorSettings.DEFAULT))
                .isInstanceOfSatisfying(VigilException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INSUFFICIENT_DATA))
                .hasMessageContaining("The KPI column 'kpi'").hasMessageContaining("has no values in the 500 in-sample rows");
    }

    @Test
    void aConstantKpiIsItsOwnNormalBehaviour() {
        GeneratedData g = KpiDataGenerator.create().rows(500).seed(1).generate();
        double[] constant = new double[500];
        Arrays.fill(constant, 4.5);
        TimeFrame f = g.frame().withColumn("kpi", constant);
        NormalBehaviorModel m = fit(f, allColumns(g), RowSet.all(500), NormalBehaviorSettings.DEFAULT);
        assertThat(predict(m, f)[0]).containsOnly(4.5);
        assertThat(log.has(MessageType.Warning)).isTrue();
    }

    @Test
    void anInfluencerWithoutValuesIsLeftOutWithAWarning() {
        GeneratedData g = KpiDataGenerator.create().rows(3000).seed(2).generate();
        double[] empty = new double[3000];
        Arrays.fill(empty, Double.NaN);
        TimeFrame f = g.frame().withColumn("noise1", empty);
        NormalBehaviorModel m = fit(f, allColumns(g), RowSet.all(3000), noKpiLags(-6));
        assertThat(m.inputs()).doesNotContain("noise1");
        assertThat(log.entries()).extracting(LogEntry::message).contains("Influencer noise1 has no values in the in-sample rows and is not used.");
        assertThat(predict(m, f)[0][2999]).isFinite();
    }

    @Test
    void tooFewRowsIsAClearError() {
        GeneratedData g = KpiDataGenerator.create().rows(3000).seed(2).generate();
        assertThatThrownBy(() -> fit(g.frame(), allColumns(g), RowSet.range(0, 8), NormalBehaviorSettings.DEFAULT))
                .isInstanceOfSatisfying(VigilException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INSUFFICIENT_DATA))
                .hasMessageContaining("needs at least 10");
    }

    @Test
    void duplicatedAndConstantColumnsAreHandledSafely() {
        GeneratedData g = KpiDataGenerator.create().rows(3000).seed(2).generate();
        double[] ones = new double[3000];
        Arrays.fill(ones, 1);
        TimeFrame f = g.frame().withColumn("x1copy", g.frame().values("x1")).withColumn("flat", ones);
        List<String> cols = new ArrayList<>(allColumns(g));
        cols.add("x1copy");
        cols.add("flat");
        NormalBehaviorModel m = fit(f, cols, RowSet.all(3000), noKpiLags(-6));
        List<String> labels = m.summary().models().get(0).terms().stream().map(NormalBehaviorSummary.Term::label).toList();
        assertThat(labels.stream().filter(l -> l.equals("x1(t-5)") || l.equals("x1copy(t-5)"))).hasSize(1);
        assertThat(labels).noneMatch(l -> l.contains("flat"));
        assertThat(predict(m, f)[0][2999]).isFinite();
        // both are said: the copy of the chosen lag was skipped as collinear, the flat column's features as constant
        String twin = labels.contains("x1(t-5)") ? "x1copy(t-5)" : "x1(t-5)";
        List<String> messages = log.entries().stream().filter(e -> e.messageType() == MessageType.Info).map(LogEntry::message).toList();
        assertThat(messages).anySatisfy(s -> assertThat(s).matches("\\d+ candidate features? skipped as collinear with the chosen "
                + "terms: .*").contains(twin));
        assertThat(messages).anySatisfy(s -> assertThat(s).contains("constant on the in-sample rows were dropped: ")
                .contains("flat(t-1)").containsPattern("and \\d+ more\\.$"));
    }

    @Test
    void onDataAboveTheSampleSizeAWeakButRealInfluencerIsKeptAndNoiseIsNot() {
        // kpi = x1 + 0.012·x2 + noise: on 600,000 rows x2 lowers N·ln(RSS/N) by about 86, far more than its
        // penalty 2·ln N ≈ 27; on the 50,000-row sample alone it would gain about 7 against 2·ln 50,000 ≈ 22
        int n = 600_000;
        java.util.Random random = new java.util.Random(11);
        long[] time = new long[n];
        double[] x1 = new double[n];
        double[] x2 = new double[n];
        double[] x3 = new double[n];
        double[] kpi = new double[n];
        for (int i = 0; i < n; i++) {
            time[i] = 1_700_000_000_000L + 1000L * i;
            x1[i] = random.nextGaussian();
            x2[i] = random.nextGaussian();
            x3[i] = random.nextGaussian();
            kpi[i] = x1[i] + 0.012 * x2[i] + random.nextGaussian();
        }
        TimeFrame f = TimeFrame.builder(time).column("kpi", kpi).column("x1", x1).column("x2", x2).column("x3", x3).build();
        NormalBehaviorSettings settings = noKpiLags(-1).withFeatures(List.of("Intercept", "Identity"));
        NormalBehaviorModel m = fit(f, List.of("x1", "x2", "x3"), RowSet.all(n), settings);
        NormalBehaviorSummary.Model model = m.summary().models().get(0);
        assertThat(model.terms()).extracting(NormalBehaviorSummary.Term::label).containsExactlyInAnyOrder("x1(t)", "x2(t)");
        assertThat(beta(model, "x2(t)")).isCloseTo(0.012, within(0.005));
        assertThat(log.entries()).extracting(LogEntry::message).anyMatch(s -> s.startsWith("Selecting terms on a sample of ")
                && s.contains("of the 600,000 in-sample rows"));
    }

    @Test
    void theAutomaticComplexityIsLoggedWithItsReason() {
        GeneratedData g = KpiDataGenerator.create().rows(3000).seed(2).generate();
        fit(g.frame(), allColumns(g), RowSet.all(3000), noKpiLags(-6));
        assertThat(log.entries()).filteredOn(e -> e.messageType() == MessageType.Info).extracting(LogEntry::message)
                .contains("Parameter maxModelComplexity is set to 50. Reason: the automatic rule min(50, max(5, ⌊√N⌋)) for a "
                        + "model fitted on N in-sample rows, with N = 3000.");
        JobLog daily = new JobLog();
        GeneratedData d = KpiDataGenerator.create().rows(96 * 90).period(Duration.ofMinutes(15)).seed(5).dailyAmplitude(6)
                .noise(0.3).generate();
        NormalBehaviorSettings s = NormalBehaviorSettings.DEFAULT.withDailyCycle(AutoBoolean.TRUE);
        new SparseRegression().fit(new NormalBehaviorProblem(d.frame(), "kpi", allColumns(d), null, RowSet.all(96 * 90), s,
                s.features().stream().map(REGISTRY::feature).toList(), daily));
        assertThat(daily.entries()).extracting(LogEntry::message).contains("Parameter maxModelComplexity is set to 9 for the 96 "
                + "time-of-day models. Reason: the automatic rule min(50, max(5, ⌊√N⌋)) for a model fitted on N in-sample rows, "
                + "with N from 90 to 90.");
        // a set value is the user's, not a decision
        JobLog set = new JobLog();
        NormalBehaviorSettings fixed = noKpiLags(-6).withMaxModelComplexity(OptionalInt.of(4));
        new SparseRegression().fit(new NormalBehaviorProblem(g.frame(), "kpi", allColumns(g), null, RowSet.all(3000), fixed,
                fixed.features().stream().map(REGISTRY::feature).toList(), set));
        assertThat(set.entries()).extracting(LogEntry::message).noneMatch(m -> m.contains("maxModelComplexity"));
    }

    @Test
    void anOffsetLimitOfZeroUsesOnlyCurrentValues() {
        GeneratedData g = KpiDataGenerator.create().rows(3000).seed(4).lag(5).generate();
        NormalBehaviorSettings zero = NormalBehaviorSettings.DEFAULT.withDailyCycle(AutoBoolean.FALSE)
                .withOffsetLimit(OptionalInt.of(0));
        NormalBehaviorModel m = fit(g.frame(), allColumns(g), RowSet.all(3000), zero);
        assertThat(m.inputs()).doesNotContain("kpi");
        assertThat(m.summary().models().get(0).terms()).extracting(NormalBehaviorSummary.Term::label)
                .isNotEmpty().noneMatch(l -> l.matches(".*\\(t-\\d+.*"));
        assertThat(log.entries()).extracting(LogEntry::message).anyMatch(s -> s.startsWith("Offset limit is 0: features use only "
                + "current values"));
        assertThatThrownBy(() -> zero.withUseKPIoffsets(AutoBoolean.TRUE)).isInstanceOf(VigilException.class)
                .hasMessageContaining("offsetLimit 0 allows only current values").hasMessageContaining("-100000");
    }

    @Test
    void withoutTheModelNormalBehaviourIsZero() {
        GeneratedData g = KpiDataGenerator.create().rows(300).seed(2).generate();
        NormalBehaviorSettings off = new NormalBehaviorSettings(false, true, OptionalInt.empty(), List.of(), AutoBoolean.AUTO,
                AutoBoolean.AUTO, true, OptionalInt.empty());
        NormalBehaviorModel m = fit(g.frame(), allColumns(g), RowSet.all(300), off);
        assertThat(predict(m, g.frame())[0]).containsOnly(0.0);
    }
}
