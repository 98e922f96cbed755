package dev.vigil.core.anomaly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.spi.frame.RowSet;
import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.spi.log.JobLog;
import dev.vigil.spi.settings.AnomalousBehaviorSettings;
import dev.vigil.spi.settings.DomainSpecific;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Each normal-behaviour model's residuals judged against their own scale, shrunk by what chance explains. */
class ResidualScalesTest {
    private static final int MODELS = 24;

    /** Residuals of {@code days} days of hourly rows, model index = hour + 1, Gaussian with the given scale per model. */
    private static double[][] residuals(SplittableRandom random, int days, double[] scale) {
        int n = days * MODELS;
        double[] r = new double[n];
        double[] idx = new double[n];
        for (int i = 0; i < n; i++) {
            int k = i % MODELS + 1;
            idx[i] = k;
            r[i] = scale[k] * gaussian(random);
        }
        return new double[][] {r, idx};
    }

    private static double gaussian(SplittableRandom random) {
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    private static int[] ints(double[] v) {
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (int) v[i];
        }
        return out;
    }

    /** Runs a check on {@code tries} seeded generators, seeds {@code seed}, {@code seed + 1}, … (core's tests cannot use vigil-testing). */
    private static void forSeeds(long seed, int tries, java.util.function.Consumer<SplittableRandom> check) {
        for (int t = 0; t < tries; t++) {
            try {
                check.accept(new SplittableRandom(seed + t));
            } catch (AssertionError e) {
                throw new AssertionError("seed " + (seed + t) + ": " + e.getMessage(), e);
            }
        }
    }

    private static int[] all(int n) {
        return java.util.stream.IntStream.range(0, n).toArray();
    }

    @Test
    void aModelWithWiderResidualsGetsALargerDivisorAndTheOthersNone() {
        forSeeds(151, 8, random -> {
            double[] scale = new double[MODELS + 1];
            java.util.Arrays.fill(scale, 1);
            int wide = random.nextInt(1, MODELS + 1);
            double ratio = 1.8 + random.nextDouble();
            scale[wide] = ratio;
            double[][] d = residuals(random, 300, scale);
            List<String> evidence = new ArrayList<>();
            ResidualScales s = ResidualScales.fit(d[0], ints(d[1]), all(d[0].length), evidence::add);
            assertThat(s.any()).isTrue();
            // shrunk towards 1, but at least half the way to the true ratio
            assertThat(s.divisor(wide)).as("the wide model's divisor, true ratio %s", ratio).isBetween(1 + (ratio - 1) / 2, ratio * 1.15);
            for (int k = 1; k <= MODELS; k++) {
                if (k != wide) {
                    assertThat(s.divisor(k)).as("model %d", k).isBetween(0.85, 1.15);
                }
            }
            assertThat(s.divisor(0)).as("an index without rows").isEqualTo(1);
            assertThat(s.divisor(MODELS + 5)).as("an unknown index").isEqualTo(1);
            assertThat(evidence).singleElement().asString().contains("differs beyond chance are divided by");
        });
    }

    @Test
    void modelsAlikeGetNoScalesAndOneModelNone() {
        forSeeds(152, 8, random -> {
            double[] scale = new double[MODELS + 1];
            java.util.Arrays.fill(scale, 0.5 + random.nextDouble());
            double[][] d = residuals(random, 300, scale);
            List<String> evidence = new ArrayList<>();
            ResidualScales s = ResidualScales.fit(d[0], ints(d[1]), all(d[0].length), evidence::add);
            // chance alone: the shrinkage leaves every divisor near 1 (most often none at all)
            for (int k = 1; k <= MODELS; k++) {
                assertThat(s.divisor(k)).as("model %d of models alike", k).isBetween(0.93, 1.07);
            }
            int[] one = new int[d[0].length];
            java.util.Arrays.fill(one, 1);
            assertThat(ResidualScales.fit(d[0], one, all(one.length), e -> { })).isEqualTo(ResidualScales.NONE);
        });
    }

    @Test
    void modelsWithTooFewRowsKeepTheirResidualsAsTheyAre() {
        double[] scale = new double[MODELS + 1];
        java.util.Arrays.fill(scale, 1);
        scale[3] = 3;
        double[][] d = residuals(new SplittableRandom(7), ResidualScales.MIN_ROWS - 1, scale);
        assertThat(ResidualScales.fit(d[0], ints(d[1]), all(d[0].length), e -> { })).isEqualTo(ResidualScales.NONE);
    }

    @Test
    void theModelJudgesEachResidualAtItsModelsScaleAndStoresTheScales() {
        double[] scale = new double[MODELS + 1];
        java.util.Arrays.fill(scale, 1);
        scale[5] = 2.5;
        double[][] d = residuals(new SplittableRandom(11), 200, scale);
        int n = d[0].length;
        long[] times = new long[n];
        for (int i = 0; i < n; i++) {
            times[i] = 3_600_000L * i;
        }
        TimeFrame frame = TimeFrame.builder(times).column("kpi", d[0]).build();
        int[] idx = ints(d[1]);
        AnomalousBehaviorModel m = AnomalousBehaviorModel.fit(d[0], idx, frame, RowSet.all(n), List.of(DomainSpecific.auto("Residual")),
                AnomalousBehaviorSettings.DEFAULT, name -> new IdentityPerspective(), new JobLog());
        assertThat(m.scalesResiduals()).isTrue();
        assertThat(m.judged(2.5, 5)).as("a residual of the wide model").isBetween(0.8, 1.2);
        assertThat(m.judged(1, 6)).isBetween(0.9, 1.1);
        assertThatThrownBy(() -> m.indicators(d[0], frame)).isInstanceOf(IllegalStateException.class).hasMessageContaining("model index");
        double[][] ind = m.indicators(d[0], idx, frame);
        // the wide model's rows are flagged no more often than the others' (without scales, nearly all flags are its rows)
        int wideFlags = 0;
        int flags = 0;
        for (int i = 0; i < n; i++) {
            if (ind[0][i] > 1) {
                flags++;
                wideFlags += idx[i] == 5 ? 1 : 0;
            }
        }
        assertThat(wideFlags).as("flags on the wide model's rows, of %d", flags).isLessThanOrEqualTo(Math.max(3, flags / 6));
        Map<String, Object> state = m.state();
        assertThat(state).containsKey("residualScales");
        AnomalousBehaviorModel back = AnomalousBehaviorModel.restore(state, name -> new IdentityPerspective(), List.of());
        assertThat(back.indicators(d[0], idx, frame)).isDeepEqualTo(ind);
        Map<String, Object> old = new java.util.LinkedHashMap<>(state);
        old.remove("residualScales");
        AnomalousBehaviorModel before = AnomalousBehaviorModel.restore(old, name -> new IdentityPerspective(), List.of());
        assertThat(before.scalesResiduals()).as("a file written before the scales were stored").isFalse();
        assertThat(before.judged(2.5, 5)).isEqualTo(2.5);
    }

    /** The residual itself, as the Residual perspective (which lives in another module). */
    static final class IdentityPerspective implements dev.vigil.spi.DetectionPerspective {
        @Override
        public String name() {
            return "Residual";
        }

        @Override
        public dev.vigil.spi.PerspectiveWindow defaultWindow(java.time.Duration samplingPeriod) {
            return dev.vigil.spi.PerspectiveWindow.of(1);
        }

        @Override
        public void transform(double[] residuals, dev.vigil.spi.PerspectiveWindow window, double[] out) {
            System.arraycopy(residuals, 0, out, 0, residuals.length);
        }
    }
}
