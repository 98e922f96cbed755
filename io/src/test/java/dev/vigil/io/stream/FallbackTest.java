package dev.vigil.io.stream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.core.stream.Incrementals;
import dev.vigil.spi.DetectionPerspective;
import dev.vigil.spi.Feature;
import dev.vigil.spi.FeatureContext;
import dev.vigil.spi.FeatureGenerator;
import dev.vigil.spi.FeatureSpec;
import dev.vigil.spi.PerspectiveWindow;
import dev.vigil.spi.frame.RowSet;
import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.spi.log.JobLog;
import dev.vigil.testing.KpiDataGenerator;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Plugins without an incremental form (a third party's) still stream, through core's generic
 * fallback, exactly: here built-in plugins whose values depend on their window only, wrapped so that
 * they offer none.
 */
class FallbackTest {
    @Test
    void aFeatureWithoutAnIncrementalFormStreamsByItsBatchMethod() {
        TimeFrame data = KpiDataGenerator.create().rows(1500).seed(3).influencers(2).distractors(0).generate().unlabelled();
        double[] x1 = data.values("x1").clone();
        x1[100] = Double.NaN;
        data = data.withColumn("x1", x1);
        FeatureContext context = new FeatureContext(data, RowSet.range(0, 1000), "kpi", List.of("x1", "x2"), null, true, true, -12, false,
                true, List.of(), new JobLog());
        for (String generator : List.of("TimeOffsets", "Identity", "PiecewiseLinear", "Periodic", "DayOfWeek")) {
            FeatureGenerator g = StreamingTestData.REGISTRY.feature(generator);
            for (Feature f : g.candidates(context)) {
                Feature plain = new Plain(f);
                assertFalse(Incrementals.hasOwn(plain, data.columnNames()));
                double[] batch = new double[data.rows()];
                f.evaluate(data, batch);
                assertSameBits(batch, Incrementals.stream(plain, data, 700), f.label() + " through the fallback");
            }
        }
    }

    @Test
    void aPerspectiveWithoutAnIncrementalFormStreamsByItsTransform() {
        Random random = new Random(4);
        double[] r = new double[3000];
        for (int i = 0; i < r.length; i++) {
            r[i] = i % 777 == 5 ? Double.NaN : random.nextGaussian();
        }
        for (String name : StreamingTestData.PERSPECTIVES) {
            DetectionPerspective p = StreamingTestData.REGISTRY.perspective(name);
            PerspectiveWindow w = p.defaultWindow(Duration.ofMinutes(5));
            DetectionPerspective plain = new DetectionPerspective() {
                @Override
                public String name() {
                    return p.name();
                }

                @Override
                public PerspectiveWindow defaultWindow(Duration samplingPeriod) {
                    return p.defaultWindow(samplingPeriod);
                }

                @Override
                public void transform(double[] residuals, PerspectiveWindow window, double[] out) {
                    p.transform(residuals, window, out);
                }
            };
            assertTrue(plain.incremental(w) == null);
            double[] batch = new double[r.length];
            p.transform(r, w, batch);
            double[] streamed = Incrementals.stream(plain, w, r, 1500);
            if (name.equals("Imbalance")) {
                // a running sum: the fallback sums each window afresh, batch carries the sum along (docs/streaming.md)
                for (int i = 0; i < r.length; i++) {
                    assertTrue(Double.isNaN(batch[i]) == Double.isNaN(streamed[i]) && (Double.isNaN(batch[i])
                            || Math.abs(batch[i] - streamed[i]) <= 1e-12 * Math.max(1, Math.abs(batch[i]))), name + " at " + i);
                }
            } else {
                assertSameBits(batch, streamed, name + " through the fallback");
            }
        }
    }

    private static void assertSameBits(double[] expected, double[] actual, String what) {
        for (int i = 0; i < expected.length; i++) {
            if (Double.doubleToLongBits(expected[i]) != Double.doubleToLongBits(actual[i])) {
                throw new AssertionError(what + " at row " + i + ": batch " + expected[i] + ", streamed " + actual[i]);
            }
        }
    }

    /** A feature that only evaluates in batch. */
    private record Plain(Feature f) implements Feature {
        @Override
        public String label() {
            return f.label();
        }

        @Override
        public List<String> influencers() {
            return f.influencers();
        }

        @Override
        public int history() {
            return f.history();
        }

        @Override
        public List<FeatureSpec> parts() {
            return f.parts();
        }

        @Override
        public void evaluate(TimeFrame frame, double[] out) {
            f.evaluate(frame, out);
        }
    }
}
