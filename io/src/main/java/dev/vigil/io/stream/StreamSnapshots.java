package dev.vigil.io.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.core.stream.StreamState;
import dev.vigil.io.AtomicFiles;
import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.VigilException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Stream snapshots as JSON files (docs/streaming.md#snapshots): {@code {"vigilStreamVersion": 2,
 * "state": {…}}}, the state's fields by name (version 1, without the answers held for the decision
 * rule, is read too), numbers in the shortest form that reads back to the same
 * double ({@code "NaN"} for a missing value), written atomically. A file of another version, or one
 * that is not a snapshot, is refused with a message saying which. Thread-safe (stateless).
 */
public final class StreamSnapshots {
    /** The snapshot format this Vigil writes and reads. */
    public static final int VERSION = StreamState.VERSION;

    private static final ObjectMapper JSON = JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private StreamSnapshots() {
    }

    /** The snapshot as JSON text. */
    public static String toJson(StreamState state) {
        ObjectNode root = JSON.createObjectNode();
        root.put("vigilStreamVersion", VERSION);
        root.set("state", JSON.valueToTree(state));
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new VigilException(ErrorCode.INTERNAL, "Cannot write a stream snapshot: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Reads a snapshot from JSON text.
     *
     * @param source names the text in messages (a file name)
     * @throws VigilException {@link ErrorCode#BAD_MODEL} for text that is not a snapshot of this version
     */
    public static StreamState fromJson(String text, String source) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new VigilException(ErrorCode.BAD_MODEL, "Stream snapshot " + source + " is not valid JSON (line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + "): it is truncated or corrupted; " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.path("vigilStreamVersion").isInt()) {
            throw new VigilException(ErrorCode.BAD_MODEL, source + " is not a Vigil stream snapshot (no \"vigilStreamVersion\")");
        }
        int version = root.get("vigilStreamVersion").intValue();
        if (version < 1 || version > VERSION) {
            throw new VigilException(ErrorCode.BAD_MODEL, "Stream snapshot " + source + " has version " + version + "; this Vigil reads versions 1 to "
                    + VERSION + ". Start the stream afresh (it warms up on the rows it is given)");
        }
        try {
            return JSON.treeToValue(root.get("state"), StreamState.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new VigilException(ErrorCode.BAD_MODEL, "Stream snapshot " + source + " is corrupted: " + e.getMessage(), e);
        }
    }

    /** Writes a snapshot atomically. */
    public static void write(StreamState state, Path file) {
        String text = toJson(state);
        AtomicFiles.writeBytes(file, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Reads a snapshot file.
     *
     * @throws VigilException {@link ErrorCode#FILE_NOT_FOUND}, {@link ErrorCode#BAD_MODEL} (see {@link #fromJson})
     */
    public static StreamState read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new VigilException(ErrorCode.FILE_NOT_FOUND, "Stream snapshot " + file + (Files.exists(file) ? " is not a file" : " does not exist"));
        }
        try {
            return fromJson(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw new VigilException(ErrorCode.IO_FAILURE, "Cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
