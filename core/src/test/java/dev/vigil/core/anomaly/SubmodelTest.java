package dev.vigil.core.anomaly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.vigil.spi.PerspectiveWindow;
import dev.vigil.spi.settings.DomainSpecific;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SubmodelTest {
    private static double[] values(int n, long seed) {
        Random r = new Random(seed);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = r.nextGaussian() + (i % 97 == 0 ? 6 : 0);
        }
        return x;
    }

    private static long above(Submodel s, double[] x) {
        return Arrays.stream(x).filter(v -> s.indicator(v) > 1).count();
    }

    @Test
    void exactlyRoundedSensitivityTimesNInSampleValuesExceedOne() {
        double[] x = values(3333, 1);
        for (double sensitivity : new double[] {0, 0.1, 1, 2.5, 5, 50}) {
            Submodel s = Submodel.fit("Residual", PerspectiveWindow.of(1), x, DomainSpecific.fixed("Residual", sensitivity), 30);
            assertThat(above(s, x)).as("sensitivity %s", sensitivity).isEqualTo(Math.round(sensitivity * x.length / 100));
            assertThat(s.sensitivity()).isEqualTo(sensitivity);
        }
    }

    @Test
    void automaticSensitivityFindsNoTailInAGaussianAndTheOperatingPointOfAClearOne() {
        Random r = new Random(3);
        double[] gaussian = new double[20_000];
        for (int i = 0; i < gaussian.length; i++) {
            gaussian[i] = r.nextGaussian();
        }
        Submodel s = Submodel.fit("Residual", PerspectiveWindow.of(1), gaussian, DomainSpecific.auto("Residual"), 30);
        assertThat(s.sensitivity()).isZero(); // no tail beyond what the bulk explains: the lower bound
        double[] contaminated = values(10_000, 4); // 1 in 97 values at +6 sigma: 1.03 %
        List<String> evidence = new ArrayList<>();
        Submodel c = Submodel.fit("Residual", PerspectiveWindow.of(1), contaminated, DomainSpecific.auto("Residual"), 30, w -> { },
                evidence::add);
        assertThat(c.sensitivity()).isBetween(0.9, 1.2); // the tail, not a bound
        assertThat(evidence).singleElement().asString().contains("operating point");
        Submodel clipped = Submodel.fit("Residual", PerspectiveWindow.of(1), contaminated,
                new DomainSpecific("Residual", OptionalDouble.empty(), 0, 0.5), 1);
        assertThat(clipped.sensitivity()).isEqualTo(0.5); // clipped to the upper bound
    }

    @Test
    void indicatorsGrowWithDistanceAndStayPositive() {
        double[] x = values(2000, 5);
        Submodel s = Submodel.fit("Residual", PerspectiveWindow.of(1), x, DomainSpecific.fixed("Residual", 1), 5);
        assertThat(s.indicator(0)).isPositive().isLessThan(s.indicator(2));
        assertThat(s.indicator(2)).isLessThan(s.indicator(4));
        assertThat(s.indicator(-4)).isGreaterThan(1);
        assertThat(s.indicator(Double.NaN)).isNaN();
        assertThat(s.score(0)).isCloseTo(0, within(0.05));
    }

    @Test
    void aRefittedSubmodelKeepsItsWindowAndIsCalibratedOnTheNewValues() {
        Submodel s = Submodel.fit("Residual", PerspectiveWindow.of(3), values(2000, 5), DomainSpecific.fixed("Residual", 1), 30);
        double[] more = values(3000, 6);
        Submodel r = Submodel.refit(s, more, DomainSpecific.fixed("Residual", 2), 30);
        assertThat(r.window()).isEqualTo(s.window());
        assertThat(r.rows()).isEqualTo(3000);
        assertThat(r.sensitivity()).isEqualTo(2);
        assertThat(above(r, more)).isEqualTo(60);
    }

    /** In-sample scores, largest first. */
    private static double[] scoresDescending(Submodel s, double[] x) {
        double[] scores = Arrays.stream(x).map(s::score).sorted().toArray();
        for (int i = 0, j = scores.length - 1; i < j; i++, j--) {
            double t = scores[i];
            scores[i] = scores[j];
            scores[j] = t;
        }
        return scores;
    }

    /** The in-sample value with the k-th largest score (1-based). */
    private static double valueOfRank(Submodel s, double[] x, int k) {
        double target = scoresDescending(s, x)[k - 1];
        return Arrays.stream(x).filter(v -> s.score(v) == target).findFirst().orElseThrow();
    }

    @Test
    void aboveOneAnIndicatorIsARatioOfLogRarities() {
        Random r = new Random(7);
        double[] x = new double[20_000];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextGaussian();
        }
        Submodel s = Submodel.fit("Residual", PerspectiveWindow.of(1), x, DomainSpecific.fixed("Residual", 1), 30);
        // the threshold lies between the 200th and 201st largest scores: rarity (200.5 / 20,001); the 2nd largest: (2 / 20,001)
        double expected = Math.log(20_001 / 2.0) / Math.log(20_001 / 200.5);
        assertThat(s.indicator(valueOfRank(s, x, 2))).isCloseTo(expected, within(0.01)); // ≈ 2: as rare as the threshold, squared
        assertThat(s.indicator(valueOfRank(s, x, 20))).isCloseTo(Math.log(20_001 / 20.0) / Math.log(20_001 / 200.5), within(0.01));
    }

    @Test
    void indicatorsAboveOneMeanTheSameRarityWhateverTheDensity() {
        Random r = new Random(8);
        double[] gaussian = new double[10_000];
        double[] heavy = new double[10_000]; // Laplace: exponential tails a Gaussian mixture extrapolates poorly
        for (int i = 0; i < gaussian.length; i++) {
            gaussian[i] = r.nextGaussian();
            heavy[i] = 40 * Math.log(r.nextDouble()) * (r.nextBoolean() ? 1 : -1);
        }
        DomainSpecific onePercent = DomainSpecific.fixed("Residual", 1);
        Submodel g = Submodel.fit("Residual", PerspectiveWindow.of(1), gaussian, onePercent, 30);
        Submodel h = Submodel.fit("Residual", PerspectiveWindow.of(1), heavy, onePercent, 30);
        double expected = Math.log(10_001 / 10.0) / Math.log(10_001 / 100.5); // one value in a thousand
        double vg = valueOfRank(g, gaussian, 10);
        double vh = valueOfRank(h, heavy, 10);
        assertThat(g.indicator(vg)).isCloseTo(expected, within(0.01));
        assertThat(h.indicator(vh)).isCloseTo(expected, within(0.01));
        // the ratios of density scores TIM's definition would give do not agree
        assertThat(Math.abs(g.score(vg) / g.threshold() - h.score(vh) / h.threshold())).isGreaterThan(0.1);
    }

    @Test
    void beyondTheLargestInSampleScoreRarityFallsByOneNatPerNatOfScore() {
        double[] x = values(5000, 9);
        Submodel s = Submodel.fit("Residual", PerspectiveWindow.of(1), x, DomainSpecific.fixed("Residual", 0.5), 30);
        double top = scoresDescending(s, x)[0];
        double a = 30;
        double b = 40;
        assertThat(s.score(a)).isGreaterThan(top);
        double thresholdSurprisal = Math.log(5001 / Math.sqrt(25.0 * 26)); // halfway between the 25th and 26th largest scores
        assertThat(s.indicator(b) - s.indicator(a)).isCloseTo((s.score(b) - s.score(a)) / thresholdSurprisal, within(1e-9));
        assertThat(s.indicator(a)).isCloseTo((Math.log(5001.0) + s.score(a) - top) / thresholdSurprisal, within(1e-9));
    }

    @Test
    void atSensitivityZeroTheLargestInSampleValueIsTheThreshold() {
        double[] x = values(1000, 10);
        Submodel s = Submodel.fit("Residual", PerspectiveWindow.of(1), x, DomainSpecific.fixed("Residual", 0), 30);
        double top = scoresDescending(s, x)[0];
        assertThat(s.threshold()).isEqualTo(top);
        double v = 50;
        assertThat(s.indicator(v)).isCloseTo(1 + (s.score(v) - top) / Math.log(1001), within(1e-9));
    }

    @Test
    void theTailKeepsAtMostItsKnotLimitWithExactCounts() {
        double[] ascending = new double[10_000];
        for (int i = 0; i < ascending.length; i++) {
            ascending[i] = i / 10; // ties: ten values each
        }
        TailCalibration t = TailCalibration.of(ascending, 500);
        assertThat(t.scores()).hasSize(TailCalibration.MAX_KNOTS);
        assertThat(t.scores()[0]).isEqualTo(999);
        assertThat(t.counts()[0]).isEqualTo(10);
        assertThat(t.scores()[TailCalibration.MAX_KNOTS - 1]).isEqualTo(500);
        assertThat(t.counts()[TailCalibration.MAX_KNOTS - 1]).isEqualTo(5000);
        assertThat(t.surprisal(999)).isCloseTo(Math.log(10_001 / 10.0), within(1e-12));
        assertThat(t.surprisal(500)).isCloseTo(Math.log(10_001 / 5000.0), within(1e-12));
        assertThat(t.surprisal(750)).isBetween(t.surprisal(700), t.surprisal(800));
    }

    @Test
    void withTiedScoresTheThresholdLeavesTheNearestAchievableCountAbove() {
        double[] ascending = {0, 0, 1, 1, 1, 1, 2, 2, 2, 3};
        // wanted 2: the run of 2s straddles it; 1 above (the 3) is nearer than 4 above (3 and the 2s)
        assertThat(Submodel.threshold(ascending, 2)).isEqualTo(new Submodel.Threshold(2.5, 1));
        // wanted 3: 4 above is nearer than 1
        assertThat(Submodel.threshold(ascending, 3)).isEqualTo(new Submodel.Threshold(1.5, 4));
        // wanted 6: 4 and 8 above are equally near; the smaller is chosen
        assertThat(Submodel.threshold(ascending, 6)).isEqualTo(new Submodel.Threshold(1.5, 4));
        // no ties at the wanted rank: exactly the count wanted
        assertThat(Submodel.threshold(ascending, 4)).isEqualTo(new Submodel.Threshold(1.5, 4));
        assertThat(Submodel.threshold(ascending, 0)).isEqualTo(new Submodel.Threshold(3, 0));
        assertThat(Submodel.threshold(new double[] {1, 1, 1}, 2)).isEqualTo(new Submodel.Threshold(0.5, 3));
        // all above needs a positive threshold: with a smallest score of 0, all of them cannot be above
        assertThat(Submodel.threshold(new double[] {0, 1, 2}, 3)).isEqualTo(new Submodel.Threshold(0.5, 2));
    }

    @Test
    void tiedIntegerValuesGetTheNearestCountTheActualSensitivityAndAWarning() {
        Random r = new Random(11);
        double[] x = new double[2000];
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.round(2 * r.nextGaussian()); // an integer KPI: a few dozen distinct values, many ties
        }
        java.util.List<String> warnings = new java.util.ArrayList<>();
        Submodel s = Submodel.fit("Residual", PerspectiveWindow.of(1), x, DomainSpecific.fixed("Residual", 5), 30, warnings::add, e -> { });
        long above = above(s, x);
        // the counts a threshold can leave above it: those above each distinct score, and all of them
        double[] scores = Arrays.stream(x).map(s::score).sorted().toArray();
        long nearest = Long.MAX_VALUE;
        for (int i = 0; i < scores.length; i++) {
            if (i == 0 || scores[i] != scores[i - 1]) {
                long count = scores.length - i;
                nearest = Math.min(nearest, Math.abs(count - 100));
            }
        }
        assertThat(above).isNotEqualTo(100).isPositive(); // ties make 100 impossible, yet rows are flagged
        assertThat(Math.abs(above - 100)).isEqualTo(nearest);
        assertThat(s.sensitivity()).isEqualTo(100.0 * above / x.length);
        assertThat(warnings).singleElement().asString().contains("tied in-sample scores", "exactly 100 of 2,000", "sensitivity used is");
    }
}
