package dev.vigil.cli;

import com.google.inject.Inject;
import dev.vigil.io.DataFiles;
import dev.vigil.io.OutputFiles;
import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.ReadOptions;
import dev.vigil.spi.ReadResult;
import dev.vigil.spi.VigilException;
import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.spi.log.JobLog;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vigil convert IN OUT}: a data file in another format, each format chosen by the file's extension. */
@Command(name = "convert",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Convert a data file to another format; each file's format follows its extension (.csv, .csv.gz, "
                + ".parquet).", "Columns keep their order, names and values, the timestamp column included; Parquet integer "
                + "columns stay integers. Timestamps are written as UTC instants (ISO 8601 in CSV, TIMESTAMP(MILLIS) in Parquet). "
                + "Non-numeric columns cannot be carried over: they are left out with a warning on stderr naming them. OUT is "
                + "written atomically; IN is never modified."})
final class ConvertCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Inject
    DataFiles files;


    @Parameters(index = "0", paramLabel = "IN", description = "The data file to read.")
    Path in;

    @Parameters(index = "1", paramLabel = "OUT", description = "The file to write (replaced if it exists; folders are created).")
    Path out;

    @Option(names = "--timestamp", paramLabel = "COL",
            description = "Column holding the timestamps (default: the first timestamp-typed column, else the first column "
                    + "holding date-times).")
    String timestamp;

    @Option(names = "--zone", paramLabel = "ZONE", defaultValue = "UTC",
            description = "Time zone of timestamps written without one (default: ${DEFAULT-VALUE}).")
    ZoneId zone;

    @Override
    public Integer call() {
        if (sameFile(in, out)) {
            throw new VigilException(ErrorCode.INVALID_CONFIGURATION, "Refusing to convert " + in + " into itself: OUT must "
                    + "be another file than IN, which is never modified");
        }
        OutputFiles.Target target = new OutputFiles.Target("the converted data", "OUT", out);
        // an unknown output extension or a path that cannot be written fails before the input is read
        try (OutputFiles outputs = Outputs.plan(files, List.of(in), List.of(target), out)) {
            return run(outputs, target);
        }
    }

    private int run(OutputFiles outputs, OutputFiles.Target target) {
        ReadOptions options = ReadOptions.DEFAULT.withTimestampColumn(timestamp).withZone(zone);
        JobLog log = new JobLog();
        ReadResult read = files.readFile(in, options, log);
        Notices.print(log.entries(), spec.commandLine().getErr());
        TimeFrame frame = read.frame();
        outputs.stage(target, p -> files.write(frame, p, read.layout()));
        outputs.commit();
        PrintWriter w = spec.commandLine().getOut();
        w.printf(Locale.ROOT, "Converted %,d rows and %d value columns from %s to %s%n", frame.rows(), frame.columnCount(), in, out);
        w.flush();
        return 0;
    }

    private static boolean sameFile(Path a, Path b) {
        if (a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize())) {
            return true;
        }
        try {
            return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
        } catch (IOException e) {
            return false; // then reading or writing reports the problem
        }
    }
}
