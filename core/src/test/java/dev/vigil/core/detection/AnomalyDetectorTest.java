package dev.vigil.core.detection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.vigil.core.plugin.PluginRegistry;
import dev.vigil.spi.DetectionPerspective;
import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.Feature;
import dev.vigil.spi.FeatureContext;
import dev.vigil.spi.FeatureGenerator;
import dev.vigil.spi.FeatureSpec;
import dev.vigil.spi.PerspectiveWindow;
import dev.vigil.spi.VigilException;
import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.spi.log.LogEntry;
import dev.vigil.spi.settings.AutoBoolean;
import dev.vigil.spi.settings.NormalBehaviorSettings;
import dev.vigil.spi.settings.RowSelection;
import dev.vigil.spi.settings.RowUnit;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The build/detect jobs, with a minimal feature generator so core can be tested on its own. */
class AnomalyDetectorTest {
    /** x(t) of each influencer. */
    static final class Current implements FeatureGenerator {
        @Override
        public String name() {
            return "Current";
        }

        @Override
        public List<Feature> candidates(FeatureContext context) {
            return context.influencers().stream().map(Current::of).toList();
        }

        @Override
        public Feature restore(FeatureSpec spec) {
            return of(spec.requirePredictor());
        }

        static Feature of(String x) {
            return new Feature() {
                @Override
                public String label() {
                    return x + "(t)";
                }

                @Override
                public List<String> influencers() {
                    return List.of(x);
                }

                @Override
                public int history() {
                    return 0;
                }

                @Override
                public List<FeatureSpec> parts() {
                    return List.of(new FeatureSpec("Current", x, Map.of()));
                }

                @Override
                public void evaluate(TimeFrame frame, double[] out) {
                    frame.column(x).copyTo(0, out, 0, frame.rows());
                }
            };
        }
    }

    /** kpi = 3 + 2·a + noise, b unrelated, rows every minute; columns in the order given. */
    static TimeFrame data(int rows, long seed) {
        Random r = new Random(seed);
        long[] t = new long[rows];
        double[] kpi = new double[rows];
        double[] a = new double[rows];
        double[] b = new double[rows];
        for (int i = 0; i < rows; i++) {
            t[i] = i * 60_000L;
            a[i] = r.nextGaussian();
            b[i] = r.nextGaussian();
            kpi[i] = 3 + 2 * a[i] + 0.1 * r.nextGaussian();
        }
        return TimeFrame.builder(t).column("kpi", kpi).column("a", a).column("b", b).source("test.csv").build();
    }

    /** v = r: a pointwise perspective. */
    static final class Raw implements DetectionPerspective {
        @Override
        public String name() {
            return "Raw";
        }

        @Override
        public PerspectiveWindow defaultWindow(Duration samplingPeriod) {
            return PerspectiveWindow.of(1);
        }

        @Override
        public void transform(double[] residuals, PerspectiveWindow window, double[] out) {
            System.arraycopy(residuals, 0, out, 0, residuals.length);
        }
    }

    private static AnomalyDetector.Builder detector() {
        return AnomalyDetector.builder()
                .perspectives(new Raw())
                .features(List.of(new Current()))
                .normalBehavior(NormalBehaviorSettings.DEFAULT.withFeatures(List.of("Current", "Intercept"))
                        .withUseKPIoffsets(AutoBoolean.FALSE))
                .registry(PluginRegistry.empty().with(FeatureGenerator.class, new Current())
                        .with(FeatureGenerator.class, new Intercept()));
    }

    /** Stands in for the features module's Intercept (which proposes nothing). */
    static final class Intercept implements FeatureGenerator {
        @Override
        public String name() {
            return "Intercept";
        }

        @Override
        public List<Feature> candidates(FeatureContext context) {
            return List.of();
        }

        @Override
        public Feature restore(FeatureSpec spec) {
            throw new UnsupportedOperationException();
        }
    }

