package dev.vigil.cli;

import dev.vigil.core.detection.AnomalyDetector;
import dev.vigil.core.detection.BuildResult;
import dev.vigil.core.frame.TimeFrame;
import dev.vigil.core.log.JobLog;
import dev.vigil.core.log.LogEntry;
import dev.vigil.core.log.MessageType;
import dev.vigil.core.settings.DataSettings;
import dev.vigil.core.settings.JobSettings;
import dev.vigil.core.spi.NormalBehaviorSummary;
import dev.vigil.io.AtomicFiles;
import dev.vigil.io.DataFiles;
import dev.vigil.io.model.ModelFiles;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vigil build-model}: learn the KPI's normal behaviour from its influencers. */
@Command(name = "build-model",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        description = {"Build a model of the KPI's normal behaviour from its influencers on the in-sample rows, "
                + "and apply it to those rows.",
            "Writes the model (--model-out), the results table (--table-out: timestamp, model_index, kpi, normal_behavior) "
                + "and a JSON report (--json-out: logs, the model's terms, predictor importances)."})
final class BuildModelCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DataOptions input;

    @Option(names = "--kpi", paramLabel = "COL", description = "The KPI column (default: the configuration's KPIColumn, else the first column).")
    String kpi;

    @Option(names = "--label", paramLabel = "COL", description = "Column marking known anomalies (1) and normal rows (0).")
    String label;

    @Option(names = "--exclude", paramLabel = "COL", split = ",", description = "Columns never to use as influencers (comma-separated).")
    List<String> exclude = new ArrayList<>();

    @Option(names = "--model-out", paramLabel = "FILE", description = "Write the model (JSON) here.")
    Path modelOut;

    @Option(names = "--table-out", paramLabel = "FILE", description = "Write the results table here (.csv, .csv.gz, .parquet).")
    Path tableOut;

    @Option(names = "--json-out", paramLabel = "FILE", description = "Write the JSON report here.")
    Path jsonOut;

    @Override
    public Integer call() throws Exception {
        Outputs.requireDistinct(Arrays.asList(input.dataFile, input.config), "--model-out", modelOut, "--table-out", tableOut,
                "--json-out", jsonOut);
        JobLog readLog = new JobLog();
        JobSettings settings = input.settings(readLog);
        DataSettings data = input.applyRows(settings.data());
        if (kpi != null) {
            data = data.withKpiColumn(kpi);
        }
        if (label != null) {
            data = data.withLabelColumn(label);
        }
        settings = settings.withData(data);
        TimeFrame raw = input.read(data, readLog);
        AnomalyDetector detector = AnomalyDetector.builder().settings(settings).exclude(exclude).build();
        BuildResult built = detector.build(raw);
        List<LogEntry> logs = new ArrayList<>(readLog.entries());
        logs.addAll(built.inSample().logs());

        if (modelOut != null) {
            ModelFiles.write(built.model(), modelOut);
        }
        if (tableOut != null) {
            DataFiles.discover().write(built.inSample().table(), tableOut);
        }
        if (jsonOut != null) {
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("job", "build-model");
            report.put("model", ReportJson.model(built.model()));
            report.put("inSample", ReportJson.rows(built.inSample()));
            NormalBehaviorSummary summary = built.model().normalBehavior().summary();
            report.put("normalBehaviorModel", ReportJson.normalBehavior(summary));
            report.put("predictorImportances", ReportJson.predictorImportances(summary));
            report.put("logs", ReportJson.logs(logs));
            AtomicFiles.writeText(jsonOut, w -> w.write(Json.pretty(report)));
        }
        print(built, logs, spec.commandLine().getOut());
        return 0;
    }

    private void print(BuildResult built, List<LogEntry> logs, PrintWriter out) {
        NormalBehaviorSummary summary = built.model().normalBehavior().summary();
        out.printf(Locale.ROOT, "Built a model of %s on %,d in-sample rows (%s to %s), sampled every %s.%n", built.model().kpi(),
                built.inSample().rows(), built.model().inSampleFrom(), built.model().inSampleTo(), built.model().samplingPeriod());
        if (summary.models().size() == 1) {
            NormalBehaviorSummary.Model m = summary.models().get(0);
            out.printf(Locale.ROOT, "Normal behaviour: %d terms, in-sample residual standard deviation %.6g%n", m.terms().size(), m.residualSd());
            for (NormalBehaviorSummary.Term t : m.terms()) {
                out.printf(Locale.ROOT, "  %6.2f %%  %-60s β = %.6g%n", t.importance(), t.label(), t.beta());
            }
        } else {
            int min = summary.models().stream().mapToInt(m -> m.terms().size()).min().orElse(0);
            int max = summary.models().stream().mapToInt(m -> m.terms().size()).max().orElse(0);
            out.printf(Locale.ROOT, "Normal behaviour: %d time-of-day models with %d to %d terms (see --json-out for each).%n",
                    summary.models().size(), min, max);
        }
        if (!summary.predictors().isEmpty()) {
            out.println("Predictor importances:");
            summary.predictors().stream().limit(10).forEach(p ->
                    out.printf(Locale.ROOT, "  %6.2f %%  %s%n", 100 * p.relImportance(), p.name()));
            if (summary.predictors().size() > 10) {
                out.printf(Locale.ROOT, "  … and %d more%n", summary.predictors().size() - 10);
            }
        }
        logs.stream().filter(e -> e.messageType() != MessageType.Info)
                .forEach(e -> out.println(e.messageType() + ": " + e.message()));
        for (Object[] written : new Object[][] {{"model", modelOut}, {"results table", tableOut}, {"JSON report", jsonOut}}) {
            if (written[1] != null) {
                out.println("Wrote the " + written[0] + " to " + written[1]);
            }
        }
        out.flush();
    }
}
