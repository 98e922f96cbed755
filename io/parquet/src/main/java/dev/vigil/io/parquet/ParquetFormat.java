package dev.vigil.io.parquet;

import dev.vigil.core.frame.TimeFrame;
import dev.vigil.core.log.JobLog;
import dev.vigil.core.spi.DataFormat;
import dev.vigil.core.spi.ReadOptions;
import java.nio.file.Path;
import java.util.List;

/**
 * Parquet ({@code .parquet}) as a {@link DataFormat}, found by {@code ServiceLoader} when this
 * artifact is on the class path.
 *
 * <p>Reads flat files: a timestamp column (INT64 TIMESTAMP in milli-, micro- or nanoseconds, adjusted
 * to UTC or local, INT96, DATE, or text) and numeric columns (DOUBLE, FLOAT, INT32, INT64, DECIMAL,
 * BOOLEAN), nulls as missing values. Writes a required INT64 TIMESTAMP(MILLIS, UTC) column named
 * {@code timestamp} and one optional DOUBLE column per value column, null where a value is missing,
 * atomically. Needs no Hadoop installation and loads no native library. Stateless and thread-safe.
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
        return ParquetFrameReader.read(file, options, log);
    }

    @Override
    public void write(TimeFrame frame, Path file) {
        ParquetFrameWriter.write(frame, file);
    }
}
