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

    @Test
    void shiftAndBurstLengthsAreDrawnFromTheirRanges() {
        GeneratedData g = KpiDataGenerator.create().rows(20_000).seed(11).anomalies(0, 8, 8, 0).shiftLengths(60, 120).burstLengths(20, 40)
                .generate();
        List<Integer> shifts = g.anomalies().stream().filter(a -> a.kind() == InjectedAnomaly.Kind.LEVEL_SHIFT).map(InjectedAnomaly::length)
                .toList();
        List<Integer> bursts = g.anomalies().stream().filter(a -> a.kind() == InjectedAnomaly.Kind.VARIANCE_BURST)
                .map(InjectedAnomaly::length).toList();
        assertThat(shifts).hasSize(8).allSatisfy(l -> assertThat(l).isBetween(60, 120));
        assertThat(bursts).hasSize(8).allSatisfy(l -> assertThat(l).isBetween(20, 40));
        assertThat(shifts.stream().distinct().count()).isGreaterThan(1);
    }

    @Test
    void withTheNewOptionsAtTheirDefaultsASeedGivesTheSameDataAsBefore() {
        // the plain structure's draws are kept: the explicit defaults change nothing
        TimeFrame plain = withAnomalies().generate().frame();
        TimeFrame explicit = withAnomalies().smaWindow(0).noiseAutocorrelation(0).noiseTails(0).generate().frame();
        for (String c : plain.columnNames()) {
            assertThat(explicit.column(c).toArray()).as(c).containsExactly(plain.column(c).toArray());
        }
    }

    @Test
    void x3CanEnterThroughItsSimpleMovingAverage() {
        GeneratedData g = KpiDataGenerator.create().rows(5000).seed(12).noise(0.2).dailyAmplitude(0).influencers(3).lag(5).emaWindow(8)
                .smaWindow(12).generate();
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
            if (i >= 12) {
                double sma = 0;
                for (int j = i - 11; j <= i; j++) {
                    sma += x3[j] / 12;
                }
                double residual = kpi[i] - (10 + 2 * x1[i - 5] + 1.5 * ema + sma);
                ss += residual * residual;
                n++;
            }
        }
        assertThat(Math.sqrt(ss / n)).isCloseTo(0.2, within(0.01));
    }

    @Test
    void autocorrelatedAndHeavyTailedNoiseKeepTheirStandardDeviation() {
        for (KpiDataGenerator gen : List.of(KpiDataGenerator.create().noiseAutocorrelation(0.8), KpiDataGenerator.create().noiseTails(4))) {
            KpiDataGenerator clean = gen.rows(40_000).seed(13).noise(0.5).dailyAmplitude(0).influencers(1).lag(0);
            double[] kpi = clean.generate().frame().column("kpi").toArray();
            double[] x1 = clean.generate().frame().column("x1").toArray();
            double[] e = new double[kpi.length];
            double ss = 0;
            for (int i = 0; i < kpi.length; i++) {
                e[i] = kpi[i] - 10 - 2 * x1[i];
                ss += e[i] * e[i];
            }
            assertThat(Math.sqrt(ss / kpi.length)).isCloseTo(0.5, within(0.03));
        }
        double[] ar = noise(KpiDataGenerator.create().noiseAutocorrelation(0.8));
        double[] t = noise(KpiDataGenerator.create().noiseTails(4));
        assertThat(lag1(ar)).isCloseTo(0.8, within(0.02));
        assertThat(kurtosis(t)).isGreaterThan(4); // a Gaussian has 3
    }

    private static double[] noise(KpiDataGenerator gen) {
        TimeFrame f = gen.rows(40_000).seed(14).noise(0.5).dailyAmplitude(0).influencers(1).lag(0).generate().frame();
        double[] kpi = f.column("kpi").toArray();
        double[] x1 = f.column("x1").toArray();
        double[] e = new double[kpi.length];
        for (int i = 0; i < e.length; i++) {
            e[i] = kpi[i] - 10 - 2 * x1[i];
        }
        return e;
    }

    private static double lag1(double[] e) {
        double num = 0;
        double den = 0;
        for (int i = 0; i < e.length; i++) {
            den += e[i] * e[i];
            num += i > 0 ? e[i] * e[i - 1] : 0;
        }
        return num / den;
    }

    private static double kurtosis(double[] e) {
        double m2 = 0;
        double m4 = 0;
        for (double v : e) {
            m2 += v * v;
            m4 += v * v * v * v;
        }
        m2 /= e.length;
        m4 /= e.length;
        return m4 / (m2 * m2);
    }
}
