package dev.vigil.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** What the contract suites share: comparisons to the bit, a JSON round trip without a JSON library, concurrent calls. */
final class Contracts {
    /** Threads the thread-safety checks run on. */
    static final int THREADS = 4;

    private Contracts() {
    }

    /**
     * Asserts two arrays hold the same doubles to the last bit (all NaNs count as one), naming the first
     * row that differs.
     */
    static void assertSameBits(double[] expected, double[] actual, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            if (Double.doubleToLongBits(expected[i]) != Double.doubleToLongBits(actual[i])) {
                fail(what + ": row " + i + " is " + actual[i] + " but should be " + expected[i] + " to the last bit");
            }
        }
    }

    /** Whether two values are the same double (all NaNs count as one). */
    static boolean sameBits(double a, double b) {
        return Double.doubleToLongBits(a) == Double.doubleToLongBits(b);
    }

    /** Whether two finite values agree to a relative tolerance (relative to the larger magnitude, at least 1). */
    static boolean close(double a, double b, double tolerance) {
        return Math.abs(a - b) <= tolerance * Math.max(1, Math.max(Math.abs(a), Math.abs(b)));
    }

    /**
     * The tree as a JSON writer and parser would give it back: maps with string keys, lists, strings,
     * booleans, whole numbers as {@code Integer} (or {@code Long} beyond the int range) and other numbers
     * as {@code Double}.
     *
     * @throws AssertionError naming the path of a value JSON cannot hold (NaN, an infinity, an array, an
     *     object of another type)
     */
    static Object jsonRoundTrip(Object value, String path) {
        if (value == null || value instanceof String || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            long v = ((Number) value).longValue();
            return v == (int) v ? Integer.valueOf((int) v) : Long.valueOf(v);
        }
        if (value instanceof Double || value instanceof Float) {
            double v = ((Number) value).doubleValue();
            if (!Double.isFinite(v)) {
                fail(path + " is " + v + ", which JSON cannot hold: a model file could not store it");
            }
            return v;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!(e.getKey() instanceof String key)) {
                    return fail(path + " has the key " + e.getKey() + " (" + e.getKey().getClass().getName()
                            + "); JSON objects have string keys");
                }
                out.put(key, jsonRoundTrip(e.getValue(), path + "." + key));
            }
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                out.add(jsonRoundTrip(list.get(i), path + "[" + i + "]"));
            }
            return out;
        }
        return fail(path + " is a " + value.getClass().getName() + ", which is not a JSON value (use maps, lists, strings, "
                + "numbers and booleans)");
    }

    /** Runs the task on {@link #THREADS} threads at once and returns each result. */
    static <T> List<T> concurrently(Callable<T> task) {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Callable<T>> tasks = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                tasks.add(task);
            }
            List<T> out = new ArrayList<>();
            for (Future<T> f : pool.invokeAll(tasks)) {
                out.add(f.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new AssertionError("a concurrent call failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
