package dev.vigil.cli;

import dev.vigil.spi.log.LogEntry;
import com.google.inject.Inject;
import dev.vigil.core.plugin.PluginRegistry;
import dev.vigil.io.DataFiles;
import dev.vigil.io.OutputFiles;
import dev.vigil.core.detection.DetectionModel;
import dev.vigil.core.detection.DetectionResult;
import dev.vigil.io.TimestampFormat;
import dev.vigil.io.report.JobReport;
import dev.vigil.io.report.ReportJson;
import dev.vigil.io.report.ReportedCause;
import dev.vigil.io.report.ReportedCauses;
import dev.vigil.io.report.ReportedEvent;
import dev.vigil.rca.Decomposition;
import dev.vigil.rca.RootCauseAnalysis;
import dev.vigil.rca.RowCauses;
import dev.vigil.rca.TermView;
import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.VigilException;
import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.spi.log.JobLog;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
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

/** {@code vigil rca}: why the normal behaviour is what it is, and what lies behind each anomaly. */
@Command(name = "rca",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        description = {"Root-cause analysis with a stored model: every row's normal behaviour split into its influencers' "
                + "contributions (which add up to it), how far each departs from its usual level, the causes of each anomaly "
                + "found on the rows, and TIM's term view of one model. "
                + "Default rows, as for detect: those after the model's in-sample period, or all rows.",
            "--table-out writes timestamp, model_index, kpi, normal_behavior, diff_normal_behavior, _<influencer>…, _diff_<influencer>…; "
                + "a term using several influencers shares its value equally among them; the constant term and each calendar kind get "
                + "their own columns."})
