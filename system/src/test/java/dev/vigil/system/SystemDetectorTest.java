package dev.vigil.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.core.plugin.PluginRegistry;
import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.SystemProblem;
import dev.vigil.spi.VigilException;
import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.spi.log.JobLog;
import dev.vigil.system.models.Pca;
import dev.vigil.testing.SystemData;
import dev.vigil.testing.SystemDataGenerator;
import dev.vigil.testing.SystemFault;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SystemDetectorTest {
    private final PluginRegistry registry = PluginRegistry.load(getClass().getClassLoader());
    private final SystemData data = SystemDataGenerator.create().rows(4_000).signals(5).factors(2).faultsPerKind(1).modeChanges(1)
            .faultLength(60).seed(3).generate();

    private SystemDetector build() {
        return SystemDetector.build(new Pca(), new SystemProblem(data.unlabelled(), data.signals(), data.training(), Map.of(), 1, registry,
                new JobLog()), IndicatorCalibration.Settings.sensitivity(1));
    }

    @Test
    void settingsThatLeaveTheFenceToTheModelGetTheModelsPreferredFenceElseTheInnerOne() {
        SystemProblem p = new SystemProblem(data.unlabelled(), data.signals(), data.training(), Map.of(), 1, registry, new JobLog());
        IndicatorCalibration.Settings auto = IndicatorCalibration.Settings.DEFAULT;
        var crossRegression = registry.systemModel("cross-regression");
        assertThat(crossRegression.fit(p)).isInstanceOf(PreferredFence.class);
        assertThat(SystemDetector.build(crossRegression, p, auto).calibration())
                .isEqualTo(SystemDetector.build(crossRegression, p, auto.withFence(IndicatorCalibration.Settings.FAR_OUT)).calibration());
        assertThat(new Pca().fit(p)).isNotInstanceOf(PreferredFence.class);
        assertThat(SystemDetector.build(new Pca(), p, auto).calibration())
                .isEqualTo(SystemDetector.build(new Pca(), p, auto.withFence(IndicatorCalibration.Settings.INNER)).calibration())
                .isNotEqualTo(SystemDetector.build(new Pca(), p, auto.withFence(IndicatorCalibration.Settings.FAR_OUT)).calibration());
    }

    @Test
    void detectsWithSeverityAndContributionsOnTheAnomalousRows() {
        SystemDetection found = build().detect(data.unlabelled());
        int[] rows = found.anomalousRows();
        assertThat(rows).isNotEmpty();
        for (int i = 0; i < found.rows(); i++) {
            assertThat(found.severity()[i] > 0).as("severity is positive exactly on anomalous rows").isEqualTo(found.anomalous(i));
            assertThat(found.severity()[i]).isBetween(0.0, 1.0);
        }
        for (double[] share : found.contributions().shares()) {
            assertThat(java.util.Arrays.stream(share).sum()).isCloseTo(1, org.assertj.core.api.Assertions.within(1e-9));
        }
        // the spike: its one row is caught and its own signal drives it
        SystemFault spike = data.faults().stream().filter(f -> f.kind() == SystemFault.Kind.SPIKE).findFirst().orElseThrow();
        assertThat(found.anomalous(spike.start())).isTrue();
        int at = java.util.Arrays.binarySearch(rows, spike.start());
        double[] share = found.contributions().shares()[at];
        int top = 0;
        for (int j = 1; j < share.length; j++) {
            top = share[j] > share[top] ? j : top;
        }
        assertThat(found.signals().get(top)).isEqualTo(spike.signal());
        List<Contribution> two = found.top(spike.start(), 2);
        assertThat(two).hasSize(2);
        assertThat(two.get(0).signal()).isEqualTo(spike.signal());
        assertThat(two.get(0).share()).isGreaterThanOrEqualTo(two.get(1).share());
        int normal = 0;
        while (found.anomalous(normal)) {
            normal++;
        }
        int quiet = normal;
        assertThatThrownBy(() -> found.top(quiet, 3)).hasMessageContaining("not anomalous");
    }

    @Test
    void aSignalMissingAtDetectTimeIsNamedWithWhatTheModelNeeds() {
        SystemDetector d = build();
        TimeFrame without = data.unlabelled().without(List.of("s2")).withSource("pump.csv");
        assertThatThrownBy(() -> d.detect(without)).isInstanceOfSatisfying(VigilException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_COLUMN))
                .hasMessageContaining("pump.csv has no signal 's2'").hasMessageContaining("built on s1, s2, s3, s4, s5");
    }

    @Test
    void restoresFromItsStateDetectingTheSameBits() {
        SystemDetector d = build();
        SystemDetector again = SystemDetector.restore(d.state(), registry);
        assertThat(again.calibration()).isEqualTo(d.calibration());
        assertThat(again.detect(data.unlabelled()).indicator()).isEqualTo(d.detect(data.unlabelled()).indicator());
        Map<String, Object> unknown = new java.util.LinkedHashMap<>(d.state());
        unknown.put("factory", "pcaa");
        assertThatThrownBy(() -> SystemDetector.restore(unknown, registry)).hasMessageContaining("did you mean 'pca'");
    }
}
