package dev.vigil.cli;

import com.google.inject.Inject;
import dev.vigil.core.prepare.FrameSummary;
import dev.vigil.core.quality.QualityInput;
import dev.vigil.core.quality.QualitySource;
import dev.vigil.io.DataFiles;
import dev.vigil.io.layout.LayoutData;
import dev.vigil.io.layout.LayoutOptions;
import dev.vigil.io.layout.LayoutOptions.Kind;
import dev.vigil.io.layout.Layouts;
import dev.vigil.io.report.ReportJson;
import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.ReadOptions;
import dev.vigil.spi.ReadResult;
import dev.vigil.spi.VigilException;
import dev.vigil.spi.frame.Durations;
import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.spi.log.JobLog;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vigil inspect PATH}: what a data file or data set holds, before any preparation, and its data-quality report. */
@Command(name = "inspect",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Show what a data file or data set holds: rows, columns, time span, sampling period, duplicate "
                + "timestamps, gaps and missing values, then the data-quality report per signal (Lookout's checks: missing and "
                + "invalid values, bad, duplicate and unordered timestamps, large gaps, short date range, monotonic, categorical "
                + "and multi-modal values).", "A single file is read as it is: nothing is sorted or filled. Non-numeric "
                + "columns are left out with a warning on stderr (with --json: listed under \"dropped\"). A folder or .zip "
                + "(one CSV per variable, or component folders) is aligned and filled into one table first (--layout, --align, "
                + "--fill)."})
final class InspectCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Inject
    DataFiles files;


    @Parameters(paramLabel = "PATH", arity = "0..1", description = "Data file (the format follows the extension: .csv, .csv.gz, .parquet), or a "
            + "folder or .zip of CSV files (see --layout).")
    Path file;

    @Option(names = "--data", paramLabel = "PATH", description = "The same as PATH, as build-model and detect name their data.")
    Path data;

    @Mixin
    LayoutCliOptions layout;

    @Option(names = "--tags", paramLabel = "TAGS.csv",
            description = "A tags description (Tag,UOM,Subsystem or Tag,Component) to check against the signals; a tag naming no "
                    + "signal is refused.")
    Path tags;

    @Option(names = "--off-time", paramLabel = "SIGNAL<VALUE",
            description = "When the machine is off (SIGNAL<VALUE or SIGNAL>VALUE, e.g. 'pump\\Sensor13<4000'): counts the rows it marks.")
    String offTime;

    @Option(names = "--lenient", description = "Count cells that are not numbers and rows whose timestamp does not parse (and, for a "
            + "data set, leave out files that cannot be read) instead of refusing them, as Lookout's ingestion does (CSV only).")
    boolean lenient;

    @Option(names = "--timestamp", paramLabel = "COL",
            description = "Column holding the timestamps (default: the first column holding date-times).")
    String timestamp;

    @Option(names = "--zone", paramLabel = "ZONE", defaultValue = "UTC",
            description = "Time zone of timestamps written without one (default: ${DEFAULT-VALUE}).")
    ZoneId zone;

    @Option(names = "--json", description = "Print one JSON object instead of a table.")
    boolean json;

    @Override
    public Integer call() {
        if ((file == null) == (data == null)) {
            throw new VigilException(ErrorCode.INVALID_CONFIGURATION, file == null ? "Name the data to inspect: vigil inspect PATH (or --data PATH)"
                    : "Name the data once: PATH " + file + " or --data " + data + ", not both");
        }
        if (file == null) {
            file = data;
        }
        ReadOptions options = ReadOptions.DEFAULT.withTimestampColumn(timestamp).withZone(zone);
        JobLog log = new JobLog();
        LayoutOptions layoutOptions = layout.toOptions(lenient);
        TimeFrame frame;
        List<String> dropped;
        QualityInput quality;
        Kind kind = Kind.FILE;
        if (layout.isLayout(file) || lenient) {
            LayoutData data = Layouts.read(file, layoutOptions, options, log);
            frame = data.frame();
            dropped = data.dropped();
            quality = data.quality();
            kind = data.kind();
        } else {
            ReadResult read = files.readFile(file, options, log);
            frame = read.frame();
            dropped = read.dropped();
            quality = QualityInput.of(QualitySource.of("", frame));
        }
        InspectQuality q = InspectQuality.of(kind.name().toLowerCase(Locale.ROOT).replace('_', '-'), frame, quality, tags, offTime, log);
        Notices.print(log.entries(), spec.commandLine().getErr());
        FrameSummary s = FrameSummary.of(frame);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> m = toJson(s, dropped);
            q.addTo(m);
            out.println(ReportJson.pretty(m));
        } else {
            print(s, out);
            q.print(out);
        }
        out.flush();
        return 0;
    }

    private Map<String, Object> toJson(FrameSummary s, List<String> dropped) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", file.toString());
        m.put("rows", s.rows());
        m.put("columns", s.columns());
        m.put("firstTimestamp", s.firstTimestamp().toString());
        m.put("lastTimestamp", s.lastTimestamp().toString());
        m.put("samplingPeriod", s.period().map(Duration::toString).orElse(null));
        m.put("duplicateTimestamps", s.duplicateTimestamps());
        m.put("unorderedRows", s.unorderedRows());
        m.put("gaps", s.gaps());
        m.put("largestGap", s.largestGap() == null ? null : s.largestGap().toString());
        m.put("missing", s.missing());
        m.put("dropped", dropped);
        return m;
    }

    private void print(FrameSummary s, PrintWriter out) {
        row(out, "File", file.toString());
        row(out, "Rows", count(s.rows()));
        List<String> cols = s.columns();
        row(out, "Columns", cols.size() + " (" + (cols.size() <= 6 ? String.join(", ", cols)
                : String.join(", ", cols.subList(0, 5)) + ", … " + cols.get(cols.size() - 1)) + ")");
        row(out, "First timestamp", s.firstTimestamp().toString());
        row(out, "Last timestamp", s.lastTimestamp().toString());
        row(out, "Time span", Durations.human(Duration.between(s.firstTimestamp(), s.lastTimestamp())));
        row(out, "Sampling period", s.period().map(p -> Durations.human(p) + " (" + p + ")").orElse("unknown (fewer than 2 distinct timestamps)"));
        row(out, "Duplicate timestamps", count(s.duplicateTimestamps()));
        row(out, "Unordered rows", count(s.unorderedRows()));
        row(out, "Gaps", s.gaps() == 0 ? "0" : count(s.gaps()) + " (largest " + Durations.human(s.largestGap()) + ", " + s.largestGap() + ")");
        if (s.totalMissing() == 0) {
            row(out, "Missing values", "none");
        } else {
            row(out, "Missing values", count(s.totalMissing()) + " in total; per column:");
            s.missing().forEach((c, n) -> {
                if (n > 0) {
                    out.printf(Locale.ROOT, "  %-30s %s%n", c, count(n));
                }
            });
        }
    }

    private static void row(PrintWriter out, String label, String value) {
        out.printf(Locale.ROOT, "%-21s %s%n", label, value);
    }

    private static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
