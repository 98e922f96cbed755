package dev.vigil.testing;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Property tests and fuzzing with plain JUnit: a property is checked on many cases drawn from a
 * seeded random generator, each case from its own seed, so that a failure names the seed that
 * replays it ({@link #replay}). The same seed always draws the same cases, on any machine.
 *
 * <p>The number of cases is the one a test asks for, times the system property {@code
 * vigil.trials.factor} (default 1): a nightly run sets, say, {@code -Dvigil.trials.factor=100}.
 *
 * <p>Vigil does not use jqwik: its runs print a notice asking AI agents not to use it and to ignore
 * its results, and Vigil's tests are also written and read by AI agents.
 */
public final class Trials {
    private Trials() {
    }

    /** One case of a property, drawn from {@code random}; throws (an assertion error) when the property fails. */
    @FunctionalInterface
    public interface Case {
        /** Checks the property on the case {@code random} draws. */
        void check(SplittableRandom random) throws Exception;
    }

    /** How many cases to check for a test that asks for {@code tries}: scaled by {@code vigil.trials.factor}. */
    public static int count(int tries) {
        double factor = Double.parseDouble(System.getProperty("vigil.trials.factor", "1"));
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, Math.round(tries * factor)));
    }

    /**
     * Checks a property on {@link #count(int) count(tries)} cases drawn from {@code seed}.
     *
     * @throws AssertionError naming the case and the seed that replays it, with the failure as its cause
     */
    public static void forAll(long seed, int tries, Case property) {
        SplittableRandom seeds = new SplittableRandom(seed);
        int n = count(tries);
        for (int i = 0; i < n; i++) {
            long caseSeed = seeds.nextLong();
            try {
                property.check(new SplittableRandom(caseSeed));
            } catch (Throwable failure) {
                throw new AssertionError("case " + (i + 1) + " of " + n + " failed; replay it with Trials.replay(" + caseSeed
                        + "L, …): " + failure.getMessage(), failure);
            }
        }
    }

    /** Checks a property on the one case a failure report named. */
    public static void replay(long caseSeed, Case property) throws Exception {
        property.check(new SplittableRandom(caseSeed));
    }

    /** A string of {@code min} to {@code max} characters (inclusive) drawn from {@code alphabet}. */
    public static String string(SplittableRandom random, String alphabet, int min, int max) {
        int length = random.nextInt(min, max + 1);
        int[] codePoints = alphabet.codePoints().toArray();
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.appendCodePoint(codePoints[random.nextInt(codePoints.length)]);
        }
        return sb.toString();
    }

    /** One of the given values, each as likely. */
    @SafeVarargs
    public static <T> T oneOf(SplittableRandom random, T... values) {
        return values[random.nextInt(values.length)];
    }

    /** One element of a non-empty list, each as likely. */
    public static <T> T oneOf(SplittableRandom random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    /**
     * A double of any kind a parser or a writer meets: any bit pattern (NaN and infinities included),
     * an edge value, a whole number up to 10^18, or a plain value between −10^6 and 10^6.
     */
    public static double anyDouble(SplittableRandom random) {
        return switch (random.nextInt(4)) {
            case 0 -> Double.longBitsToDouble(random.nextLong());
            case 1 -> oneOf(random, 0.0, -0.0, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE,
                    Double.MIN_NORMAL, 1e15, 1e15 - 1, -1e15, 0.1, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY);
            case 2 -> (double) random.nextLong(-1_000_000_000_000_000L, 1_000_000_000_000_000L);
            default -> random.nextDouble(-1e6, 1e6);
        };
    }

    /** A whole number of 1 to 19 digits, each number of digits as likely, with either sign; now and then a long's extreme. */
    public static long anyMagnitude(SplittableRandom random) {
        if (random.nextInt(20) == 0) {
            return random.nextBoolean() ? Long.MAX_VALUE : Long.MIN_VALUE;
        }
        int digits = random.nextInt(1, 20);
        long bound = digits == 19 ? Long.MAX_VALUE : (long) Math.pow(10, digits);
        long m = random.nextLong(bound);
        return random.nextBoolean() ? m : -m;
    }
}
