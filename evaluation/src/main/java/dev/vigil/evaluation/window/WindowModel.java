package dev.vigil.evaluation.window;

import dev.vigil.core.plugin.PluginRegistry;
import dev.vigil.io.model.ModelFiles;
import dev.vigil.io.model.SystemModelFiles;
import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.VigilException;
import dev.vigil.spi.frame.TimeFrame;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * A model run one window of rows after the other: it scores a window's rows and hands on, as a string, the
 * state the next window needs, so that a window's results are the same whether or not the process restarted
 * (or moved to another machine) between the windows. A KPI-driven model carries its {@code DetectionStream}'s
 * snapshot (JSON); a system-driven one the last {@code history + indicator window − 1} rows, bit for bit. The
 * scheduler runs its windows with it, and a streaming engine can keep the state per asset.
 *
 * <p>Instances are immutable and thread-safe: every call starts from the state it is given.
 */
public sealed interface WindowModel permits KpiWindowModel, SystemWindowModel {

    /**
     * The model file read: a KPI-driven or a system-driven model.
     *
     * @throws VigilException {@link ErrorCode#FILE_NOT_FOUND}, or {@link ErrorCode#BAD_MODEL} for a file that is
     *     not a Vigil model, truncated, corrupted or from a newer version
     */
    static WindowModel read(Path file, PluginRegistry registry) {
        String checksum = ModelFiles.checksumOf(file);
        if (SystemModelFiles.APPROACH.equals(ModelFiles.approach(file))) {
            return SystemWindowModel.read(file, registry, checksum);
        }
        return new KpiWindowModel(ModelFiles.read(file, registry), checksum);
    }

    /**
     * A model file's bytes read as {@link #read(Path, PluginRegistry)} reads the file (e.g. a model stored in a
     * table); {@code source} names it in error messages.
     *
     * @throws VigilException {@link ErrorCode#BAD_MODEL} for bytes that are not a Vigil model file
     */
    static WindowModel read(byte[] file, String source, PluginRegistry registry) {
        Path tmp = null;
        try {
            tmp = Files.createTempFile("vigil-model-", ".json");
            Files.write(tmp, file);
            return read(tmp, registry);
        } catch (IOException e) {
            throw new VigilException(ErrorCode.IO_FAILURE, "Cannot write " + source + " to a temporary file to read it: " + e.getMessage(), e);
        } catch (VigilException e) {
            String at = tmp.toString();
            throw new VigilException(e.code(), e.getMessage().replace("Model file " + at, source).replace(at, source), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // a temporary file left behind is harmless
                }
            }
        }
    }

    /** The approach of the model file, as it records it: {@code "kpi-driven"} or {@code "system-driven"}. */
    String approach();

    /**
     * The columns the model reads, in its order: a KPI-driven model's KPI first, then its influencers; a
     * system-driven model's signals.
     */
    List<String> columns();

    /**
     * The components whose files the model reads (those of its columns named {@code component\tag}); empty:
     * any component found.
     */
    Set<String> components();

    /** {@code ModelVersion}: the model file's checksum ({@code sha256:…}). */
    String version();

    /**
     * Scores the rows of {@code frame} with timestamps in {@code (from, to]}, in the window, as one model run over
     * every window would; rows outside it are ignored (what came before is in the state).
     *
     * @param frame rows in time order (columns named as the model's, or {@code component\tag})
     * @param from the window's start, epoch milliseconds, excluded
     * @param to the window's end, epoch milliseconds, included
     * @param state what the previous window handed on ({@link Scored#state()}); {@code null} for the first
     * @throws VigilException {@link ErrorCode#UNKNOWN_COLUMN} for a frame lacking one of the model's columns,
     *     {@link ErrorCode#BAD_MODEL} for a state that does not fit the model
     */
    Scored score(TimeFrame frame, long from, long to, String state);
}
