package dev.vigil.cli;

import com.google.inject.Inject;
import dev.vigil.core.detection.DetectionModel;
import dev.vigil.core.detection.WhatIf;
import dev.vigil.core.plugin.PluginRegistry;
import dev.vigil.io.DataFiles;
import dev.vigil.io.OutputFiles;
import dev.vigil.io.report.JobReport;
import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.spi.log.JobLog;
import dev.vigil.spi.log.LogEntry;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vigil what-if}: detection re-run with influencer values replaced, and what changed (TIM's what-if). */
@Command(name = "what-if",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        description = {"Apply a stored model to data twice, as they are and with some columns' values replaced on the detected rows, "
                + "and print how normal behaviour, indicators and anomalies change. Nothing is refitted.",
            "--table-out and --json-out get the results on the changed data."})
final class WhatIfCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Inject
    DataFiles files;

    @Inject
    PluginRegistry registry;

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "Model file written by build-model or rebuild-model.")
    Path model;

    @Option(names = "--set", required = true, paramLabel = "COL=VALUE|COL+=DELTA|COL*=FACTOR",
            description = "A replacement on the detected rows: a value, a value plus a delta, or a value times a factor; repeat for more "
                    + "(applied in order).")
    List<String> sets;

    @Mixin
    DataOptions input;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() throws Exception {
        try (OutputFiles outputs = Outputs.plan(files, Arrays.asList(input.dataFile, model),
                JobReport.targets(null, output.tableOut, output.jsonOut), output.tableOut)) {
            return run(outputs);
        }
    }

    private int run(OutputFiles outputs) {
        List<WhatIf.Change> changes = sets.stream().map(WhatIf.Change::parse).toList();
        DetectionModel m = VigilCommand.readModel(model, registry);
        JobLog readLog = new JobLog();
        TimeFrame raw = input.read(files, DetectCommand.required(m), readLog);
        WhatIf w = m.whatIf(raw, input.rowSelection(), changes);
        List<LogEntry> logs = new ArrayList<>(readLog.entries());
        logs.addAll(w.changed().logs());
        JobOutput report = JobOutput.of("what-if", m, w.changed(), logs, false, List.of());
        report.write(outputs, files, null, output.tableOut, output.jsonOut);
        PrintWriter out = spec.commandLine().getOut();
        print(out, w);
        report.print(out, Written.lines(null, output.tableOut, output.jsonOut));
        return 0;
    }

    /** What changed, in a few lines. */
    static void print(PrintWriter out, WhatIf w) {
        WhatIf.Summary s = w.summary();
        out.printf(Locale.ROOT, "What-if: %s on %,d rows.%n", String.join(", ", w.changes().stream().map(WhatIf.Change::toString).toList()),
                s.rows());
        out.printf(Locale.ROOT, "  normal behaviour: mean change %+.6g, largest %.6g%n", s.meanNormalChange(), s.largestNormalChange());
        List<String> columns = w.baseline().indicatorColumns();
        for (int k = 0; k < columns.size(); k++) {
            out.printf(Locale.ROOT, "  %-34s mean %.4g -> %.4g%n", columns.get(k), s.meanIndicatorBefore()[k], s.meanIndicatorAfter()[k]);
        }
        out.printf(Locale.ROOT, "  anomalous rows: %,d -> %,d (%,d became anomalous, %,d no longer)%n", s.anomaliesBefore(), s.anomaliesAfter(),
                s.becameAnomalous(), s.stoppedBeingAnomalous());
    }
}
