package dev.vigil.system.models;

import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.Names;
import dev.vigil.spi.VigilException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * Reads a system model's parameters against its known names and defaults, collecting every problem
 * so that all are reported together: an unknown name with the nearest known one, a value of the wrong
 * type or out of range with what would be valid. Values may be numbers, booleans and strings as JSON
 * gives them, or strings that read as numbers (as a command line gives them); {@code "auto"} where a
 * parameter allows it. Not thread-safe; one per check.
 */
final class Parameters {
    static final String AUTO = "auto";

    private final String model;
    private final Map<String, Object> given;
    private final Map<String, Object> defaults;
    private final List<String> problems = new ArrayList<>();

    private Parameters(String model, Map<String, Object> defaults, Map<String, Object> given) {
        this.model = model;
        this.defaults = defaults;
        this.given = given;
        for (String name : given.keySet()) {
            if (!defaults.containsKey(name)) {
                problems.add("unknown parameter " + Names.unknown(name, defaults.keySet(), "parameters"));
            }
        }
    }

    /**
     * Starts reading {@code given} for the model named {@code model}, whose parameters are the keys of
     * {@code defaults}; unknown names are problems at once.
     */
    static Parameters of(String model, Map<String, Object> defaults, Map<String, Object> given) {
        return new Parameters(model, defaults, given);
    }

    private Object value(String name) {
        if (!defaults.containsKey(name)) {
            throw new IllegalArgumentException(model + " has no parameter " + name);
        }
        Object v = given.get(name);
        return v != null ? v : defaults.get(name);
    }

    private static boolean isAuto(Object v) {
        return v instanceof String s && s.strip().equalsIgnoreCase(AUTO);
    }

    private Double numeric(String name, Object v, String expected) {
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof String s) {
            try {
                return Double.valueOf(s.strip());
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        problems.add(name + " must be " + expected + ", got " + describe(v));
        return null;
    }

    /** A whole number in {@code [min, max]}; the default when the value is bad (the problem is recorded). */
    int integer(String name, int min, int max) {
        OptionalInt v = integer(name, min, max, false);
        return v.isPresent() ? v.getAsInt() : ((Number) defaults.get(name)).intValue();
    }

    /** A whole number in {@code [min, max]}, or empty for {@code "auto"}. */
    OptionalInt integerOrAuto(String name, int min, int max) {
        return integer(name, min, max, true);
    }

    private OptionalInt integer(String name, int min, int max, boolean autoAllowed) {
        Object v = value(name);
        if (autoAllowed && isAuto(v)) {
            return OptionalInt.empty();
        }
        String expected = "a whole number from " + min + " to " + max + (autoAllowed ? " or \"auto\"" : "");
        Double d = numeric(name, v, expected);
        if (d == null) {
            return OptionalInt.empty();
        }
        if (d != Math.rint(d) || d < min || d > max) {
            problems.add(name + " must be " + expected + ", got " + describe(v));
            return OptionalInt.empty();
        }
        return OptionalInt.of((int) (double) d);
    }

    /** A number in {@code [min, max]}. */
    double number(String name, double min, double max) {
        OptionalDouble v = number(name, min, max, false);
        return v.isPresent() ? v.getAsDouble() : ((Number) defaults.get(name)).doubleValue();
    }

    /** A number in {@code [min, max]}, or empty for {@code "auto"}. */
    OptionalDouble numberOrAuto(String name, double min, double max) {
        return number(name, min, max, true);
    }

    private OptionalDouble number(String name, double min, double max, boolean autoAllowed) {
        Object v = value(name);
        if (autoAllowed && isAuto(v)) {
            return OptionalDouble.empty();
        }
        String expected = "a number from " + fmt(min) + " to " + fmt(max) + (autoAllowed ? " or \"auto\"" : "");
        Double d = numeric(name, v, expected);
        if (d == null) {
            return OptionalDouble.empty();
        }
        if (!(d >= min && d <= max)) {
            problems.add(name + " must be " + expected + ", got " + describe(v));
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(d);
    }

    /** A boolean ({@code true}/{@code false}, or those words as strings). */
    boolean bool(String name) {
        Object v = value(name);
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof String s && (s.strip().equalsIgnoreCase("true") || s.strip().equalsIgnoreCase("false"))) {
            return Boolean.parseBoolean(s.strip());
        }
        problems.add(name + " must be true or false, got " + describe(v));
        return (Boolean) defaults.get(name);
    }

    /** One of the allowed words (case-insensitive), as spelled in {@code allowed}. */
    String choice(String name, List<String> allowed) {
        Object v = value(name);
        if (v instanceof String s) {
            for (String a : allowed) {
                if (a.equalsIgnoreCase(s.strip())) {
                    return a;
                }
            }
        }
        problems.add(name + " must be one of " + String.join(", ", allowed) + ", got " + describe(v)
                + (v instanceof String s ? Names.nearest(s, allowed).map(n -> " (did you mean '" + n + "'?)").orElse("") : ""));
        return (String) defaults.get(name);
    }

    /** A list of non-blank strings, no name twice. */
    List<String> strings(String name) {
        Object v = value(name);
        if (v instanceof List<?> list) {
            List<String> out = new ArrayList<>();
            boolean ok = true;
            for (Object o : list) {
                ok &= o instanceof String s && !s.isBlank();
                if (o instanceof String s) {
                    out.add(s.strip());
                }
            }
            if (ok && out.stream().distinct().count() == out.size()) {
                return List.copyOf(out);
            }
        } else if (v instanceof String s && !s.isBlank()) {
            List<String> out = new ArrayList<>();
            for (String part : s.split(",")) {
                if (!part.isBlank()) {
                    out.add(part.strip());
                }
            }
            if (out.stream().distinct().count() == out.size()) {
                return List.copyOf(out);
            }
        }
        problems.add(name + " must be a list of distinct names, got " + describe(v));
        @SuppressWarnings("unchecked")
        List<String> fallback = (List<String>) defaults.get(name);
        return fallback;
    }

    /** Records a problem found by a check across parameters. */
    void problem(String problem) {
        problems.add(problem);
    }

    /** Whether a problem was found so far. */
    boolean hasProblems() {
        return !problems.isEmpty();
    }

    /** Throws {@link ErrorCode#INVALID_CONFIGURATION} listing every problem, if there is one. */
    void throwIfAny() {
        if (problems.size() == 1) {
            throw new VigilException(ErrorCode.INVALID_CONFIGURATION, "Invalid parameter of the " + model + " system model: " + problems.get(0));
        }
        if (!problems.isEmpty()) {
            throw VigilException.ofProblems(ErrorCode.INVALID_CONFIGURATION, "Invalid parameters of the " + model + " system model", problems);
        }
    }

    /** An ordered map, for defaults and resolved parameters. */
    static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    private static String describe(Object v) {
        return v instanceof String s ? "'" + s + "'" : String.valueOf(v);
    }

    static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(Locale.ROOT, "%s", v);
    }
}