    @Test
    void buildsOnTheInSampleRowsAndReportsThem() {
        BuildResult built = detector().rows(RowSelection.first(600, RowUnit.Sample)).build().build(data(1000, 1));
        TimeFrame table = built.inSample().table();
        assertThat(table.columnNames()).containsExactly("model_index", "kpi", "normal_behavior", "anomaly_code", "anomaly_indicator_raw");
        assertThat(table.rows()).isEqualTo(600);
        assertThat(built.model().kpi()).isEqualTo("kpi");
        assertThat(built.model().requiredColumns()).containsExactly("kpi", "a");
        assertThat(built.model().samplingPeriod()).isEqualTo(Duration.ofMinutes(1));
        assertThat(built.model().inSampleTo().toEpochMilli()).isEqualTo(599 * 60_000L);
        double[] kpi = table.values("kpi");
        double[] nb = table.values("normal_behavior");
        double ss = 0;
        for (int i = 0; i < kpi.length; i++) {
            ss += (kpi[i] - nb[i]) * (kpi[i] - nb[i]);
        }
        assertThat(Math.sqrt(ss / kpi.length)).isCloseTo(0.1, within(0.01));
        assertThat(table.column("model_index").toArray()).containsOnly(1.0);
        assertThat(built.inSample().logs()).extracting(LogEntry::message)
                .startsWith("Detection job, type: model building, approach: kpi-driven.")
                .contains("Validation successful.", "Building the normal behavior model.", "Creating anomaly detection results.")
                .contains("KPIColumn is not set; using the first column, 'kpi'.");
    }

    @Test
    void detectsAfterTheInSampleRowsByDefaultWithoutRefitting() {
        TimeFrame frame = data(1000, 2);
        BuildResult built = detector().rows(RowSelection.first(600, RowUnit.Sample)).build().build(frame);
        DetectionResult found = built.model().detect(frame);
        assertThat(found.rows()).isEqualTo(400);
        assertThat(found.table().time(0)).isEqualTo(600 * 60_000L);
        DetectionResult last = built.model().detect(frame, RowSelection.last(100, RowUnit.Sample));
        assertThat(last.rows()).isEqualTo(100);
        // the same rows give the same normal behaviour whether built or detected
        DetectionResult again = built.model().detect(frame, RowSelection.first(600, RowUnit.Sample));
        assertThat(again.table().values("normal_behavior")).containsExactly(built.inSample().table().values("normal_behavior"));
        assertThat(found.logs()).extracting(LogEntry::message).contains("Applying model for detection.");
    }

    @Test
    void rowsWithoutAKpiValueAreLeftOutOfTheResultsAndSaidSo() {
        TimeFrame full = data(1000, 6);
        double[] kpi = full.values("kpi").clone();
        for (int r = 700; r < 710; r++) {
            kpi[r] = Double.NaN;
        }
        TimeFrame frame = TimeFrame.builder(full.times()).column("kpi", kpi).column("a", full.values("a")).column("b", full.values("b"))
                .source("test.csv").build();
        BuildResult built = detector().rows(RowSelection.first(600, RowUnit.Sample)).build().build(frame);
        DetectionResult found = built.model().detect(frame);
        assertThat(found.rows()).isEqualTo(390);
        assertThat(found.logs()).extracting(LogEntry::message).contains("Left 10 of 400 rows out of the results: they have no value of "
                + "kpi (missing in the data, or a gap in time), so there is no residual to judge.");
        assertThat(built.inSample().logs()).extracting(LogEntry::message).noneMatch(m -> m.startsWith("Left "));
    }

