package dev.vigil.core.spi;

import dev.vigil.core.frame.TimeFrame;
import dev.vigil.core.log.JobLog;
import java.nio.file.Path;
import java.util.List;

/**
 * A file format Vigil reads data from and writes tables to (CSV, Parquet, …), chosen by the file's
 * extension. Implementations are stateless and thread-safe and are discovered through {@code
 * META-INF/services/dev.vigil.core.spi.DataFormat}; adding the artifact that holds one to the class
 * path makes its extensions usable wherever Vigil takes a data file.
 */
public interface DataFormat extends Plugin {

    /** Lower-case file-name endings this format handles, longest first, e.g. {@code [".csv.gz", ".csv"]}. */
    List<String> extensions();

    /**
     * Reads a file into a frame, in the file's row order. Problems are reported as {@link
     * dev.vigil.core.VigilException}s naming the file, row, column and value. The file is never
     * modified.
     */
    TimeFrame read(Path file, ReadOptions options, JobLog log);

    /**
     * Writes a frame (timestamps first, then its columns in order; missing values as empty or null)
     * to a file, atomically: readers never see a partial file and a failed write leaves the old one.
     */
    void write(TimeFrame frame, Path file);
}
