package dev.vigil.io.csv;

import dev.vigil.spi.ColumnLayout;
import dev.vigil.spi.DataFormat;
import dev.vigil.spi.ReadOptions;
import dev.vigil.spi.ReadResult;
import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.spi.log.JobLog;
import java.nio.file.Path;
import java.util.List;

/** CSV ({@code .csv}, gzip-compressed {@code .csv.gz}) as a {@link DataFormat}: {@link CsvReader} and {@link CsvWriter}. */
public final class CsvFormat implements DataFormat {
    @Override
    public String name() {
        return "CSV";
    }

    @Override
    public List<String> extensions() {
        return List.of(".csv.gz", ".csv");
    }

    @Override
    public TimeFrame read(Path file, ReadOptions options, JobLog log) {
        return CsvReader.read(file, options, log);
    }

    @Override
    public ReadResult readFile(Path file, ReadOptions options, JobLog log) {
        return CsvReader.readFile(file, options, log);
    }

    @Override
    public void write(TimeFrame frame, Path file) {
        CsvWriter.write(frame, file);
    }

    /** Writes the timestamp column with the layout's name and at its position; CSV has no column types. */
    @Override
    public void write(TimeFrame frame, Path file, ColumnLayout layout) {
        CsvWriter.write(frame, file, layout);
    }
}