    @Test
    void excludedColumnsAreNotUsedAndMustExist() {
        BuildResult built = detector().exclude(List.of("a")).build().build(data(500, 3));
        assertThat(built.model().requiredColumns()).doesNotContain("a");
        assertThatThrownBy(() -> detector().exclude(List.of("c")).build().build(data(500, 3)))
                .isInstanceOfSatisfying(VigilException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_COLUMN))
                .hasMessage("test.csv has no column to exclude 'c'; columns: a, b, kpi");
    }

    @Test
    void aColumnOfKnownAnomaliesUsedAsAnInfluencerIsWarnedAbout() {
        TimeFrame base = data(500, 3);
        double[] zeroOne = new double[500];
        double[] counts = new double[500];
        for (int i = 0; i < 500; i++) {
            zeroOne[i] = i % 50 == 0 ? 1 : 0;
            counts[i] = i % 3;
        }
        java.util.function.Function<BuildResult, List<String>> warnings = b -> b.inSample().logs().stream()
                .filter(e -> e.messageType() == dev.vigil.spi.log.MessageType.Warning).map(LogEntry::message).toList();
        assertThat(warnings.apply(detector().build().build(base.withColumn("Label", zeroOne))))
                .anySatisfy(m -> assertThat(m).startsWith("Column 'Label' holds only 0 and 1").contains("--label Label", "--exclude Label"));
        // named as the label, excluded, another name, or more than 0 and 1: no warning
        assertThat(warnings.apply(detector().label("Label").build().build(base.withColumn("Label", zeroOne)))).noneMatch(m -> m.contains("'Label'"));
        assertThat(warnings.apply(detector().exclude(List.of("Label")).build().build(base.withColumn("Label", zeroOne))))
                .noneMatch(m -> m.contains("'Label'"));
        assertThat(warnings.apply(detector().build().build(base.withColumn("valve", zeroOne)))).noneMatch(m -> m.contains("'valve'"));
        assertThat(warnings.apply(detector().build().build(base.withColumn("label", counts)))).noneMatch(m -> m.contains("'label'"));
    }

    @Test
    void aKpiThatDoesNotExistListsTheColumnsThatDo() {
        assertThatThrownBy(() -> detector().kpi("kpl").build().build(data(100, 4)))
                .isInstanceOfSatisfying(VigilException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_COLUMN))
                .hasMessage("test.csv has no KPI column 'kpl'; did you mean 'kpi'? columns: a, b, kpi");
    }

    @Test
    void aSelectionWithoutRowsIsRefused() {
        assertThatThrownBy(() -> detector().rows(RowSelection.ranges(List.of(new RowSelection.TimeRange(
                java.time.Instant.parse("2030-01-01T00:00:00Z"), java.time.Instant.parse("2030-01-02T00:00:00Z"))))).build().build(data(100, 5)))
                .isInstanceOfSatisfying(VigilException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INSUFFICIENT_DATA))
                .hasMessageContaining("picks no row of test.csv");
    }

    @Test
    void unknownPluginNamesFailWhenTheDetectorIsBuilt() {
        assertThatThrownBy(() -> detector().normalBehavior(NormalBehaviorSettings.DEFAULT.withFeatures(List.of("Curent"))).build())
                .isInstanceOfSatisfying(VigilException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_PLUGIN))
                .hasMessageContaining("Unknown feature 'Curent'; did you mean 'Current'?");
    }

    @Test
    void newDataMustHoldTheModelsColumnsAtItsSamplingPeriod() {
        BuildResult built = detector().build().build(data(300, 6));
        TimeFrame withoutA = data(300, 6).without(List.of("a"));
        assertThatThrownBy(() -> built.model().detect(withoutA))
                .isInstanceOfSatisfying(VigilException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_COLUMN))
                .hasMessage("test.csv lacks column a that the model uses; columns: kpi, b");
        TimeFrame hourly = TimeFrame.builder(new long[] {0, 3_600_000L, 7_200_000L}).column("kpi", new double[3])
                .column("a", new double[3]).source("hourly.csv").build();
        assertThatThrownBy(() -> built.model().detect(hourly))
                .isInstanceOfSatisfying(VigilException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_MODEL))
                .hasMessageContaining("hourly.csv is sampled every 1 hour but the model was built on data sampled every 1 minute");
    }

    @Test
    void aRestoredModelDetectsIdentically() {
        TimeFrame frame = data(800, 7);
        BuildResult built = detector().rows(RowSelection.first(500, RowUnit.Sample)).build().build(frame);
        PluginRegistry registry = PluginRegistry.load().with(FeatureGenerator.class, new Current())
                .with(DetectionPerspective.class, new Raw());
        DetectionModel restored = DetectionModel.restore(built.model().settings(), built.model().state(), registry);
        assertThat(restored.detect(frame).table().values("normal_behavior"))
                .containsExactly(built.model().detect(frame).table().values("normal_behavior"));
        assertThat(restored.inSampleFrom()).isEqualTo(built.model().inSampleFrom());
    }
}
