package dev.vigil.core.detection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.core.plugin.PluginRegistry;
import dev.vigil.spi.FeatureGenerator;
import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.spi.settings.AnomalousBehaviorSettings;
import dev.vigil.spi.settings.AutoBoolean;
import dev.vigil.spi.settings.Configuration;
import dev.vigil.spi.settings.DomainSpecific;
import dev.vigil.spi.settings.NormalBehaviorSettings;
import dev.vigil.spi.settings.RebuildType;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link DetectionModel#rebuildModel} gives the model {@link DetectionModel#rebuild} gives, to the bit,
 * for every rebuild type: it only leaves out applying the model to the rows.
 */
class RebuildModelTest {
    /** kpi = 3 + 2·a + noise, every minute, a spike on every 37th row; rows from {@code first}. */
    private static TimeFrame rows(int first, int count) {
        Random r = new Random(7);
        long[] t = new long[count];
        double[] kpi = new double[count];
        double[] a = new double[count];
        for (int i = 0; i < first + count; i++) {
            double ai = r.nextGaussian();
            double k = 3 + 2 * ai + 0.3 * r.nextGaussian() + (i % 37 == 5 ? 5 + 20 * r.nextDouble() : 0) + (i > 900 ? 2 : 0);
            if (i >= first) {
                t[i - first] = i * 60_000L;
                kpi[i - first] = k;
                a[i - first] = ai;
            }
        }
        return TimeFrame.builder(t).column("kpi", kpi).column("a", a).source("rows.csv").build();
    }

    private static AnomalyDetector detector() {
        return AnomalyDetector.builder()
                .configuration(new Configuration(List.of(DomainSpecific.fixed("Raw", 3)), NormalBehaviorSettings.DEFAULT,
                        AnomalousBehaviorSettings.DEFAULT))
                .perspectives(new AnomalyDetectorTest.Raw())
                .features(List.of(new AnomalyDetectorTest.Current()))
                .normalBehavior(NormalBehaviorSettings.DEFAULT.withFeatures(List.of("Current", "Intercept"))
                        .withUseKPIoffsets(AutoBoolean.FALSE))
                .registry(PluginRegistry.empty().with(FeatureGenerator.class, new AnomalyDetectorTest.Current())
                        .with(FeatureGenerator.class, new AnomalyDetectorTest.Intercept()))
                .build();
    }

    @ParameterizedTest
    @EnumSource(RebuildType.class)
    void theModelAloneIsTheModelOfTheFullRebuild(RebuildType type) {
        DetectionModel built = detector().build(rows(0, 600)).model();
        TimeFrame later = rows(300, 700);

        DetectionModel full = built.rebuild(later, type, null, null, ProgressListener.NONE).model();
        DetectionModel alone = built.rebuildModel(later, type, null, null);

        assertThat(alone.state()).isEqualTo(full.state());
        assertThat(alone.state()).isNotEqualTo(built.state()); // the rebuild did change something
        TimeFrame next = rows(1000, 200);
        TimeFrame a = alone.detect(next, null).table();
        TimeFrame f = full.detect(next, null).table();
        assertThat(a.columnNames()).isEqualTo(f.columnNames());
        for (String c : f.columnNames()) {
            assertThat(Arrays.equals(a.values(c), f.values(c))).as(c).isTrue();
        }
    }
}
