package dev.vigil.evaluation.nab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.core.detection.AnomalyScores;
import dev.vigil.spi.VigilException;
import dev.vigil.testing.Trials;
import java.util.Arrays;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NabAlarmsTest {
    private static final double NAN = Double.NaN;

    @Test
    void newExtremesMatchTheDefinition() {
        Trials.forAll(15_01, 200, random -> {
            double[] values = series(random, 1 + random.nextInt(300));
            int from = random.nextInt(values.length + 1);
            double tolerance = Trials.oneOf(random, 0.0, 0.02, 0.1, 1.0);
            boolean[] beyond = NabAlarms.beyondRange(values, from, tolerance);
            for (int i = 0; i < values.length; i++) {
                double low = Double.POSITIVE_INFINITY;
                double high = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < i; j++) {
                    if (!Double.isNaN(values[j])) {
                        low = Math.min(low, values[j]);
                        high = Math.max(high, values[j]);
                    }
                }
                double margin = tolerance * (high - low);
                boolean expected = i >= from && !Double.isNaN(values[i]) && high > low
                        && (values[i] > high + margin || values[i] < low - margin);
                assertThat(beyond[i]).as("row %d", i).isEqualTo(expected);
            }
        });
    }

    @Test
    void aValueOutsideEverythingSeenIsANewExtremeOnlyPastTheTolerance() {
        double[] values = {10, 20, 15, NAN, 20.4, 21, 9.7, 9, 25};
        boolean[] beyond = NabAlarms.beyondRange(values, 1, 0.05);
        // row 1: the range of {10} is empty; row 4 lies within 5 % of the range 10..20, row 5 beyond 5 % of 10..20.4
        assertThat(beyond).containsExactly(false, false, false, false, false, true, false, true, true);
        assertThat(NabAlarms.beyondRange(values, 6, 0.05)).containsExactly(false, false, false, false, false, false, false, true, true);
    }

    @Test
    void scoresAreTheOnsetsOfTheCombinedIndicator() {
        Trials.forAll(15_02, 100, random -> {
            int n = 1 + random.nextInt(400);
            double[][] byPerspective = {indicators(random, n), indicators(random, n), indicators(random, n)};
            double[] values = series(random, n);
            int from = random.nextInt(n + 1);
            int holdOff = random.nextInt(20);
            NabAlarms alarms = new NabAlarms(Trials.oneOf(random, 1.0, 1.2, 2.0), Trials.oneOf(random, OptionalDouble.empty(),
                    OptionalDouble.of(0.02)), Trials.oneOf(random, 1.0, 0.5, 0.25));
            boolean[] beyond = alarms.rangeTolerance().isPresent() ? NabAlarms.beyondRange(values, from, alarms.rangeTolerance().getAsDouble())
                    : new boolean[n];
            double[] combined = new double[n];
            for (int i = 0; i < n; i++) {
                double largest = NAN;
                for (int p = 0; p < byPerspective.length; p++) {
                    double v = byPerspective[p][i];
                    double w = p == 0 || Double.isNaN(v) ? v : Math.pow(v, alarms.secondaryExponent());
                    largest = Double.isNaN(largest) ? w : Double.isNaN(w) ? largest : Math.max(largest, w);
                }
                combined[i] = beyond[i] ? Math.max(Double.isNaN(largest) ? 0 : largest, NabAlarms.BEYOND_RANGE_INDICATOR) : largest;
            }
            double[] expected = AnomalyScores.onsets(combined, holdOff, alarms.escalation());
            assertThat(alarms.scores(byPerspective, values, from, holdOff)).containsExactly(expected);
        });
    }

    @Test
    void aRowsScoreDependsOnItAndEarlierRowsOnly() {
        Trials.forAll(15_03, 50, random -> {
            int n = 2 + random.nextInt(300);
            double[][] byPerspective = {indicators(random, n), indicators(random, n)};
            double[] values = series(random, n);
            int from = random.nextInt(n);
            double[] all = NabAlarms.DEFAULT.scores(byPerspective, values, from, 12);
            int cut = 1 + random.nextInt(n - 1);
            double[][] head = {Arrays.copyOf(byPerspective[0], cut), Arrays.copyOf(byPerspective[1], cut)};
            assertThat(NabAlarms.DEFAULT.scores(head, Arrays.copyOf(values, cut), from, 12)).containsExactly(Arrays.copyOf(all, cut));
        });
    }

    @Test
    void plainOnsetsAreTheScoringBeforeIssue15() {
        double[] residual = {0.2, 3, 3.2, 0.1, NAN, 7};
        double[] values = {1, 2, 100, 3, 4, 5};
        assertThat(NabAlarms.PLAIN_ONSETS.scores(new double[][] {residual}, values, 0, 3))
                .containsExactly(AnomalyScores.onsets(residual, 3));
        // the default: 3.2 is no escalation of 3 by 1.1, but the value 100 is a new extreme
        double[] s = NabAlarms.DEFAULT.scores(new double[][] {residual}, values, 0, 3);
        assertThat(s[2]).isEqualTo(AnomalyScores.score(NabAlarms.BEYOND_RANGE_INDICATOR));
        assertThat(NabAlarms.DEFAULT.scores(new double[][] {residual}, new double[] {1, 2, 2, 1, 1, 1}, 0, 3)[2])
                .isEqualTo(AnomalyScores.THRESHOLD);
    }

    @Test
    void refusesSettingsOutsideTheirRange() {
        assertThatThrownBy(() -> new NabAlarms(0.9, OptionalDouble.empty(), 1)).isInstanceOf(VigilException.class)
                .hasMessageContaining("escalation");
        assertThatThrownBy(() -> new NabAlarms(1, OptionalDouble.of(-0.1), 1)).isInstanceOf(VigilException.class)
                .hasMessageContaining("range tolerance");
        assertThatThrownBy(() -> new NabAlarms(1, OptionalDouble.empty(), 0)).isInstanceOf(VigilException.class)
                .hasMessageContaining("secondary exponent");
        assertThatThrownBy(() -> new NabAlarms(1, OptionalDouble.empty(), 1.5)).isInstanceOf(VigilException.class);
    }

    /** A random walk with now and then a missing value or a jump. */
    private static double[] series(SplittableRandom random, int n) {
        double[] v = new double[n];
        double x = 0;
        for (int i = 0; i < n; i++) {
            x += random.nextGaussian() + (random.nextInt(30) == 0 ? 20 * random.nextGaussian() : 0);
            v[i] = random.nextInt(15) == 0 ? NAN : x;
        }
        return v;
    }

    /** Indicators of any size, now and then missing. */
    private static double[] indicators(SplittableRandom random, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = random.nextInt(10) == 0 ? NAN : Math.exp(1.5 * random.nextGaussian());
        }
        return v;
    }
}
