package dev.vigil.io.layout;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.io.AtomicFiles;
import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.Names;
import dev.vigil.spi.VigilException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The components of a data set and the sensors of each: Lookout for Equipment's dataset schema
 * ({@code InlineDataSchema}), read and written in its JSON form:
 *
 * <pre>{"Components":[{"ComponentName":"pump","Columns":[{"Name":"Timestamp","Type":"DATETIME"},
 *     {"Name":"Sensor0","Type":"DOUBLE"}]}]}</pre>
 *
 * <p>The first column of a component is its timestamp ({@code DATETIME}), every other a sensor ({@code
 * DOUBLE}); a component has at least one sensor; component names follow Lookout's pattern {@code
 * [0-9a-zA-Z._-]{1,200}}. Given to {@link Layouts#read} (through {@link LayoutOptions#schema()}), it
 * selects the components and sensors read.
 *
 * @param components the components, in order
 */
public record DatasetSchema(List<Component> components) {
    /** Lookout's component names. */
    static final Pattern COMPONENT_NAME = Pattern.compile("[0-9a-zA-Z._\\-]{1,200}");
    private static final ObjectMapper JSON = JsonMapper.builder().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(SerializationFeature.INDENT_OUTPUT).build();

    /**
     * One component.
     *
     * @param componentName its name
     * @param timestampColumn the name of its timestamp column ({@code Timestamp} in Lookout's samples)
     * @param sensors its sensor columns, in order, at least one
     */
    public record Component(String componentName, String timestampColumn, List<String> sensors) {
        public Component {
            requireNonNull(componentName, "componentName is null");
            requireNonNull(timestampColumn, "timestampColumn is null");
            sensors = List.copyOf(requireNonNull(sensors, "sensors is null"));
            if (!COMPONENT_NAME.matcher(componentName).matches()) {
                throw new VigilException(ErrorCode.INVALID_CONFIGURATION, "'" + componentName + "' is not a component name; Lookout's are 1 to "
                        + "200 letters, digits, '.', '_' or '-'");
            }
            if (sensors.isEmpty()) {
                throw new VigilException(ErrorCode.INVALID_CONFIGURATION, "Component '" + componentName + "' has no sensor; it needs at least one");
            }
            Set<String> seen = new HashSet<>();
            seen.add(timestampColumn);
            for (String s : sensors) {
                if (s.isEmpty() || s.indexOf(SignalId.SEPARATOR) >= 0 || !seen.add(s)) {
                    throw new VigilException(ErrorCode.INVALID_CONFIGURATION, "Component '" + componentName + "': '" + s
                            + "' cannot be a sensor name (empty, holding a backslash, or named twice)");
                }
            }
        }
    }

    public DatasetSchema {
        components = List.copyOf(requireNonNull(components, "components is null"));
        Set<String> names = new HashSet<>();
        for (Component c : components) {
            if (!names.add(c.componentName())) {
                throw new VigilException(ErrorCode.INVALID_CONFIGURATION, "Component '" + c.componentName() + "' is listed twice");
            }
        }
    }

    /** The schema of the given signals: their components in order of first appearance, each with its tags; timestamps named {@code Timestamp}. */
    public static DatasetSchema of(List<SignalId> signals) {
        Map<String, List<String>> byComponent = new LinkedHashMap<>();
        for (SignalId s : signals) {
            if (!s.hasComponent()) {
                throw new IllegalArgumentException("signal '" + s + "' has no component");
            }
            byComponent.computeIfAbsent(s.component(), k -> new ArrayList<>()).add(s.tag());
        }
        List<Component> out = new ArrayList<>();
        byComponent.forEach((c, tags) -> out.add(new Component(c, "Timestamp", tags)));
        return new DatasetSchema(out);
    }

    /** The component of that name, if listed. */
    public java.util.Optional<Component> component(String name) {
        return components.stream().filter(c -> c.componentName().equals(name)).findFirst();
    }

    /** The signals the schema lists, {@code component\tag}, in order. */
    public List<SignalId> signals() {
        List<SignalId> out = new ArrayList<>();
        for (Component c : components) {
            for (String s : c.sensors()) {
                out.add(new SignalId(c.componentName(), s));
            }
        }
        return out;
    }

    /** Lookout's JSON of the schema, indented. */
    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode comps = root.putArray("Components");
        for (Component c : components) {
            ObjectNode o = comps.addObject();
            o.put("ComponentName", c.componentName());
            ArrayNode cols = o.putArray("Columns");
            cols.addObject().put("Name", c.timestampColumn()).put("Type", "DATETIME");
            for (String s : c.sensors()) {
                cols.addObject().put("Name", s).put("Type", "DOUBLE");
            }
        }
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new VigilException(ErrorCode.INTERNAL, "Cannot write the schema as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Writes {@link #toJson()} to a file, atomically. */
    public void write(Path file) {
        String text = toJson();
        AtomicFiles.writeText(file, w -> w.write(text));
    }

    /** Reads a schema from Lookout's JSON text; {@code source} names it in messages. */
    public static DatasetSchema parse(String json, String source) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new VigilException(ErrorCode.INVALID_CONFIGURATION, source + " is not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")"), e);
        }
        if (root == null || !root.isObject()) {
            throw bad(source, "$", "expected an object {\"Components\": […]}");
        }
        onlyKeys(root, source, "$", "Components");
        JsonNode comps = root.get("Components");
        if (comps == null || !comps.isArray() || comps.isEmpty()) {
            throw bad(source, "$.Components", "expected a non-empty list of components");
        }
        List<Component> out = new ArrayList<>();
        for (int i = 0; i < comps.size(); i++) {
            String at = "$.Components[" + i + "]";
            JsonNode c = comps.get(i);
            if (!c.isObject()) {
                throw bad(source, at, "expected an object {\"ComponentName\": …, \"Columns\": […]}");
            }
            onlyKeys(c, source, at, "ComponentName", "Columns");
            JsonNode name = c.get("ComponentName");
            if (name == null || !name.isTextual()) {
                throw bad(source, at + ".ComponentName", "expected the component's name, text");
            }
            JsonNode cols = c.get("Columns");
            if (cols == null || !cols.isArray() || cols.size() < 2) {
                throw bad(source, at + ".Columns", "expected the timestamp column (DATETIME) and at least one sensor column (DOUBLE)");
            }
            String timestamp = null;
            List<String> sensors = new ArrayList<>();
            for (int k = 0; k < cols.size(); k++) {
                String cat = at + ".Columns[" + k + "]";
                JsonNode col = cols.get(k);
                if (!col.isObject()) {
                    throw bad(source, cat, "expected an object {\"Name\": …, \"Type\": …}");
                }
                onlyKeys(col, source, cat, "Name", "Type");
                JsonNode n = col.get("Name");
                JsonNode t = col.get("Type");
                if (n == null || !n.isTextual() || n.asText().isEmpty()) {
                    throw bad(source, cat + ".Name", "expected the column's name");
                }
                String expected = k == 0 ? "DATETIME" : "DOUBLE";
                if (t == null || !t.isTextual() || !t.asText().equals(expected)) {
                    throw bad(source, cat + ".Type", "expected \"" + expected + "\"" + (k == 0 ? " (the first column is the timestamp)"
                            : " (every column after the timestamp is a sensor)") + (t == null ? "" : ", got " + t));
                }
                if (k == 0) {
                    timestamp = n.asText();
                } else {
                    sensors.add(n.asText());
                }
            }
            try {
                out.add(new Component(name.asText(), timestamp, sensors));
            } catch (VigilException e) {
                throw bad(source, at, e.getMessage());
            }
        }
        try {
            return new DatasetSchema(out);
        } catch (VigilException e) {
            throw bad(source, "$.Components", e.getMessage());
        }
    }

    /** Reads a schema file in Lookout's JSON. */
    public static DatasetSchema read(Path file) {
        try {
            return parse(Files.readString(file), file.toString());
        } catch (NoSuchFileException e) {
            throw new VigilException(ErrorCode.FILE_NOT_FOUND, file + " does not exist", e);
        } catch (IOException e) {
            throw new VigilException(ErrorCode.IO_FAILURE, "Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static void onlyKeys(JsonNode node, String source, String at, String... known) {
        List<String> keys = List.of(known);
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!keys.contains(key)) {
                throw bad(source, at, "unknown key " + Names.unknown(key, keys));
            }
        }
    }

    private static VigilException bad(String source, String at, String problem) {
        return new VigilException(ErrorCode.INVALID_CONFIGURATION, source + ": " + at + ": " + problem);
    }
}
