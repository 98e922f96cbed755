package dev.vigil.core.detection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class AnomalyScoresTest {
    private static final double NAN = Double.NaN;

    @Test
    void scoresAreBoundedMonotoneAndHalfAtTheThreshold() {
        assertThat(AnomalyScores.score(0)).isZero();
        assertThat(AnomalyScores.score(NAN)).isZero();
        assertThat(AnomalyScores.score(1)).isEqualTo(AnomalyScores.THRESHOLD);
        assertThat(AnomalyScores.score(3)).isEqualTo(0.75);
        assertThat(AnomalyScores.score(Double.POSITIVE_INFINITY)).isEqualTo(1);
        assertThat(AnomalyScores.score(1e300)).isLessThanOrEqualTo(1).isCloseTo(1, within(1e-12));
        assertThat(AnomalyScores.score(2)).isLessThan(AnomalyScores.score(2.001));
    }

    @Test
    void aLastingAnomalyAlertsOnceAndAgainWhenItWorsens() {
        double[] indicators = {0.2, 0.3, 4, 4, 3, 5, 2, 0.1, NAN, 0.2};
        double[] s = AnomalyScores.onsets(indicators, 3);
        assertThat(s[2]).isEqualTo(0.8); // starts: 4 beats 0.2, 0.3
        assertThat(s[3]).isEqualTo(0.5); // goes on at the same level: capped at the threshold
        assertThat(s[4]).isEqualTo(0.5);
        assertThat(s[5]).isCloseTo(5.0 / 6, within(1e-12)); // worsens
        assertThat(s[6]).isEqualTo(0.5);
        assertThat(s[7]).isCloseTo(0.1 / 1.1, within(1e-12)); // below the cap anyway
        assertThat(s[8]).isZero(); // not calculated
    }

    @Test
    void afterTheHoldOffTheSameLevelAlertsAgain() {
        double[] s = AnomalyScores.onsets(new double[] {4, 0, 0, 4, 0, 0, 0, 4}, 3);
        assertThat(s[0]).isEqualTo(0.8);
        assertThat(s[3]).isEqualTo(0.5); // row 0 is 3 rows back: within the hold-off
        assertThat(s[7]).isEqualTo(0.8); // row 3 is 4 rows back
    }

    @Test
    void withoutHoldOffEveryRowKeepsItsScore() {
        double[] indicators = {1, 2, 2, 3, NAN};
        double[] s = AnomalyScores.onsets(indicators, 0);
        for (int i = 0; i < indicators.length; i++) {
            assertThat(s[i]).isEqualTo(AnomalyScores.score(indicators[i]));
        }
        assertThatThrownBy(() -> AnomalyScores.onsets(indicators, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    /** Indicators ≥ 0 (and NaN now and then) spread over several orders of magnitude. */
    private static double[] randomIndicators(long seed) {
        Random r = new Random(seed);
        double[] x = new double[2000];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextInt(10) == 0 ? NAN : Math.exp(2 * r.nextGaussian());
        }
        return x;
    }

    /**
     * Checks onsets against their definition, read directly: a row keeps its score only where its
     * indicator beats {@code escalation} × those of the {@code holdOff} rows before it (NaN counting as
     * 0); otherwise its score is capped at 0.5. Returns how many rows beat their hold-off but not by the factor.
     */
    private static int assertOnsetsAsDefined(double[] x, int holdOff, double escalation) {
        double[] s = AnomalyScores.onsets(x, holdOff, escalation);
        int capped = 0;
        for (int t = 0; t < x.length; t++) {
            double v = Double.isNaN(x[t]) ? 0 : x[t];
            double before = 0;
            boolean any = false;
            for (int u = Math.max(0, t - holdOff); u < t; u++) {
                before = Math.max(before, Double.isNaN(x[u]) ? 0 : x[u]);
                any = true;
            }
            boolean keeps = !any || v > escalation * before;
            capped += any && v > before && !keeps && v > 1 ? 1 : 0;
            double expected = keeps ? AnomalyScores.score(v) : Math.min(AnomalyScores.score(v), 0.5);
            assertThat(s[t]).as("row %d", t).isEqualTo(expected);
        }
        return capped;
    }

    @Test
    void matchesTheDefinitionOnRandomData() {
        double[] x = randomIndicators(1);
        assertOnsetsAsDefined(x, 7, 1);
        assertThat(AnomalyScores.onsets(x, 7)).containsExactly(AnomalyScores.onsets(x, 7, 1));
    }

    @Test
    void anEscalationFactorMatchesTheDefinitionOnRandomData() {
        double[] x = randomIndicators(2);
        int holdOff = 9;
        assertThat(assertOnsetsAsDefined(x, holdOff, 1.5)).as("rows that beat their hold-off but not by the factor").isPositive();
        assertThatThrownBy(() -> AnomalyScores.onsets(x, holdOff, 0.9)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AnomalyScores.onsets(x, holdOff, NAN)).isInstanceOf(IllegalArgumentException.class);
    }
}