final class RcaCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Inject
    DataFiles files;

    @Inject
    PluginRegistry registry;


    @Option(names = "--model", required = true, paramLabel = "FILE", description = "Model file written by build-model or rebuild-model.")
    Path model;

    @Mixin
    DataOptions input;

    @Option(names = "--table-out", paramLabel = "FILE", description = "Write the influencer view here (.csv, .csv.gz, .parquet).")
    Path tableOut;

    @Option(names = "--terms-out", paramLabel = "FILE", description = "Write the term view of one model here: term_1…, yhat_1….")
    Path termsOut;

    @Option(names = "--model-index", paramLabel = "K", description = "Model of the term view (default: the model of --at, else 1).")
    Integer modelIndex;

    @Option(names = "--at", paramLabel = "TS", description = "Show the causes at this timestamp; centre of the term view.")
    String at;

    @Option(names = "--radius", paramLabel = "R", description = "Rows of the term view before and after --at (default: all).")
    Integer radius;

    @Option(names = "--json-out", paramLabel = "FILE", description = "Write the ranking, the causes and the term labels as JSON.")
    Path jsonOut;

    @Mixin
    ReportOptions html;

    @Override
    public Integer call() throws Exception {
        List<OutputFiles.Target> targets = Arrays.asList(Outputs.target("the influencer view", "--table-out", tableOut),
                Outputs.target("the term view", "--terms-out", termsOut), Outputs.target("the JSON report", "--json-out", jsonOut),
                html.target());
        try (OutputFiles outputs = Outputs.plan(files, Arrays.asList(input.dataFile, model), targets, tableOut, termsOut)) {
            return run(outputs, targets);
        }
    }

    private int run(OutputFiles outputs, List<OutputFiles.Target> targets) {
        if (radius != null && radius < 0) {
            throw new VigilException(ErrorCode.INVALID_CONFIGURATION, "--radius must not be negative, got " + radius);
        }
        DetectionModel m = VigilCommand.readModel(model, registry);
        JobLog readLog = new JobLog();
        TimeFrame raw = input.read(files, DetectCommand.required(m), readLog);
        Notices.print(readLog.entries(), spec.commandLine().getErr());
        RootCauseAnalysis rca = RootCauseAnalysis.of(m);
        Decomposition d = rca.decompose(raw, input.rowSelection());
        DetectionResult found = m.detect(raw, input.rowSelection());
        List<RowCauses> causes = d.causesOf(found.anomalies());
        JobOutput report = JobOutput.of("rca", m, found, List.of(), false, causes);
        Instant centre = at == null ? null : instant(at);
        RowCauses atCauses = centre == null ? null : d.causes(centre);
        TermView terms = null;
        if (termsOut != null || modelIndex != null) {
            int k = modelIndex != null ? modelIndex : centre != null ? modelOf(d, centre) : 1;
            terms = rca.terms(raw, input.rowSelection(), k, centre, radius);
        }
        if (tableOut != null) {
            outputs.stage(targets.get(0), p -> files.write(d.table(), p, DetectionResult.TABLE_LAYOUT));
        }
        if (termsOut != null) {
            TimeFrame view = terms.table();
            outputs.stage(targets.get(1), p -> files.write(view, p));
        }
        if (jsonOut != null) {
            Map<String, Object> tree = json(d, report.report(), atCauses, terms);
            outputs.stage(targets.get(2), p -> ReportJson.write(p, tree));
        }
        if (html.reportOut != null) {
            List<LogEntry> logs = new ArrayList<>(readLog.entries());
            logs.addAll(found.logs());
            HtmlReports.stage(outputs, html.target(), HtmlReports.kpi(HtmlReports.command(spec), model, input.dataFile, m, null, found, d, logs));
        }
        outputs.commit();
        print(spec.commandLine().getOut(), d, report.report(), atCauses, terms);
        return 0;
    }

    private int modelOf(Decomposition d, Instant t) {
        TimeFrame table = d.table();
        int r = table.indexOf(t.toEpochMilli());
        return r >= 0 ? (int) table.column("model_index").get(r) : 1;
    }

    private Instant instant(String text) {
        long t = TimestampFormat.iso().parse(text, input.zone);
        if (t == TimestampFormat.INVALID) {
            throw new VigilException(ErrorCode.INVALID_CONFIGURATION, "--at '" + text + "' is not a timestamp; expected "
                    + TimestampFormat.iso().describe());
        }
        return Instant.ofEpochMilli(t);
    }

    private Map<String, Object> json(Decomposition d, JobReport report, RowCauses atCauses, TermView terms) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("job", "rca");
        m.put("rows", d.table().rows());
        m.put("ranking", d.ranking()); // records of contributor and sd
        if (atCauses != null) {
            m.put("at", ReportJson.causes(JobOutput.reported(atCauses), Integer.MAX_VALUE));
        }
        m.put("events", ReportJson.events(report.events(), JobReport.TOP_CAUSES));
        m.put("rootCauses", ReportJson.causes(report.rootCauses(), JobReport.TOP_CAUSES));
        if (terms != null) {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("modelIndex", terms.modelIndex());
            List<Object> labels = new ArrayList<>();
            for (int i = 0; i < terms.labels().size(); i++) {
                labels.add(Map.of("term", "term_" + (i + 1), "label", terms.labels().get(i)));
            }
            t.put("terms", labels);
            m.put("termView", t);
        }
        return m;
    }

    private void print(PrintWriter out, Decomposition d, JobReport report, RowCauses atCauses, TermView terms) {
        TimeFrame table = d.table();
        out.printf(Locale.ROOT, "Root-cause analysis of the normal behaviour of %s on %,d rows (%s to %s).%n", report.model().kpi(),
                table.rows(), table.rows() == 0 ? "-" : table.instant(0), table.rows() == 0 ? "-" : table.instant(table.rows() - 1));
        out.println("What moves the normal behaviour most (standard deviation of each contribution):");
        d.ranking().stream().limit(10).forEach(s -> out.printf(Locale.ROOT, "  %12.6g  %s%n", s.sd(), s.contributor()));
        if (atCauses != null) {
            out.println("At " + atCauses.timestamp() + ":");
            printCauses(out, JobOutput.reported(atCauses));
        }
        List<ReportedEvent> events = report.events();
        out.printf(Locale.ROOT, "Anomalies: %,d rows in %,d events; what moved the normal behaviour, on average over each event's anomalous rows:%n",
                report.rootCauses().size(), events.size());
        for (ReportedEvent e : events.subList(0, Math.min(10, events.size()))) {
            printCauses(out, e.causes());
        }
        if (events.size() > 10) {
            out.printf(Locale.ROOT, "  … %d more events (see --json-out)%n", events.size() - 10);
        }
        if (terms != null) {
            out.println("Term view of model " + terms.modelIndex() + ":");
            for (int i = 0; i < terms.labels().size(); i++) {
                out.printf(Locale.ROOT, "  term_%d = %s%n", i + 1, terms.labels().get(i));
            }
        }
        for (Object[] w : new Object[][] {{"influencer view", tableOut}, {"term view", termsOut}, {"JSON report", jsonOut},
            {"HTML report", html.reportOut}}) {
            if (w[1] != null) {
                out.println("Wrote the " + w[0] + " to " + w[1]);
            }
        }
        out.flush();
    }

    private static void printCauses(PrintWriter out, ReportedCauses c) {
        out.printf(Locale.ROOT, "  %s  kpi %.6g, normal behaviour %.6g (usually %.6g):", c.timestamp(), c.kpi(), c.normalBehavior(),
                c.typicalNormalBehavior());
        double shown = 0;
        for (ReportedCause cause : c.causes()) {
            if (shown >= 0.8) {
                out.printf(Locale.ROOT, " … %d more", c.causes().size() - c.causes().indexOf(cause));
                break;
            }
            out.printf(Locale.ROOT, " %s %+.4g (%.0f %%)", cause.contributor(), cause.departure(), 100 * cause.share());
            shown += cause.share();
        }
        out.println();
    }
}
