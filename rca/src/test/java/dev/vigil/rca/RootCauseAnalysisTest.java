package dev.vigil.rca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.vigil.core.detection.AnomalyDetector;
import dev.vigil.core.detection.BuildResult;
import dev.vigil.core.detection.DetectionModel;
import dev.vigil.core.detection.DetectionResult;
import dev.vigil.io.csv.CsvReader;
import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.spi.log.JobLog;
import dev.vigil.spi.settings.AnomalousBehaviorSettings;
import dev.vigil.spi.settings.AutoBoolean;
import dev.vigil.spi.settings.Configuration;
import dev.vigil.spi.settings.NormalBehaviorSettings;
import dev.vigil.spi.settings.RowSelection;
import dev.vigil.spi.settings.RowUnit;
import dev.vigil.testing.GeneratedData;
import dev.vigil.testing.InjectedAnomaly;
import dev.vigil.testing.KpiDataGenerator;
import dev.vigil.testing.ProductionLineGenerator;
import dev.vigil.testing.SharedData;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RootCauseAnalysisTest {
    /**
     * Contributions add up to the normal behaviour, and departures to its departure, on every row:
     * {@code |Σ contributions − nb| ≤ 1e-9·max(1, |nb|)}, and likewise for the departures against
     * {@code diff_normal_behavior}. The floor of 1 is needed because the contributions can be far larger
     * than their sum and cancel: on TIM's production line they reach ±9,400 while the normal behaviour
     * stays below 10 and comes within 2e-4 of 0, and departures of up to 46 add up to departures as small
     * as 2e-6. The rounding error of the sum scales with the contributions, not with the sum, so a purely
     * relative bound would fail on rows whose sum is near 0.
     */
    private static void sumsHold(TimeFrame table, List<String> contributors) {
        double[] nb = table.values("normal_behavior");
        double[] diff = table.values("diff_normal_behavior");
        int checked = 0;
        for (int r = 0; r < table.rows(); r++) {
            if (!Double.isFinite(nb[r])) {
                continue;
            }
            double sum = 0;
            double sumDiff = 0;
            for (String c : contributors) {
                sum += table.column("_" + c).get(r);
                sumDiff += table.column("_diff_" + c).get(r);
            }
            assertThat(sum).as("row %d", r).isCloseTo(nb[r], within(1e-9 * Math.max(1, Math.abs(nb[r]))));
            assertThat(sumDiff).as("row %d", r).isCloseTo(diff[r], within(1e-9 * Math.max(1, Math.abs(diff[r]))));
            checked++;
        }
        assertThat(checked).isGreaterThan(table.rows() / 2);
    }

    @Test
    void contributionsAddUpOnEveryRowOfTheProductionLineDemoData() {
        TimeFrame line = ProductionLineGenerator.create().generate().unlabelled();
        DetectionModel model = AnomalyDetector.builder().kpi("Output").rows(RowSelection.first(9600, RowUnit.Sample)).build()
                .build(line).model();
        Decomposition d = RootCauseAnalysis.of(model).decompose(line, RowSelection.all());
        TimeFrame table = d.table();
        assertThat(table.rows()).isEqualTo(14_400);
        assertThat(table.columnNames()).startsWith("model_index", "kpi", "normal_behavior", "diff_normal_behavior")
                .contains("_intercept", "_M2_MaterialPressure", "_diff_M2_MaterialPressure");
        sumsHold(table, d.contributors());
    }

    @Test
    void contributionsAddUpOnEveryRowOfTheTimProductionLine() {
        Path file = SharedData.require("datasets/tim/production_line.csv");
        TimeFrame raw = CsvReader.read(file, new JobLog());
        // without lags of the KPI, which the default build would pick alone, the influencers carry the model
        DetectionModel model = AnomalyDetector.builder().kpi("Output").rows(RowSelection.first(9392, RowUnit.Sample))
                .normalBehavior(NormalBehaviorSettings.DEFAULT.withUseKPIoffsets(AutoBoolean.FALSE)).build().build(raw).model();
        Decomposition d = RootCauseAnalysis.of(model).decompose(raw, RowSelection.all());
        List<String> influencers = d.contributors().stream().filter(raw::hasColumn).toList();
        assertThat(influencers).doesNotContain("Output").hasSizeGreaterThan(5);
        assertThat(model.normalBehavior().summary().models().stream().flatMap(m -> m.terms().stream()))
                .as("terms of several influencers, whose contribution is shared out").anyMatch(t -> t.predictors().size() > 1);
        sumsHold(d.table(), d.contributors());
    }

    @Test
    void dailyCycleModelsDecomposeToo() {
        GeneratedData g = KpiDataGenerator.create().rows(96 * 75).period(Duration.ofMinutes(15)).seed(5).dailyAmplitude(6).noise(0.3)
                .generate();
        DetectionModel model = AnomalyDetector.builder().kpi("kpi").build().build(g.unlabelled()).model();
        assertThat(model.normalBehavior().summary().models()).hasSize(96);
        Decomposition d = RootCauseAnalysis.of(model).decompose(g.unlabelled(), RowSelection.all());
        sumsHold(d.table(), d.contributors());
    }

    @Test
    void theNestedModelsAreTheLeastSquaresFitsOfTheFirstTerms() {
        GeneratedData g = KpiDataGenerator.create().rows(4000).seed(2).generate();
        Configuration noSecondPass = Configuration.DEFAULT.withAnomalousBehaviorModel(AnomalousBehaviorSettings.DEFAULT.withSecondPass(false))
                .withNormalBehaviorModel(NormalBehaviorSettings.DEFAULT.withUseKPIoffsets(AutoBoolean.FALSE)
                        .withOffsetLimit(OptionalInt.of(-6)).withFeatures(List.of("Identity", "TimeOffsets", "Intercept")));
        BuildResult built = AnomalyDetector.builder().kpi("kpi").configuration(noSecondPass).build().build(g.unlabelled());
        TermView view = RootCauseAnalysis.of(built.model()).terms(g.unlabelled(), RowSelection.all(), 1, null, null);
        TimeFrame t = view.table();
        int p = view.labels().size() - 1;
        assertThat(p).isGreaterThanOrEqualTo(2);
        assertThat(view.labels().get(p)).isEqualTo("intercept");
        assertThat(t.columnNames()).contains("term_1", "term_" + (p + 1), "yhat_1", "yhat_" + p).doesNotContain("yhat_" + (p + 1));
        // yhat_p is the normal behaviour; the terms add up to it
        double[] nb = built.model().detect(g.unlabelled(), RowSelection.all()).table().values("normal_behavior");
        double[] yhat = t.values("yhat_" + p);
        for (int r = 0; r < t.rows(); r++) {
            if (Double.isFinite(nb[r])) {
                assertThat(yhat[r]).isCloseTo(nb[r], within(1e-9 * Math.max(1, Math.abs(nb[r]))));
                double sum = 0;
                for (int k = 1; k <= p + 1; k++) {
                    sum += t.column("term_" + k).get(r);
                }
                assertThat(sum).isCloseTo(nb[r], within(1e-9 * Math.max(1, Math.abs(nb[r]))));
            }
        }
        // yhat_1 is the straight-line fit of the KPI on the first term over the rows the model was fitted on
        double[] kpi = g.frame().values("kpi");
        double[] f1 = t.values("term_1");
        double mx = 0;
        double my = 0;
        int n = 0;
        for (int r = 0; r < t.rows(); r++) {
            if (Double.isFinite(nb[r])) {
                mx += f1[r];
                my += kpi[r];
                n++;
            }
        }
        mx /= n;
        my /= n;
        double sxy = 0;
        double sxx = 0;
        for (int r = 0; r < t.rows(); r++) {
            if (Double.isFinite(nb[r])) {
                sxy += (f1[r] - mx) * (kpi[r] - my);
                sxx += (f1[r] - mx) * (f1[r] - mx);
            }
        }
        double slope = sxy / sxx;
        double[] yhat1 = t.values("yhat_1");
        for (int r = 0; r < t.rows(); r += 97) {
            if (Double.isFinite(nb[r])) {
                assertThat(yhat1[r]).isCloseTo(my + slope * (f1[r] - mx), within(1e-9 * Math.max(1, Math.abs(my))));
            }
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {8, 9, 10})
    void theRankingByContributionSpreadIsTheTrueOne(long seed) {
        GeneratedData g = KpiDataGenerator.create().rows(6000).seed(seed).influencers(3).distractors(2).generate();
        DetectionModel model = AnomalyDetector.builder().kpi("kpi").normalBehavior(NormalBehaviorSettings.DEFAULT
                .withOffsetLimit(OptionalInt.of(-8))).build().build(g.unlabelled()).model();
        List<Spread> ranking = RootCauseAnalysis.of(model).decompose(g.unlabelled(), RowSelection.all()).ranking();
        List<String> influencers = ranking.stream().map(Spread::contributor).filter(g.influencers()::contains).toList();
        List<String> truth = g.contributionSd().entrySet().stream()
                .sorted(java.util.Map.Entry.<String, Double>comparingByValue().reversed()).map(java.util.Map.Entry::getKey).toList();
        assertThat(influencers).isEqualTo(truth);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {4, 5, 6})
    void aFaultyInfluencerRanksFirstAmongTheCauses(long seed) {
        KpiDataGenerator generator = KpiDataGenerator.create().rows(8000).seed(seed).anomalies(0, 0, 0, 1).sizes(8, 4)
                .anomaliesBetween(2.0 / 3, 1);
        GeneratedData g = generator.generate();
        String faulty = g.influencers().get(generator.faultyInfluencer());
        DetectionModel model = AnomalyDetector.builder().kpi("kpi").rows(RowSelection.first(5300, RowUnit.Sample)).build()
                .build(g.unlabelled()).model();
        Decomposition d = RootCauseAnalysis.of(model).decompose(g.unlabelled(), RowSelection.all());
        InjectedAnomaly fault = g.anomalies().get(0);
        int peak = (fault.start() + fault.end()) / 2;
        RowCauses causes = d.causes(g.frame().instant(peak));
        assertThat(causes.causes().get(0).contributor()).isEqualTo(faulty);
        // No bound on its share: a departure is measured from the in-sample mean, so the other contributors' ordinary
        // departures at that moment (the daily cycle, x1's slow wander) are of the fault's order. At the fault's peak
        // x3's share is 0.65, 0.50 and 0.41 on seeds 4, 5 and 6, the largest each time.
        assertThat(causes.causes().stream().mapToDouble(Cause::share).sum()).isCloseTo(1, within(1e-9));
        assertThat(causes.causes().stream().mapToDouble(Cause::departure).sum())
                .isCloseTo(causes.normalBehavior() - causes.typicalNormalBehavior(), within(1e-9));
    }

    @Test
    void causesOfTheAnomalyList() {
        GeneratedData g = KpiDataGenerator.create().rows(6000).seed(9).anomalies(3, 1, 0, 0).anomaliesBetween(2.0 / 3, 1).generate();
        DetectionModel model = AnomalyDetector.builder().kpi("kpi").rows(RowSelection.first(4000, RowUnit.Sample)).build()
                .build(g.unlabelled()).model();
        DetectionResult found = model.detect(g.unlabelled());
        List<RowCauses> causes = RootCauseAnalysis.of(model).decompose(g.unlabelled(), null).causesOf(found.anomalies());
        assertThat(causes).hasSameSizeAs(found.anomalies()).isNotEmpty();
        assertThat(causes.get(0).timestamp()).isEqualTo(found.anomalies().get(0).timestamp());
    }

    @Test
    void importanceTablesAsTimsPostProcessing() {
        GeneratedData g = KpiDataGenerator.create().rows(3000).seed(1).generate();
        DetectionModel model = AnomalyDetector.builder().kpi("kpi").build().build(g.unlabelled()).model();
        Importances i = RootCauseAnalysis.of(model).importances();
        assertThat(i.properties().stream().mapToDouble(dev.vigil.spi.NormalBehaviorSummary.PredictorImportance::relImportance).sum()).isCloseTo(1, within(1e-9));
        assertThat(i.properties().get(0).importance()).isGreaterThanOrEqualTo(i.properties().get(i.properties().size() - 1).importance());
        int terms = model.normalBehavior().summary().models().get(0).terms().size();
        assertThat(i.features()).hasSize(terms);
        assertThat(i.features().get(0).term()).isEqualTo(1);
        assertThat(i.features().stream().mapToDouble(Importances.FeatureImportance::importance).sum()).isCloseTo(100, within(1e-6));
    }
}
