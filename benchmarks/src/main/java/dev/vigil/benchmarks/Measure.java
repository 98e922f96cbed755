package dev.vigil.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * End-to-end timing for benchmarks that JMH would make awkward (one large input, seconds per run):
 * a few warm-up runs, then the median and minimum of timed runs, and the peak heap in use.
 */
public final class Measure {
    private Measure() {
    }

    /** The outcome of {@link #time}. */
    public record Timing(String what, double medianSeconds, double minSeconds, int runs, long peakHeapMiB) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%-50s median %8.3f s   min %8.3f s   (%d runs, peak heap %,d MiB)",
                    what, medianSeconds, minSeconds, runs, peakHeapMiB);
        }
    }

    /** Runs {@code task} {@code warmUp} times untimed, then {@code runs} times timed. */
    public static <T> Timing time(String what, int warmUp, int runs, Callable<T> task) throws Exception {
        for (int i = 0; i < warmUp; i++) {
            task.call();
        }
        resetPeaks();
        double[] seconds = new double[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            T result = task.call();
            seconds[i] = (System.nanoTime() - start) / 1e9;
            if (result == null) {
                throw new IllegalStateException(what + " returned nothing");
            }
        }
        Arrays.sort(seconds);
        return new Timing(what, seconds[runs / 2], seconds[0], runs, peakHeapMiB());
    }

    private static void resetPeaks() {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    private static long peakHeapMiB() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak >> 20;
    }
}
