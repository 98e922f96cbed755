package dev.vigil.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.vigil.spi.frame.TimeFrame;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class KpiDataGeneratorTest {
    private static KpiDataGenerator withAnomalies() {
        return KpiDataGenerator.create().rows(6000).seed(3).anomalies(5, 3, 2, 1).anomaliesBetween(0.5, 1);
    }

    @Test
    void sameSeedSameData() {
        TimeFrame a = withAnomalies().generate().frame();
        TimeFrame b = withAnomalies().generate().frame();
        assertThat(a.columnNames()).isEqualTo(b.columnNames());
        for (String c : a.columnNames()) {
            assertThat(a.column(c).toArray()).as(c).containsExactly(b.column(c).toArray());
        }
        TimeFrame other = withAnomalies().seed(4).generate().frame();
        assertThat(other.column("kpi").toArray()).isNotEqualTo(a.column("kpi").toArray());
    }

    @Test
    void columnsTimestampsAndTruth() {
        GeneratedData g = KpiDataGenerator.create().rows(500).period(Duration.ofSeconds(1)).influencers(4).distractors(3).generate();
        assertThat(g.frame().columnNames()).containsExactly("kpi", "x1", "x2", "x3", "x4", "noise1", "noise2", "noise3", "label");
        assertThat(g.frame().isRegular()).isTrue();
        assertThat(g.frame().samplingPeriodMillis()).isEqualTo(1000);
        assertThat(g.influencers()).containsExactly("x1", "x2", "x3", "x4");
        assertThat(g.distractors()).containsExactly("noise1", "noise2", "noise3");
        assertThat(g.contributionSd()).containsOnlyKeys("x1", "x2", "x3", "x4");
        assertThat(g.anomalies()).isEmpty();
        assertThat(g.unlabelled().columnNames()).doesNotContain("label");
    }

    @Test
    void anomaliesAreWhereAskedApartAndLabelled() {
        GeneratedData g = withAnomalies().generate();
        assertThat(g.anomalies()).hasSize(11);
        assertThat(g.anomalies()).extracting(InjectedAnomaly::kind).containsOnly(InjectedAnomaly.Kind.values());
        List<InjectedAnomaly> a = g.anomalies();
        for (int i = 0; i < a.size(); i++) {
            assertThat(a.get(i).start()).isGreaterThanOrEqualTo(3000);
            assertThat(a.get(i).end()).isLessThanOrEqualTo(6000);
            if (i > 0) {
                assertThat(a.get(i).start()).isGreaterThanOrEqualTo(a.get(i - 1).end() + 30);
            }
        }
        double[] label = g.frame().column("label").toArray();
        boolean[] truth = g.labels();
        int anomalous = 0;
        for (int r = 0; r < label.length; r++) {
            assertThat(label[r] == 1).isEqualTo(truth[r]);
            anomalous += truth[r] ? 1 : 0;
        }
        assertThat(anomalous).isEqualTo(a.stream().mapToInt(InjectedAnomaly::length).sum());
    }

    @Test
    void kpiFollowsTheDocumentedFormulaWithTheGivenNoise() {
        KpiDataGenerator gen = KpiDataGenerator.create().rows(20_000).seed(9).noise(0.3).dailyAmplitude(0).influencers(3).lag(5).emaWindow(8);
        GeneratedData g = gen.generate();
        TimeFrame f = g.frame();
        double[] kpi = f.column("kpi").toArray();
        double[] x1 = f.column("x1").toArray();
        double[] x2 = f.column("x2").toArray();
        double[] x3 = f.column("x3").toArray();
        double alpha = 2.0 / 9;
        double ema = x2[0];
        double ss = 0;
        int n = 0;
        for (int i = 0; i < kpi.length; i++) {
            ema = i == 0 ? x2[0] : alpha * x2[i] + (1 - alpha) * ema;
            if (i >= 5) {
                double residual = kpi[i] - (10 + 2 * x1[i - 5] + 1.5 * ema + x3[i]);
                ss += residual * residual;
                n++;
            }
        }
        assertThat(Math.sqrt(ss / n)).isCloseTo(0.3, within(0.01));
    }

    @Test
    void spikesAndShiftsHaveTheirSize() {
        GeneratedData clean = KpiDataGenerator.create().rows(4000).seed(5).generate();
        GeneratedData spiky = KpiDataGenerator.create().rows(4000).seed(5).anomalies(3, 2, 0, 0).sizes(10, 4).generate();
        double[] a = clean.frame().column("kpi").toArray();
        double[] b = spiky.frame().column("kpi").toArray();
        for (InjectedAnomaly an : spiky.anomalies()) {
            for (int r = an.start(); r < an.end(); r++) {
                assertThat(b[r] - a[r]).isCloseTo(an.magnitude() * 0.5, within(1e-9));
            }
            assertThat(Math.abs(an.magnitude())).isEqualTo(an.kind() == InjectedAnomaly.Kind.SPIKE ? 10 : 4);
        }
    }
}
