package dev.vigil.io.model;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.vigil.core.detection.DetectionModel;
import dev.vigil.core.plugin.PluginRegistry;
import dev.vigil.io.AtomicFiles;
import dev.vigil.io.config.ConfigurationReader;
import dev.vigil.io.config.ConfigurationWriter;
import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.VigilException;
import dev.vigil.spi.log.JobLog;
import dev.vigil.spi.settings.JobSettings;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Model files: versioned JSON holding everything needed to detect in another process with
 * bit-identical results.
 *
 * <pre>{@code
 * {"vigilModelVersion": 1, "createdAt": "…", "approach": "kpi-driven",
 *  "settings": {TIM-shaped configuration and data},
 *  "model": {samplingPeriod, inSample, normalBehaviorModel: {factory, state}, …},
 *  "checksum": "sha256:…"}
 * }</pre>
 *
 * Numbers are written in the shortest form that reads back to the same double. The checksum covers
 * {@code settings} and {@code model} as written, so an edited, corrupted or truncated file is refused,
 * as is a file from a newer model version, each with a message saying which. {@code approach} says
 * which kind of model the file holds ({@link #approach}); {@link SystemModelFiles} writes and reads the
 * system-driven ones in the same envelope. Thread-safe (stateless).
 */
public final class ModelFiles {
    /** The model format this Vigil writes and the newest it reads. */
    public static final int VERSION = 1;
    /** The approach of the models {@link #write} writes. */
    static final String KPI_DRIVEN = "kpi-driven";

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final ObjectMapper PRETTY = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private ModelFiles() {
    }

    /** Writes a model atomically. */
    public static void write(DetectionModel model, Path file) {
        write(KPI_DRIVEN, ConfigurationWriter.toTree(model.settings()), model.state(), file);
    }

    /**
     * The checksum {@link #write} records for a model ({@code sha256:…}), which results tables and
     * reports record to name the model they came from.
     */
    public static String checksum(DetectionModel model) {
        return checksum(ConfigurationWriter.toTree(model.settings()), model.state());
    }

    /**
     * The checksum a model file records, after the same checks as reading it (so it is the file's own:
     * an edited file is refused); no plugin is needed.
     */
    public static String checksumOf(Path file) {
        return String.valueOf(readRoot(file).get("checksum"));
    }

    /** Writes a model file of an approach atomically: version, time, approach, settings, model, checksum. */
    static void write(String approach, Map<String, Object> settings, Map<String, Object> state, Path file) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("vigilModelVersion", VERSION);
        root.put("createdAt", Instant.now().atOffset(ZoneOffset.UTC).toString());
        root.put("approach", approach);
        root.put("settings", settings);
        root.put("model", state);
        root.put("checksum", checksum(settings, state));
        AtomicFiles.writeBytes(file, out -> PRETTY.writeValue(out, root));
    }

    /**
     * Which approach a model file holds ({@code "kpi-driven"} or {@code "system-driven"}), after the
     * same checks as reading it.
     */
    public static String approach(Path file) {
        return String.valueOf(readRoot(file).getOrDefault("approach", KPI_DRIVEN));
    }

    /**
     * Reads a model, restoring its plugins from the registry.
     *
     * @throws VigilException {@link ErrorCode#FILE_NOT_FOUND}, or {@link ErrorCode#BAD_MODEL} for a
     *     file that is not a Vigil model, truncated, corrupted, or from a newer version
     */
    public static DetectionModel read(Path file, PluginRegistry registry) {
        Map<String, Object> root = readRoot(file);
        Object approach = root.getOrDefault("approach", KPI_DRIVEN);
        if (!KPI_DRIVEN.equals(approach)) {
            throw new VigilException(ErrorCode.BAD_MODEL, "Model file " + file + " holds a " + approach + " model, not a kpi-driven one"
                    + (SystemModelFiles.APPROACH.equals(approach) ? "; read it with SystemModelFiles" : ""));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> settingsMap = (Map<String, Object>) root.get("settings");
        @SuppressWarnings("unchecked")
        Map<String, Object> stateMap = (Map<String, Object>) root.get("model");
        JobSettings settings;
        try {
            settings = ConfigurationReader.parse(JSON.writeValueAsString(settingsMap), file + " (settings)", ZoneOffset.UTC, new JobLog());
        } catch (JsonProcessingException e) {
            throw new VigilException(ErrorCode.INTERNAL, "Cannot re-serialise the settings of " + file + ": " + e.getMessage(), e);
        } catch (VigilException e) {
            throw new VigilException(ErrorCode.BAD_MODEL, "Model file " + file + " holds invalid settings: " + e.getMessage(), e);
        }
        return DetectionModel.restore(settings, stateMap, registry);
    }

    /**
     * The root object of a model file of any approach, after checking that it is a Vigil model file of
     * a version this Vigil reads, with {@code "settings"} and {@code "model"} objects matching its
     * checksum.
     *
     * @throws VigilException {@link ErrorCode#FILE_NOT_FOUND}, or {@link ErrorCode#BAD_MODEL} for a
     *     file that is not a Vigil model, truncated, corrupted, or from a newer version
     */
    static Map<String, Object> readRoot(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new VigilException(ErrorCode.FILE_NOT_FOUND, "Model file " + file + (Files.exists(file) ? " is not a file" : " does not exist"));
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            throw new VigilException(ErrorCode.BAD_MODEL, file + " is not a Vigil model file: it is not UTF-8 text (a model file is JSON "
                    + "written by vigil build-model); was another file named?", e);
        } catch (IOException e) {
            throw new VigilException(ErrorCode.IO_FAILURE, "Cannot read " + file + ": " + e.getMessage(), e);
        }
        Map<String, Object> root;
        try {
            root = JSON.readValue(text, new TypeReference<LinkedHashMap<String, Object>>() { });
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new VigilException(ErrorCode.BAD_MODEL, "Model file " + file + " is not valid JSON"
                    + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")")
                    + ": it is truncated or corrupted; " + e.getOriginalMessage().replaceFirst("\\s*\\(start marker at .*", ""), e);
        }
        if (root == null || !(root.get("vigilModelVersion") instanceof Number version)) {
            throw new VigilException(ErrorCode.BAD_MODEL, file + " is not a Vigil model file (no \"vigilModelVersion\")");
        }
        if (version.intValue() > VERSION || version.doubleValue() != version.intValue()) {
            throw new VigilException(ErrorCode.BAD_MODEL, "Model file " + file + " has model version " + version
                    + ", written by a newer Vigil; this Vigil reads model versions up to " + VERSION + ". Upgrade Vigil or rebuild the model");
        }
        if (version.intValue() < 1) {
            throw new VigilException(ErrorCode.BAD_MODEL, "Model file " + file + " has an invalid model version " + version);
        }
        Object settingsTree = root.get("settings");
        Object state = root.get("model");
        if (!(settingsTree instanceof Map<?, ?>) || !(state instanceof Map<?, ?>)) {
            throw new VigilException(ErrorCode.BAD_MODEL, "Model file " + file + " lacks its \"settings\" or \"model\" object; it is corrupted");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> settingsMap = (Map<String, Object>) settingsTree;
        @SuppressWarnings("unchecked")
        Map<String, Object> stateMap = (Map<String, Object>) state;
        String expected = checksum(settingsMap, stateMap);
        if (!expected.equals(root.get("checksum"))) {
            throw new VigilException(ErrorCode.BAD_MODEL, "Model file " + file + " does not match its checksum: it was edited or "
                    + "corrupted after it was written. Rebuild the model");
        }
        return root;
    }

    /** SHA-256 of the compact JSON of the settings and the model, as written. */
    static String checksum(Map<String, Object> settings, Map<String, Object> model) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(JSON.writeValueAsBytes(settings));
            sha.update((byte) 0);
            sha.update(JSON.writeValueAsBytes(model));
            return "sha256:" + HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException | JsonProcessingException e) {
            throw new VigilException(ErrorCode.INTERNAL, "Cannot compute a model checksum: " + e.getMessage(), e);
        }
    }
}
