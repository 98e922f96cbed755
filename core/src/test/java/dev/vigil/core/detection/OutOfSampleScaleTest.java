package dev.vigil.core.detection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.core.plugin.PluginRegistry;
import dev.vigil.spi.FeatureGenerator;
import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.spi.log.LogEntry;
import dev.vigil.spi.settings.AnomalousBehaviorSettings;
import dev.vigil.spi.settings.AutoBoolean;
import dev.vigil.spi.settings.Configuration;
import dev.vigil.spi.settings.DomainSpecific;
import dev.vigil.spi.settings.NormalBehaviorSettings;
import dev.vigil.spi.settings.RowSelection;
import dev.vigil.spi.settings.RowUnit;
import java.util.List;
import java.util.OptionalInt;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The out-of-sample scale: measured on later fit rows by a model fitted on the earlier ones, so that a normal behaviour
 * that fits the noise of its own rows (many candidate columns, few rows) gets its in-sample residuals widened before the
 * anomalous behaviour is fitted, and a well-specified one does not; only where the sensitivity is detected. Uses the minimal plugins of {@link AnomalyDetectorTest}.
 */
class OutOfSampleScaleTest {
    /** kpi = 3 + 2·a + noise, every minute, with {@code junk} columns of pure noise the KPI ignores. */
    private static TimeFrame data(int rows, int junk, long seed) {
        Random r = new Random(seed);
        long[] t = new long[rows];
        double[] kpi = new double[rows];
        double[] a = new double[rows];
        double[][] j = new double[junk][rows];
        for (int i = 0; i < rows; i++) {
            t[i] = i * 60_000L;
            a[i] = r.nextGaussian();
            for (double[] c : j) {
                c[i] = r.nextGaussian();
            }
            kpi[i] = 3 + 2 * a[i] + r.nextGaussian();
        }
        TimeFrame.Builder b = TimeFrame.builder(t).column("kpi", kpi).column("a", a).source("junk.csv");
        for (int k = 0; k < junk; k++) {
            b.column("j" + k, j[k]);
        }
        return b.build();
    }

    private static BuildResult build(TimeFrame frame, int inSample) {
        return build(frame, inSample, DomainSpecific.auto("Raw"));
    }

    private static BuildResult build(TimeFrame frame, int inSample, DomainSpecific raw) {
        return AnomalyDetector.builder()
                .configuration(new Configuration(List.of(raw), NormalBehaviorSettings.DEFAULT,
                        AnomalousBehaviorSettings.DEFAULT))
                .perspectives(new AnomalyDetectorTest.Raw())
                .features(List.of(new AnomalyDetectorTest.Current()))
                .normalBehavior(NormalBehaviorSettings.DEFAULT.withFeatures(List.of("Current", "Intercept"))
                        .withUseKPIoffsets(AutoBoolean.FALSE).withMaxModelComplexity(OptionalInt.of(40)))
                .registry(PluginRegistry.empty().with(FeatureGenerator.class, new AnomalyDetectorTest.Current())
                        .with(FeatureGenerator.class, new AnomalyDetectorTest.Intercept()))
                .rows(RowSelection.first(inSample, RowUnit.Sample)).build().build(frame);
    }

    private static String scaleLine(BuildResult built) {
        return built.inSample().logs().stream().map(LogEntry::message).filter(m -> m.startsWith("Out-of-sample scale")).findFirst()
                .orElseThrow();
    }

    @Test
    void aModelThatFitsItsOwnNoiseHasItsResidualsWidened() {
        // 200 rows, 600 junk columns: forward selection finds junk that fits the noise of these rows and of no others
        TimeFrame frame = data(3200, 600, 7);
        BuildResult built = build(frame, 200);
        String line = scaleLine(built);
        assertThat(line).contains("the anomalous behaviour is fitted on the in-sample residuals widened by");
        double scale = Double.parseDouble(line.replaceAll(".*widened by ([0-9.]+)\\.$", "$1"));
        assertThat(scale).isGreaterThan(1.1);
    }

    @Test
    void aWellSpecifiedModelKeepsItsResidualsNearlyAsTheyAre() {
        TimeFrame frame = data(4000, 0, 8);
        BuildResult built = build(frame, 2000);
        String line = scaleLine(built);
        assertThat(line).startsWith("Out-of-sample scale: a normal behaviour fitted on the first 75 % of the fit rows");
        double ratio = Double.parseDouble(line.replaceAll(".*residuals ([0-9.]+) times as wide.*", "$1"));
        assertThat(ratio).isBetween(0.95, 1.05);
    }

    @Test
    void aGivenSensitivityKeepsItsInSampleMeaningAndIsNotChecked() {
        BuildResult built = build(data(3200, 600, 7), 200, DomainSpecific.fixed("Raw", 2));
        assertThat(built.inSample().logs()).extracting(LogEntry::message).noneMatch(m -> m.startsWith("Out-of-sample scale"));
    }

    @Test
    void tooFewFitRowsAreNotMeasured() {
        BuildResult built = build(data(400, 0, 9), 100);
        assertThat(scaleLine(built)).isEqualTo("Out-of-sample scale: not measured (too few in-sample rows); the in-sample residuals are used "
                + "as they are.");
    }
}
