package dev.vigil.spark;

import dev.vigil.core.detection.DetectionModel;
import dev.vigil.core.plugin.PluginRegistry;
import dev.vigil.evaluation.system.SystemJobModel;
import dev.vigil.io.model.ModelFiles;
import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.VigilException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Models as the bytes of Vigil's own model files: exactly what {@code vigil build-model --model-out} writes and
 * {@code vigil detect --model} reads, through the same code ({@link ModelFiles}, {@link SystemJobModel}). The files
 * live for a moment in the JVM's temporary folder, since that code reads and writes files (with its checks:
 * version, checksum, approach).
 */
public final class ModelBytes {
    private ModelBytes() {
    }

    /** A kpi-driven model's file. */
    public static byte[] of(DetectionModel model) {
        return write(file -> ModelFiles.write(model, file));
    }

    /** A system-driven model's file. */
    public static byte[] of(SystemJobModel model) {
        return write(model::write);
    }

    /** The approach a model file holds ({@code kpi-driven} or {@code system-driven}), after the checks of reading it. */
    public static String approach(byte[] file) {
        return read(file, ModelFiles::approach);
    }

    /** A kpi-driven model from its file. */
    public static DetectionModel kpi(byte[] file, PluginRegistry registry) {
        return read(file, f -> ModelFiles.read(f, registry));
    }

    /** A system-driven model from its file. */
    public static SystemJobModel system(byte[] file, PluginRegistry registry) {
        return read(file, f -> SystemJobModel.read(f, registry));
    }

    private static byte[] write(Consumer<Path> writer) {
        Path dir = temporaryFolder();
        try {
            Path file = dir.resolve("model.json");
            writer.accept(file);
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            delete(dir);
        }
    }

    private static <T> T read(byte[] bytes, Function<Path, T> reader) {
        if (bytes == null) {
            throw new VigilException(ErrorCode.BAD_MODEL, "No model: the asset's build failed (see its status and error)");
        }
        Path dir = temporaryFolder();
        try {
            Path file = dir.resolve("model.json");
            Files.write(file, bytes);
            return reader.apply(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            delete(dir);
        }
    }

    private static Path temporaryFolder() {
        try {
            return Files.createTempDirectory("vigil-model");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path dir) {
        try (var files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // a temporary file left behind is the system's to clean; the model itself is fine
        }
    }
}
