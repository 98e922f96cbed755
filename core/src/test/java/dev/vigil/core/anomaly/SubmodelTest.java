package dev.vigil.core.anomaly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.vigil.core.settings.DomainSpecific;
import dev.vigil.core.spi.PerspectiveWindow;
import java.util.Arrays;
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
    void automaticSensitivityCountsValuesBeyondAThreeAndAHalfSigmaScoreWithinItsBounds() {
        Random r = new Random(3);
        double[] gaussian = new double[20_000];
        for (int i = 0; i < gaussian.length; i++) {
            gaussian[i] = r.nextGaussian();
        }
        Submodel s = Submodel.fit("Residual", PerspectiveWindow.of(1), gaussian, DomainSpecific.auto("Residual"), 30);
        assertThat(s.sensitivity()).isBetween(0.01, 0.1); // P(|z| > 3.5) = 0.047 %
        double[] contaminated = values(10_000, 4); // 1 in 97 values at +6 sigma
        Submodel c = Submodel.fit("Residual", PerspectiveWindow.of(1), contaminated,
                new DomainSpecific("Residual", OptionalDouble.empty(), 0, 0.5), 1);
        assertThat(c.sensitivity()).isEqualTo(0.5); // clipped to the upper bound
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
}
