package dev.vigil.spi;

import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.spi.log.JobLog;
import java.nio.file.Path;
import java.util.List;

/**
 * A file format Vigil reads data from and writes tables to (CSV, Parquet, …), chosen by the file's
 * extension. Implementations are stateless and thread-safe and are discovered through {@code
 * META-INF/services/dev.vigil.spi.DataFormat}; adding the artifact that holds one to the class
 * path makes its extensions usable wherever Vigil takes a data file.
 */
public interface DataFormat extends Plugin {

    /** Lower-case file-name endings this format handles, longest first, e.g. {@code [".csv.gz", ".csv"]}. */
    List<String> extensions();

    /**
     * Reads a file into a frame, in the file's row order. Problems are reported as {@link
     * dev.vigil.spi.VigilException}s naming the file, row, column and value. The file is never
     * modified.
     */
    TimeFrame read(Path file, ReadOptions options, JobLog log);

    /**
     * Reads a file as {@link #read} does, and tells how the file laid out its columns and which it
     * dropped. The default, for formats that do not tell, reports {@link ColumnLayout#DEFAULT} and no
     * dropped column.
     */
    default ReadResult readFile(Path file, ReadOptions options, JobLog log) {
        return new ReadResult(read(file, options, log), ColumnLayout.DEFAULT, List.of());
    }

    /**
     * Writes a frame in the {@linkplain ColumnLayout#DEFAULT default layout} (a timestamp column named
     * {@code timestamp} first, then the frame's columns in order, as doubles; missing values as empty
     * or null) to a file, atomically: readers never see a partial file and a failed write leaves the
     * old one.
     */
    void write(TimeFrame frame, Path file);

    /**
     * Writes a frame as {@link #write(TimeFrame, Path)} does, in the given layout: the timestamp
     * column's name and position, and integer types where the format has them. The default, for
     * formats that cannot follow a layout, ignores it.
     */
    default void write(TimeFrame frame, Path file, ColumnLayout layout) {
        write(frame, file);
    }
}
