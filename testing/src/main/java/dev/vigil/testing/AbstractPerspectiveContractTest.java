package dev.vigil.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.vigil.core.plugin.PluginRegistry;
import dev.vigil.core.stream.Incrementals;
import dev.vigil.spi.DetectionPerspective;
import dev.vigil.spi.PerspectiveWindow;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link DetectionPerspective} must keep. A plugin author extends this class in a
 * test, returns the perspective from {@link #perspective()}, and runs it: Vigil's own perspectives
 * pass the same tests.
 *
 * <p>Checked: a name, discovery by that name through {@code META-INF/services}, sensible default
 * windows for common sampling periods, no value during the warm-up ({@code cut}) and a value after it
 * for complete data with the default window of every common sampling period, a missing residual
 * blanking exactly the windows that contain it, causality, time invariance, determinism, every row of
 * the output written whatever it held before, an untouched input, the same values when several
 * threads transform at once, and, streamed one residual at a time (its incremental form, or core's
 * fallback), the values of {@code transform} to the bit, across a snapshot and restore
 * (docs/streaming.md).
 */
public abstract class AbstractPerspectiveContractTest {
    /** The perspective under test. */
    protected abstract DetectionPerspective perspective();

    /** The sampling period used by the tests; override for perspectives meant for other data. */
    protected Duration samplingPeriod() {
        return Duration.ofMinutes(1);
    }

    private PerspectiveWindow window() {
        return perspective().defaultWindow(samplingPeriod());
    }

    /** A seeded random walk with noise: a residual with some structure. */
    protected double[] residuals(int n, long seed) {
        Random random = new Random(seed);
        double[] r = new double[n];
        double level = 0;
        for (int i = 0; i < n; i++) {
            level = 0.9 * level + 0.3 * random.nextGaussian();
            r[i] = level + random.nextGaussian();
        }
        return r;
    }

    /** Rows of the test series: enough for several windows. */
    private int rows() {
        return Math.max(600, 8 * window().length());
    }

    private double[] transform(double[] r) {
        return transform(r, window());
    }

    private double[] transform(double[] r, PerspectiveWindow w) {
        double[] out = new double[r.length];
        perspective().transform(r, w, out);
        return out;
    }

    @Test
    void hasAName() {
        String name = perspective().name();
        assertNotNull(name);
        assertFalse(name.isBlank(), "the name must not be blank");
    }

    @Test
    void isDiscoveredByItsName() {
        DetectionPerspective found = PluginRegistry.load().perspective(perspective().name());
        assertSame(perspective().getClass(), found.getClass(), "META-INF/services must list " + perspective().getClass().getName());
    }

    @Test
    void defaultWindowsAreValidForCommonSamplingPeriods() {
        for (Duration p : List.of(Duration.ofSeconds(1), Duration.ofMinutes(5), Duration.ofMinutes(15), Duration.ofHours(1),
                Duration.ofDays(1), Duration.ofDays(7))) {
            PerspectiveWindow w = perspective().defaultWindow(p);
            assertNotNull(w, "window for " + p);
            assertTrue(w.length() >= 1 && w.length() <= 100_000, "window length for " + p + ": " + w.length());
        }
    }

    @Test
    void hasNoValueDuringTheWarmUpAndOneAfterIt() {
        assertWarmUp(window(), samplingPeriod());
    }

    @Test
    void theWarmUpFitsTheDefaultWindowOfEveryCommonSamplingPeriod() {
        for (Duration p : List.of(Duration.ofSeconds(1), Duration.ofMinutes(5), Duration.ofMinutes(15), Duration.ofHours(1),
                Duration.ofDays(1), Duration.ofDays(7))) {
            PerspectiveWindow w = perspective().defaultWindow(p);
            if (w.length() <= 1000) { // longer windows (a span of days on data every second) would make the test slow
                assertWarmUp(w, p);
            }
        }
    }

    private void assertWarmUp(PerspectiveWindow w, Duration period) {
        double[] out = transform(residuals(Math.max(600, 4 * w.length()), 1), w);
        int cut = w.cut();
        String with = " (window " + w + ", the default for data every " + period + ")";
        for (int t = 0; t < cut; t++) {
            if (!Double.isNaN(out[t])) {
                fail("row " + t + " lies in the warm-up of " + cut + " rows but has a value" + with);
            }
        }
        for (int t = cut; t < out.length; t++) {
            if (!Double.isFinite(out[t])) {
                fail("row " + t + " has a complete window but no finite value: " + out[t] + with);
            }
        }
    }

    @Test
    void aMissingResidualBlanksExactlyTheWindowsContainingIt() {
        double[] r = residuals(rows(), 2);
        int k = r.length / 2;
        r[k] = Double.NaN;
        double[] out = transform(r);
        int cut = window().cut();
        for (int t = k; t <= k + cut; t++) {
            assertTrue(Double.isNaN(out[t]), "row " + t + "'s window contains the missing row " + k);
        }
        assertTrue(Double.isFinite(out[k - 1]), "row " + (k - 1) + " does not depend on row " + k);
        assertTrue(Double.isFinite(out[k + cut + 1]), "row " + (k + cut + 1) + "'s window no longer contains row " + k);
    }

    @Test
    void isCausal() {
        double[] r = residuals(rows(), 3);
        int from = 2 * r.length / 3;
        double[] before = transform(r);
        double[] changed = r.clone();
        for (int i = from; i < changed.length; i++) {
            changed[i] += 100 * (i % 7 - 3);
        }
        double[] after = transform(changed);
        for (int t = 0; t < from; t++) {
            assertEquals(Double.valueOf(before[t]), Double.valueOf(after[t]), "row " + t + " changed when only later rows did");
        }
    }

    @Test
    void isTimeInvariant() {
        double[] r = residuals(rows() + 100, 4);
        int shift = 37;
        double[] shifted = new double[r.length];
        System.arraycopy(r, 0, shifted, shift, r.length - shift);
        for (int i = 0; i < shift; i++) {
            shifted[i] = r[0];
        }
        double[] a = transform(r);
        double[] b = transform(shifted);
        for (int t = window().cut() + shift; t < r.length; t++) {
            assertEquals(a[t - shift], b[t], 1e-9 * (1 + Math.abs(a[t - shift])), "row " + t);
        }
    }

    @Test
    void isDeterministicAndLeavesItsInputAlone() {
        double[] r = residuals(rows(), 5);
        double[] copy = r.clone();
        double[] a = transform(r);
        double[] b = transform(r);
        assertArrayEquals(copy, r, "the residuals were modified");
        assertArrayEquals(a, b, "two calls gave different values");
    }

    @Test
    void writesEveryRowWhateverTheOutputHeldBefore() {
        double[] r = residuals(rows(), 6);
        r[r.length / 3] = Double.NaN;
        double[] expected = transform(r);
        double[] out = new double[r.length];
        Arrays.fill(out, 123_456.789);
        perspective().transform(r, window(), out);
        Contracts.assertSameBits(expected, out, "values written into an array that held other values");
    }

    /**
     * Streamed one residual at a time (docs/streaming.md) — through the perspective's own incremental
     * form, or core's generic fallback when it offers none — a perspective gives what {@code transform}
     * gives, to the bit, across missing residuals and past the 4096th row, also when the evaluator is
     * snapshot and restored in the middle.
     */
    @Test
    void streamsOneResidualAtATimeAsTransformComputes() {
        double[] r = residuals(Math.max(rows(), 5_000), 8);
        for (int i : new int[] {50, 51, 52, r.length / 10, r.length / 10 + 3}) {
            r[i] = Double.NaN;
        }
        for (int resumeAt : new int[] {-1, r.length * 9 / 10, r.length / 10 + 1}) {
            Contracts.assertSameBits(transform(r), Incrementals.stream(perspective(), window(), r, resumeAt),
                    perspective().name() + " streamed residual by residual" + (resumeAt < 0 ? "" : ", snapshot and restored before row "
                    + resumeAt));
        }
    }

    @Test
    void isThreadSafe() {
        double[] r = residuals(rows(), 7);
        double[] expected = transform(r);
        for (double[] other : Contracts.concurrently(() -> transform(r))) {
            Contracts.assertSameBits(expected, other, "values computed on several threads at once");
        }
    }
}
