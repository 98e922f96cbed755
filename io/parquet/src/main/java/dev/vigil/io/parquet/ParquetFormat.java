package dev.vigil.io.parquet;

import dev.vigil.spi.ColumnLayout;
import dev.vigil.spi.DataFormat;
import dev.vigil.spi.ReadOptions;
import dev.vigil.spi.ReadResult;
import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.spi.log.JobLog;
import java.nio.file.Path;
import java.util.List;

/**
 * Parquet ({@code .parquet}) as a {@link DataFormat}, found by {@code ServiceLoader} when this
 * artifact is on the class path.
 *
 * <p>Reads flat files: a timestamp column (INT64 TIMESTAMP in milli-, micro- or nanoseconds, adjusted
 * to UTC or local, INT96, DATE, or text) and numeric columns (DOUBLE, FLOAT, INT32, INT64, DECIMAL,
 * BOOLEAN), nulls as missing values. Writes a required INT64 TIMESTAMP(MILLIS, UTC) column named
 * {@code timestamp}, first, and one optional DOUBLE column per value column, null where a value is
 * missing, atomically; a {@link ColumnLayout} can name and place the timestamp column and store
 * whole-number columns as INT32 or INT64. Needs no Hadoop installation and loads no native library. Stateless and thread-safe.
 */
public final class ParquetFormat implements DataFormat {
    @Override
    public String name() {
        return "Parquet";
    }

    @Override
    public List<String> extensions() {
        return List.of(".parquet");
    }

    @Override
    public TimeFrame read(Path file, ReadOptions options, JobLog log) {
        return readFile(file, options, log).frame();
    }

    /** Reads a file; the layout tells the timestamp column's name and position, and which value columns are INT32 or INT64. */
    @Override
    public ReadResult readFile(Path file, ReadOptions options, JobLog log) {
        return ParquetFrameReader.read(file, options, log);
    }

    @Override
    public void write(TimeFrame frame, Path file) {
        write(frame, file, ColumnLayout.DEFAULT);
    }

    @Override
    public void write(TimeFrame frame, Path file, ColumnLayout layout) {
        ParquetFrameWriter.write(frame, file, layout);
    }
}
