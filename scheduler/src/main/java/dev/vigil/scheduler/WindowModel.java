package dev.vigil.scheduler;

import dev.vigil.core.plugin.PluginRegistry;
import dev.vigil.io.model.ModelFiles;
import dev.vigil.io.model.SystemModelFiles;
import dev.vigil.spi.frame.TimeFrame;
import java.nio.file.Path;
import java.util.Set;

/**
 * A model as the scheduler runs it, one window after the other: it scores the window's rows and hands on the
 * state the next window needs, so that a window's results are the same whether or not the process restarted
 * between the windows. {@link KpiWindowModel} carries a stream's snapshot, {@link SystemWindowModel} the rows
 * of history the model and its indicator window read.
 */
sealed interface WindowModel permits KpiWindowModel, SystemWindowModel {

    /** The model file read: a KPI-driven or a system-driven model. */
    static WindowModel read(Path file, PluginRegistry registry) {
        String checksum = ModelFiles.checksumOf(file);
        if (SystemModelFiles.APPROACH.equals(ModelFiles.approach(file))) {
            return SystemWindowModel.read(file, registry, checksum);
        }
        return new KpiWindowModel(ModelFiles.read(file, registry), checksum);
    }

    /** The components whose files the model reads; empty: any component found in the folder. */
    Set<String> components();

    /** {@code ModelVersion}: the model file's checksum. */
    String version();

    /**
     * Scores the rows of {@code frame} in the window (start excluded, end included).
     *
     * @param frame every row read from the window's candidate files (columns {@code component\tag})
     * @param state what the previous window handed on; {@code null} for the first
     */
    Scored score(TimeFrame frame, Window window, String state);
}
