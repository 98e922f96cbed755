package dev.vigil.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.vigil.spi.frame.Column;
import dev.vigil.spi.frame.TimeFrame;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SeriesTest {
    private static final double NaN = Double.NaN;

    private static Column col(double[] x) {
        return TimeFrame.builder(new long[x.length]).column("x", x).build().column("x");
    }

    /** The definition, computed the slow way: normalised weights α(1−α)^j over the last L samples. */
    private static double emaDirect(double[] x, int t, int w) {
        int length = Series.emaLength(w);
        if (t - length + 1 < 0) {
            return NaN;
        }
        double alpha = 2.0 / (w + 1);
        double num = 0;
        double den = 0;
        for (int j = 0; j < length; j++) {
            double weight = alpha * Math.pow(1 - alpha, j);
            num += weight * x[t - j];
            den += weight;
        }
        return num / den;
    }

    @Test
    void emaMatchesItsDefinitionOverLongSeries() {
        Random r = new Random(1);
        double[] x = new double[50_000];
        for (int i = 0; i < x.length; i++) {
            x[i] = 1000 + r.nextGaussian() * 50;
        }
        double[] out = new double[x.length];
        Series.ema(col(x), 8, 0, out);
        for (int t : new int[] {47, 48, 100, 25_000, 49_999}) {
            assertThat(out[t]).as("t=%d", t).isCloseTo(emaDirect(x, t, 8), within(1e-9));
        }
        assertThat(out[46]).isNaN(); // 6·8 − 1 rows of history are needed
    }

    @Test
    void emaAtAnOffsetIsTheEmaOfEarlierRows() {
        double[] x = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};
        double[] now = new double[x.length];
        double[] lagged = new double[x.length];
        Series.ema(col(x), 2, 0, now);
        Series.ema(col(x), 2, -1, lagged);
        for (int t = 1; t < x.length; t++) {
            assertThat(Double.valueOf(lagged[t])).isEqualTo(Double.valueOf(now[t - 1]));
        }
    }

    @Test
    void aMissingValueBlanksEveryWindowThatContainsIt() {
        double[] x = new double[40];
        for (int i = 0; i < x.length; i++) {
            x[i] = i;
        }
        x[20] = NaN;
        double[] sma = new double[x.length];
        Series.sma(col(x), 4, 0, sma);
        assertThat(sma[19]).isEqualTo((16 + 17 + 18 + 19) / 4.0);
        for (int t = 20; t <= 23; t++) {
            assertThat(sma[t]).as("t=%d", t).isNaN();
        }
        assertThat(sma[24]).isEqualTo((21 + 22 + 23 + 24) / 4.0);
        double[] ema = new double[x.length];
        Series.ema(col(x), 2, 0, ema);
        assertThat(ema[20]).isNaN();
        assertThat(ema[31]).isNaN(); // needs 12 clean samples after the gap
        assertThat(ema[32]).isCloseTo(emaDirect(x, 32, 2), within(1e-12));
    }

    @Test
    void smaStaysExactOverMillionsOfRows() {
        double[] x = new double[1_000_000];
        Random r = new Random(2);
        for (int i = 0; i < x.length; i++) {
            x[i] = 1e6 + r.nextDouble();
        }
        double[] out = new double[x.length];
        Series.sma(col(x), 15, 0, out);
        double direct = 0;
        for (int j = x.length - 15; j < x.length; j++) {
            direct += x[j];
        }
        assertThat(out[x.length - 1]).isCloseTo(direct / 15, within(1e-9));
    }

    @Test
    void shiftIsCausal() {
        double[] out = new double[5];
        Series.shift(col(new double[] {1, 2, 3, 4, 5}), -2, out);
        assertThat(out).containsExactly(NaN, NaN, 1, 2, 3);
    }

    @Test
    void quantileInterpolates() {
        double[] sorted = {1, 2, 3, 4, 5};
        assertThat(Series.quantile(sorted, 0.5)).isEqualTo(3);
        assertThat(Series.quantile(sorted, 0.1)).isCloseTo(1.4, within(1e-12));
        assertThat(Series.quantile(new double[0], 0.5)).isNaN();
    }
}
