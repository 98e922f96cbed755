package dev.vigil.io.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.spi.Names;
import dev.vigil.spi.VigilException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A JSON object being read into settings: typed getters that record a problem (with the JSON path)
 * instead of failing, so that every problem of a file is reported together; {@link #finish()} reports
 * keys that were never asked for, with the nearest known key.
 */
final class JsonObject {
    private final String path;
    private final JsonNode node;
    private final List<String> problems;
    private final Set<String> known = new LinkedHashSet<>();

    JsonObject(String path, JsonNode node, List<String> problems) {
        this.path = path;
        this.node = node;
        this.problems = problems;
    }

    String path() {
        return path;
    }

    List<String> problems() {
        return problems;
    }

    String at(String key) {
        return path + "." + key;
    }

    void problem(String key, String message) {
        problems.add((key == null ? path : at(key)) + ": " + message);
    }

    /** Marks keys as known without reading them (accepted and ignored). */
    boolean has(String key) {
        known.add(key);
        JsonNode v = node.get(key);
        return v != null && !v.isNull();
    }

    JsonNode raw(String key) {
        known.add(key);
        JsonNode v = node.get(key);
        return v == null || v.isNull() ? null : v;
    }

    Optional<JsonObject> object(String key) {
        JsonNode v = raw(key);
        if (v == null) {
            return Optional.empty();
        }
        if (!v.isObject()) {
            problem(key, "expected an object {…}, got " + describe(v));
            return Optional.empty();
        }
        return Optional.of(new JsonObject(at(key), v, problems));
    }

    Optional<String> string(String key) {
        JsonNode v = raw(key);
        if (v == null) {
            return Optional.empty();
        }
        if (!v.isTextual()) {
            problem(key, "expected a string, got " + describe(v));
            return Optional.empty();
        }
        return Optional.of(v.asText());
    }

    Optional<Boolean> bool(String key) {
        JsonNode v = raw(key);
        if (v == null) {
            return Optional.empty();
        }
        if (!v.isBoolean()) {
            problem(key, "expected true or false, got " + describe(v));
            return Optional.empty();
        }
        return Optional.of(v.asBoolean());
    }

    OptionalDouble number(String key) {
        JsonNode v = raw(key);
        if (v == null) {
            return OptionalDouble.empty();
        }
        if (!v.isNumber() || !Double.isFinite(v.asDouble())) {
            problem(key, "expected a number, got " + describe(v));
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(v.asDouble());
    }

    OptionalInt integer(String key) {
        JsonNode v = raw(key);
        return v == null ? OptionalInt.empty() : wholeNumber(key, v, "a whole number");
    }

    /** A whole number or the string "auto" (empty result). */
    OptionalInt integerOrAuto(String key, Supplier<OptionalInt> absent) {
        JsonNode v = raw(key);
        if (v == null) {
            return absent.get();
        }
        if (v.isTextual() && v.asText().equalsIgnoreCase("auto")) {
            return OptionalInt.empty();
        }
        return wholeNumber(key, v, "a whole number or \"auto\"");
    }

    private OptionalInt wholeNumber(String key, JsonNode v, String expected) {
        if (!v.isNumber() || v.asDouble() != Math.rint(v.asDouble()) || Math.abs(v.asDouble()) > Integer.MAX_VALUE) {
            problem(key, "expected " + expected + ", got " + describe(v));
            return OptionalInt.empty();
        }
        return OptionalInt.of(v.asInt());
    }

    /** An enum constant by name, case-insensitively; aliases map alternative spellings. */
    <E extends Enum<E>> Optional<E> enumValue(String key, Class<E> type, String... aliases) {
        JsonNode v = raw(key);
        return v == null ? Optional.empty() : enumOf(key, v, type, aliases);
    }

    <E extends Enum<E>> Optional<E> enumOf(String key, JsonNode v, Class<E> type, String... aliases) {
        List<String> names = Arrays.stream(type.getEnumConstants()).map(Enum::name).toList();
        if (!v.isTextual()) {
            problem(key, "expected one of " + String.join(", ", names) + ", got " + describe(v));
            return Optional.empty();
        }
        String text = v.asText();
        for (int i = 0; i + 1 < aliases.length; i += 2) {
            if (aliases[i].equalsIgnoreCase(text)) {
                text = aliases[i + 1];
            }
        }
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(text)) {
                return Optional.of(e);
            }
        }
        problem(key, "'" + v.asText() + "' is not valid; " + Names.unknown(v.asText(), names, "valid").replaceFirst("^'[^']*'; ", ""));
        return Optional.empty();
    }

    /** The elements of an array (empty when absent or not an array; the latter is a problem). */
    List<JsonNode> array(String key) {
        JsonNode v = raw(key);
        if (v == null) {
            return List.of();
        }
        if (!v.isArray()) {
            problem(key, "expected an array […], got " + describe(v));
            return List.of();
        }
        List<JsonNode> items = new ArrayList<>();
        v.forEach(items::add);
        return items;
    }

    /** A list of strings. */
    Optional<List<String>> strings(String key) {
        if (raw(key) == null) {
            return Optional.empty();
        }
        List<String> out = new ArrayList<>();
        List<JsonNode> items = array(key);
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i).isTextual()) {
                out.add(items.get(i).asText());
            } else {
                problem(key + "[" + i + "]", "expected a string, got " + describe(items.get(i)));
            }
        }
        return Optional.of(out);
    }

    /** Runs a record constructor, turning its validation problems into problems at this path. */
    <T> Optional<T> build(Supplier<T> constructor) {
        try {
            return Optional.of(constructor.get());
        } catch (VigilException e) {
            for (String p : e.problems()) {
                problems.add(path + ": " + p);
            }
            return Optional.empty();
        }
    }

    /** Reports every key of this object that nobody asked for. */
    void finish() {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!known.contains(name)) {
                Optional<String> near = Names.nearest(name, known);
                problems.add(at(name) + ": unknown key" + near.map(n -> "; did you mean '" + n + "'?").orElse(";")
                        + " known keys here: " + String.join(", ", known));
            }
        }
    }

    static String describe(JsonNode v) {
        if (v.isTextual()) {
            return "\"" + v.asText() + "\"";
        }
        if (v.isObject()) {
            return "an object";
        }
        if (v.isArray()) {
            return "an array";
        }
        return v.toString().toLowerCase(Locale.ROOT);
    }
}
