package dev.vigil.features;

import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.FeatureContext;
import dev.vigil.spi.FeatureSpec;
import dev.vigil.spi.VigilException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** Small shared helpers of the generators: specs, labels, spans of the in-sample data. */
final class Specs {
    private Specs() {
    }

    /** A spec from alternating parameter names and values. */
    static FeatureSpec spec(String type, String predictor, Object... nameValue) {
        Map<String, Double> params = new LinkedHashMap<>();
        for (int i = 0; i < nameValue.length; i += 2) {
            params.put((String) nameValue[i], ((Number) nameValue[i + 1]).doubleValue());
        }
        return new FeatureSpec(type, predictor, params);
    }

    /** {@code t}, {@code t-1}, … */
    static String at(int offset) {
        return offset == 0 ? "t" : "t" + offset;
    }

    /** Refuses a spec written by another generator. */
    static void requireType(FeatureSpec spec, String type) {
        if (!spec.type().equals(type)) {
            throw new VigilException(ErrorCode.BAD_MODEL, "Feature generator " + type + " cannot restore a "
                    + spec.type() + " feature; the model file is corrupted");
        }
    }

    /** A stored offset, which must be 0 or negative. */
    static int offset(FeatureSpec spec) {
        int offset = spec.intParameter("offset");
        if (offset > 0) {
            throw new VigilException(ErrorCode.BAD_MODEL, "Feature " + spec.type() + " of " + spec.predictor()
                    + " has offset " + offset + " > 0, which would read the future; the model file is corrupted");
        }
        return offset;
    }

    /** Time between the first and the last in-sample row. */
    static Duration inSampleSpan(FeatureContext context) {
        if (context.inSample().isEmpty()) {
            return Duration.ZERO;
        }
        return Duration.ofMillis(context.frame().time(context.inSample().last()) - context.frame().time(context.inSample().first()));
    }

    /** The in-sample values of a column at an offset that are finite, sorted. */
    static double[] sortedInSample(FeatureContext context, double[] values, int offset) {
        int[] rows = context.inSample().toArray();
        double[] v = new double[rows.length];
        int n = 0;
        for (int r : rows) {
            int at = r + offset;
            if (at >= 0 && Double.isFinite(values[at])) {
                v[n++] = values[at];
            }
        }
        double[] out = java.util.Arrays.copyOf(v, n);
        java.util.Arrays.sort(out);
        return out;
    }

    /** Formats a knot or coefficient compactly for labels. */
    static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return String.format(java.util.Locale.ROOT, "%.6g", v).replaceFirst("\\.?0+(e|$)", "$1");
    }

    /** A period written compactly: {@code 24h}, {@code 8h}, {@code 7d}, {@code 84h}, {@code 90m}. */
    static String period(long seconds) {
        if (seconds % 86_400 == 0 && seconds >= 2 * 86_400) {
            return seconds / 86_400 + "d";
        }
        if (seconds % 3600 == 0) {
            return seconds / 3600 + "h";
        }
        if (seconds % 60 == 0) {
            return seconds / 60 + "m";
        }
        return seconds + "s";
    }
}
