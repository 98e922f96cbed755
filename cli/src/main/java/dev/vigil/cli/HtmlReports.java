package dev.vigil.cli;

import dev.vigil.core.anomaly.AnomalousBehaviorModel;
import dev.vigil.core.detection.DetectionModel;
import dev.vigil.core.detection.DetectionResult;
import dev.vigil.evaluation.system.SystemRun;
import dev.vigil.io.OutputFiles;
import dev.vigil.rca.Decomposition;
import dev.vigil.rca.Importances;
import dev.vigil.report.Report;
import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.spi.log.LogEntry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine.Model.CommandSpec;

/** The HTML reports of the job commands ({@code --report-out}, {@code vigil report}, {@code vigil demo}), from what each job has. */
final class HtmlReports {
    private HtmlReports() {
    }

    /** The command line as typed, for the report's header. */
    static String command(CommandSpec spec) {
        List<String> args = spec.commandLine().getParseResult() == null ? List.of() : spec.commandLine().getParseResult().originalArgs();
        return args.isEmpty() ? "vigil " + spec.name() : "vigil " + String.join(" ", args); // the arguments from the root command on
    }

    /**
     * A KPI-driven report.
     *
     * @param inSample the rows the model was built on, or null
     * @param detected detected rows, or null
     * @param rootCauses the decomposition of the rows shown, or null
     */
    static Report.Builder kpi(String command, Path modelFile, Path dataFile, DetectionModel model, DetectionResult inSample,
            DetectionResult detected, Decomposition rootCauses, List<LogEntry> logs) {
        DetectionResult any = detected != null ? detected : inSample;
        return Report.builder().title("Vigil: " + model.kpi() + (dataFile == null ? "" : " in " + dataFile.getFileName()))
                .command(command).model(modelFile == null ? "kpi-driven, built here" : modelFile + " (kpi-driven)")
                .data(dataFile == null ? null : dataFile.toString()).setting("KPI", model.kpi())
                .setting("in-sample period", model.inSampleFrom() + " to " + model.inSampleTo())
                .setting("sampling period", model.samplingPeriod())
                .setting("perspectives", any.perspectives().stream().map(HtmlReports::perspective).collect(Collectors.joining("; ")))
                .inSample(inSample).detected(detected).importances(Importances.of(model.normalBehavior().summary()))
                .rootCauses(rootCauses).modelInSample(model.inSampleFrom(), model.inSampleTo()).log(job(command), logs);
    }

    /** The job a command line ran ({@code "detect"} of {@code "vigil detect --model …"}), to label its log entries. */
    static String job(String command) {
        String[] words = command.split(" ");
        return words.length > 1 ? words[1] : command;
    }

    private static String perspective(AnomalousBehaviorModel.PerspectiveSummary p) {
        return String.format(java.util.Locale.ROOT, "%s (window %d, sensitivity %.3f %%)", p.perspective(), p.window(), p.sensitivity());
    }

    /** A system-driven report. */
    static Report.Builder system(String command, Path modelFile, Path dataFile, SystemRun run, TimeFrame data) {
        return Report.builder().title("Vigil: " + (dataFile == null ? run.source() : dataFile.getFileName()) + ", system-driven")
                .command(command).model(modelFile == null ? run.model().detector().model().factory() + ", built here"
                        : modelFile + " (system-driven, " + run.model().detector().model().factory() + ")")
                .data(dataFile == null ? run.source() : dataFile.toString()).setting("signals", run.detection().signals().size())
                .setting("trained on", run.model().hasInSamplePeriod()
                        ? java.time.Instant.ofEpochMilli(run.model().inSampleFrom()) + " to "
                                + java.time.Instant.ofEpochMilli(run.model().inSampleTo())
                        : null)
                .system(run, data).log(job(command), run.logs());
    }

    /** Stages a report among a job's outputs (nothing when {@code target} is null). */
    static void stage(OutputFiles outputs, OutputFiles.Target target, Report.Builder report) {
        if (target != null) {
            String html = report.build().html();
            outputs.stage(target, p -> Files.writeString(p, html, StandardCharsets.UTF_8));
        }
    }
}
