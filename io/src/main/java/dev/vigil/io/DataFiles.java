package dev.vigil.io;

import dev.vigil.core.plugin.PluginRegistry;
import dev.vigil.spi.ColumnLayout;
import dev.vigil.spi.DataFormat;
import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.ReadOptions;
import dev.vigil.spi.ReadResult;
import dev.vigil.spi.VigilException;
import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.spi.log.JobLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Reads and writes data files in whichever {@link DataFormat} their extension names ({@code .csv},
 * {@code .csv.gz}, and {@code .parquet} when {@code vigil-io-parquet} is on the class path). The one
 * place that maps extensions to formats. Immutable and thread-safe.
 */
public final class DataFiles {
    private final List<Map.Entry<String, DataFormat>> byExtension;

    private DataFiles(PluginRegistry registry) {
        this.byExtension = registry.all(DataFormat.class).values().stream()
                .flatMap(f -> f.extensions().stream().map(e -> Map.entry(e.toLowerCase(Locale.ROOT), f)))
                .sorted(Comparator.comparingInt((Map.Entry<String, DataFormat> e) -> e.getKey().length()).reversed())
                .collect(Collectors.toUnmodifiableList());
    }

    /** The formats of the given registry. */
    public static DataFiles of(PluginRegistry registry) {
        return new DataFiles(Objects.requireNonNull(registry, "registry is null"));
    }

    /** The formats visible to the context class loader. */
    public static DataFiles discover() {
        return new DataFiles(PluginRegistry.load());
    }

    /**
     * The format for a file name.
     *
     * @throws VigilException {@link ErrorCode#INVALID_CONFIGURATION} naming the known extensions
     */
    public DataFormat formatOf(Path file) {
        if (Files.isDirectory(file)) {
            throw new VigilException(ErrorCode.FILE_NOT_FOUND, file + " is a folder, not a data file; name one file ("
                    + String.join(", ", new TreeSet<>(byExtension.stream().map(Map.Entry::getKey).toList()))
                    + "), or read a folder of files with vigil inspect (data layouts)");
        }
        if (file.getFileName() == null) {
            throw new VigilException(ErrorCode.FILE_NOT_FOUND, "'" + file + "' names no file");
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        for (Map.Entry<String, DataFormat> e : byExtension) {
            if (name.endsWith(e.getKey())) {
                return e.getValue();
            }
        }
        TreeSet<String> known = byExtension.stream().map(Map.Entry::getKey).collect(Collectors.toCollection(TreeSet::new));
        throw new VigilException(ErrorCode.INVALID_CONFIGURATION, "Cannot tell the format of " + file
                + " from its name; known extensions: " + String.join(", ", known)
                + (known.contains(".parquet") ? "" : " (.parquet needs the vigil-io-parquet artifact)"));
    }

    /**
     * The format of a file to read: as {@link #formatOf}, but a file that does not exist under a name of
     * no known format is said to be missing first (a typo is likelier than a new format). A format need
     * not read from disk (a plugin's may not), so a missing file with a known extension is its format's
     * to judge.
     */
    private DataFormat inputFormat(Path file) {
        try {
            return formatOf(file);
        } catch (VigilException e) {
            if (e.code() == ErrorCode.INVALID_CONFIGURATION && !Files.exists(file)) {
                throw new VigilException(ErrorCode.FILE_NOT_FOUND, file + " does not exist. " + e.getMessage());
            }
            throw e;
        }
    }

    /** Reads a data file in the format its extension names. */
    public TimeFrame read(Path file, ReadOptions options, JobLog log) {
        return inputFormat(file).read(file, options, log);
    }

    /** Reads a data file in the format its extension names, with the layout of its columns and those it dropped. */
    public ReadResult readFile(Path file, ReadOptions options, JobLog log) {
        return inputFormat(file).readFile(file, options, log);
    }

    /** Writes a frame, atomically, in the format the target's extension names. */
    public void write(TimeFrame frame, Path file) {
        formatOf(file).write(frame, file);
    }

    /** Writes a frame, atomically, in the format the target's extension names and the given layout. */
    public void write(TimeFrame frame, Path file, ColumnLayout layout) {
        formatOf(file).write(frame, file, layout);
    }
}
