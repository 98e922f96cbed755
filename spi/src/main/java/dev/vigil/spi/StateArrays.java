package dev.vigil.spi;

import java.util.Arrays;
import java.util.function.BiConsumer;
import java.util.function.Function;

/** The states of several evaluators as one array, each prefixed by its length, and back. */
final class StateArrays {
    private StateArrays() {
    }

    static <T> double[] join(T[] parts, Function<T, double[]> state) {
        double[][] states = new double[parts.length][];
        int n = 0;
        for (int i = 0; i < parts.length; i++) {
            states[i] = state.apply(parts[i]);
            n += 1 + states[i].length;
        }
        double[] out = new double[n];
        int at = 0;
        for (double[] s : states) {
            out[at++] = s.length;
            System.arraycopy(s, 0, out, at, s.length);
            at += s.length;
        }
        return out;
    }

    static <T> void split(double[] joined, T[] parts, BiConsumer<T, double[]> restore) {
        int at = 0;
        for (T part : parts) {
            if (at >= joined.length || joined[at] != Math.rint(joined[at]) || joined[at] < 0 || at + 1 + joined[at] > joined.length) {
                throw new IllegalArgumentException("the state of " + parts.length + " factors is malformed at position " + at);
            }
            int n = (int) joined[at];
            restore.accept(part, Arrays.copyOfRange(joined, at + 1, at + 1 + n));
            at += 1 + n;
        }
        if (at != joined.length) {
            throw new IllegalArgumentException("the state of " + parts.length + " factors has " + (joined.length - at) + " values too many");
        }
    }
}
