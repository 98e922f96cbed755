package dev.vigil.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SystemDataGeneratorTest {

    @Test
    void theSameSeedGivesTheSameMachineAndAnotherSeedAnother() {
        SystemData a = SystemDataGenerator.create().seed(3).generate();
        SystemData b = SystemDataGenerator.create().seed(3).generate();
        SystemData c = SystemDataGenerator.create().seed(4).generate();
        assertThat(a.frame().values("s01")).isEqualTo(b.frame().values("s01"));
        assertThat(a.events()).isEqualTo(b.events());
        assertThat(a.frame().values("s01")).isNotEqualTo(c.frame().values("s01"));
    }

    @Test
    void faultsComeAfterTheTrainingRowsLabelledWithTheirSignal() {
        SystemData d = SystemDataGenerator.create().faultsPerKind(2).modeChanges(2).seed(8).generate();
        assertThat(d.signals()).hasSize(12);
        Map<SystemFault.Kind, Long> kinds = d.events().stream().collect(Collectors.groupingBy(SystemFault::kind, Collectors.counting()));
        assertThat(kinds).containsOnlyKeys(SystemFault.Kind.values()).allSatisfy((k, n) -> assertThat(n).isEqualTo(2));
        double[] label = d.frame().values(d.label());
        boolean[] labels = d.labels();
        for (int r = 0; r < label.length; r++) {
            assertThat(label[r] == 1).isEqualTo(labels[r]);
        }
        for (SystemFault f : d.events()) {
            assertThat(f.start()).isGreaterThan(d.training().last());
            assertThat(f.anomalous()).isEqualTo(f.signal() != null);
            if (f.anomalous()) {
                assertThat(d.signals()).contains(f.signal());
                assertThat(label[f.start()]).isEqualTo(1);
            } else {
                assertThat(label[f.start()]).as("a change of operating mode is normal").isZero();
            }
        }
        assertThat(Arrays.stream(label, 0, d.training().last() + 1).sum()).as("the training rows are clean").isZero();
    }

    @Test
    void aStuckSensorFreezesAndASpikeStandsOut() {
        SystemData d = SystemDataGenerator.create().seed(12).generate();
        Function<SystemFault.Kind, SystemFault> first = k -> d.faults().stream().filter(f -> f.kind() == k).findFirst().orElseThrow();
        SystemFault stuck = first.apply(SystemFault.Kind.STUCK_SENSOR);
        double[] v = d.frame().values(stuck.signal());
        for (int r = stuck.start(); r < stuck.end(); r++) {
            assertThat(v[r]).isEqualTo(v[stuck.start()]);
        }
        SystemFault spike = first.apply(SystemFault.Kind.SPIKE);
        double[] s = d.frame().values(spike.signal());
        double mean = Arrays.stream(s, 0, d.training().last()).average().orElseThrow();
        double sd = Math.sqrt(Arrays.stream(s, 0, d.training().last()).map(x -> (x - mean) * (x - mean)).average().orElseThrow());
        assertThat(Math.abs(s[spike.start()] - s[spike.start() - 1])).isGreaterThan(3 * sd);
    }

    @Test
    void tooManyEventsForTheRowsAreRefused() {
        assertThatThrownBy(() -> SystemDataGenerator.create().rows(1_000).faultsPerKind(5).generate())
                .hasMessageContaining("cannot hold");
    }
}
