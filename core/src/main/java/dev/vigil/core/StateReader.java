package dev.vigil.core;

import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.VigilException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a model's state — a tree of maps, lists, strings, numbers and booleans as parsed from a JSON
 * model file — with typed getters that fail with {@link ErrorCode#BAD_MODEL} naming the path of
 * whatever is missing or of the wrong type. For plugins restoring their own state, too.
 */
public final class StateReader {
    private final Map<String, Object> map;
    private final String path;

    private StateReader(Map<String, Object> map, String path) {
        this.map = map;
        this.path = path;
    }

    /** Reads a state map found at {@code path} (for messages, e.g. {@code "model.normalBehaviorModel"}). */
    public static StateReader of(Map<String, Object> map, String path) {
        if (map == null) {
            throw corrupted(path, "is missing");
        }
        return new StateReader(map, path);
    }

    /** The path of this map. */
    public String path() {
        return path;
    }

    /** Whether the key is present and not null. */
    public boolean has(String key) {
        return map.get(key) != null;
    }

    /** A string. */
    public String string(String key) {
        return get(key, String.class, "a string");
    }

    /** A string, or empty when absent or null. */
    public Optional<String> optionalString(String key) {
        return has(key) ? Optional.of(string(key)) : Optional.empty();
    }

    /** A boolean. */
    public boolean bool(String key) {
        return get(key, Boolean.class, "true or false");
    }

    /** A finite number. */
    public double number(String key) {
        double v = get(key, Number.class, "a number").doubleValue();
        if (!Double.isFinite(v)) {
            throw corrupted(path + "." + key, "must be a finite number, got " + v);
        }
        return v;
    }

    /** A whole number. */
    public int integer(String key) {
        double v = number(key);
        if (v != Math.rint(v) || Math.abs(v) > Integer.MAX_VALUE) {
            throw corrupted(path + "." + key, "must be a whole number, got " + v);
        }
        return (int) v;
    }

    /** A whole number that fits a long. */
    public long longInteger(String key) {
        Number n = get(key, Number.class, "a whole number");
        if (n instanceof Double d && d != Math.rint(d)) {
            throw corrupted(path + "." + key, "must be a whole number, got " + d);
        }
        return n.longValue();
    }

    /** A list of finite numbers. */
    public double[] doubles(String key) {
        List<?> list = get(key, List.class, "a list of numbers");
        double[] out = new double[list.size()];
        for (int i = 0; i < out.length; i++) {
            if (!(list.get(i) instanceof Number n) || !Double.isFinite(n.doubleValue())) {
                throw corrupted(path + "." + key + "[" + i + "]", "must be a finite number, got " + list.get(i));
            }
            out[i] = n.doubleValue();
        }
        return out;
    }

    /** A list of strings. */
    public List<String> strings(String key) {
        List<?> list = get(key, List.class, "a list of strings");
        List<String> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof String s)) {
                throw corrupted(path + "." + key + "[" + i + "]", "must be a string, got " + list.get(i));
            }
            out.add(s);
        }
        return out;
    }

    /** A nested map. */
    @SuppressWarnings("unchecked")
    public StateReader map(String key) {
        return new StateReader(get(key, Map.class, "an object"), path + "." + key);
    }

    /** A list of maps. */
    @SuppressWarnings("unchecked")
    public List<StateReader> maps(String key) {
        List<?> list = get(key, List.class, "a list of objects");
        List<StateReader> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof Map<?, ?> m)) {
                throw corrupted(path + "." + key + "[" + i + "]", "must be an object, got " + list.get(i));
            }
            out.add(new StateReader((Map<String, Object>) m, path + "." + key + "[" + i + "]"));
        }
        return out;
    }

    /** The raw map. */
    public Map<String, Object> raw() {
        return map;
    }

    /** An error about this map's content. */
    public VigilException error(String key, String problem) {
        return corrupted(path + "." + key, problem);
    }

    private <T> T get(String key, Class<T> type, String expected) {
        Object v = map.get(key);
        if (v == null) {
            throw corrupted(path + "." + key, "is missing");
        }
        if (!type.isInstance(v)) {
            throw corrupted(path + "." + key, "must be " + expected + ", got " + v);
        }
        return type.cast(v);
    }

    private static VigilException corrupted(String where, String problem) {
        return new VigilException(ErrorCode.BAD_MODEL, "The model is corrupted: " + where + " " + problem);
    }
}
