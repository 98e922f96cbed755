package dev.vigil.guice;

import dev.vigil.spi.DataFormat;
import dev.vigil.spi.ReadOptions;
import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.spi.log.JobLog;
import java.nio.file.Path;
import java.util.List;

/** A data format that exists only in tests: it names an extension and reads nothing. */
final class TestOnlyFormat implements DataFormat {
    @Override
    public String name() {
        return "TSV";
    }

    @Override
    public List<String> extensions() {
        return List.of(".tsv");
    }

    @Override
    public TimeFrame read(Path file, ReadOptions options, JobLog log) {
        throw new UnsupportedOperationException("test only");
    }

    @Override
    public void write(TimeFrame frame, Path file) {
        throw new UnsupportedOperationException("test only");
    }
}
