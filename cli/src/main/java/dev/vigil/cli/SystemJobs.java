package dev.vigil.cli;

import dev.vigil.core.quality.DataQuality;
import dev.vigil.core.quality.DataQualityReport;
import dev.vigil.core.quality.Monotonicity;
import dev.vigil.core.quality.SensorStatisticsSummary;
import dev.vigil.core.quality.Status;
import dev.vigil.core.quality.QualityInput;
import dev.vigil.core.quality.QualitySource;
import dev.vigil.evaluation.system.EventRules;
import dev.vigil.evaluation.system.ModelMetrics;
import dev.vigil.evaluation.system.SystemJob;
import dev.vigil.evaluation.system.SystemEvent;
import dev.vigil.evaluation.system.SystemRun;
import dev.vigil.io.DataFiles;
import dev.vigil.io.OutputFiles;
import dev.vigil.io.labels.LabelRanges;
import dev.vigil.io.layout.LayoutData;
import dev.vigil.io.layout.Layouts;
import dev.vigil.io.model.ModelFiles;
import dev.vigil.io.report.JobReport;
import dev.vigil.io.report.ReportJson;
import dev.vigil.io.report.ResultsRecord;
import dev.vigil.spi.ReadOptions;
import dev.vigil.spi.ReadResult;
import dev.vigil.spi.frame.Durations;
import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.spi.log.JobLog;
import dev.vigil.system.IndicatorCalibration;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What the system-driven commands share: reading a data file or data set, writing a run's outputs, and
 * the summary for people. The jobs themselves are vigil-evaluation's {@code SystemJob}.
 */
final class SystemJobs {
    private SystemJobs() {
    }

    /** Data as read, with what the data-quality report needs. */
    record Data(TimeFrame frame, QualityInput quality) {
    }

    /** Reads a data file, or a folder or zip of files in a layout. */
    static Data read(DataFiles files, DataOptions input, LayoutCliOptions layout, JobLog log) {
        ReadOptions options = ReadOptions.DEFAULT.withTimestampColumn(input.timestamp).withZone(input.zone);
        if (layout.isLayout(input.dataFile)) {
            LayoutData d = Layouts.read(input.dataFile, layout.toOptions(false), options, log);
            return new Data(d.frame(), d.quality());
        }
        ReadResult r = files.readFile(input.dataFile, options, log);
        return new Data(r.frame(), QualityInput.of(QualitySource.of("", r.frame())));
    }

    /**
     * What the data-quality report judges for a build: each source's rows within the time span of the rows the model trains
     * on ({@code rows}; all rows when null), so that a short training span is reported as short, not the whole file's.
     * Counts the reader made per file (cells that were not numbers, bad timestamps) stay the file's.
     */
    static QualityInput trainingRows(Data data, dev.vigil.spi.settings.RowSelection rows, JobLog log) {
        if (rows == null || data.frame().rows() == 0) {
            return data.quality();
        }
        TimeFrame sorted = dev.vigil.core.prepare.Preparation.sortAndDeduplicate(data.frame(), JobLog.collecting(java.time.Clock.systemUTC()));
        dev.vigil.spi.frame.RowSet selected = dev.vigil.core.prepare.Preparation.select(sorted, rows);
        if (selected.count() == 0) {
            return data.quality();
        }
        long from = sorted.time(selected.first());
        long to = sorted.time(selected.last());
        log.info(SystemJob.ORIGIN, "Data quality judged on the rows the model trains on: " + Instant.ofEpochMilli(from) + " to "
                + Instant.ofEpochMilli(to) + " (--rows).");
        List<QualitySource> sources = new ArrayList<>();
        for (QualitySource q : data.quality().sources()) {
            long[] t = q.raw().times();
            int[] inside = java.util.stream.IntStream.range(0, t.length).filter(i -> t[i] >= from && t[i] <= to).toArray();
            sources.add(new QualitySource(q.component(), q.file(), q.raw().rows(inside), q.invalidValues(), q.invalidDateEntries(),
                    q.unsupportedTimestamps()));
        }
        return new QualityInput(sources, data.quality().totalFiles(), data.quality().discarded());
    }

    /**
     * The data-quality report of data about to be trained on, in the job log: its findings, then for each
     * kind of issue found, the signals that have it and what the build does about it.
     */
    static DataQualityReport logQuality(QualityInput quality, JobLog log) {
        DataQualityReport report = DataQuality.assess(quality);
        DataQuality.log(report, log);
        Map<String, List<String>> kinds = new java.util.LinkedHashMap<>();
        for (SensorStatisticsSummary s : report.sensorsWithIssues()) {
            for (String action : actions(s)) {
                kinds.computeIfAbsent(action, k -> new ArrayList<>()).add(s.signal());
            }
        }
        kinds.forEach((action, signals) -> log.info(SystemJob.ORIGIN, String.format(Locale.ROOT, "Data quality: %s (%s): %s",
                action.substring(0, action.indexOf(':')), names(signals), action.substring(action.indexOf(':') + 2))));
        return report;
    }

    private static String names(List<String> signals) {
        return signals.size() <= 5 ? String.join(", ", signals) : String.join(", ", signals.subList(0, 5)) + " and " + (signals.size() - 5) + " more";
    }

    /** What the build does about each issue of a signal: "issue: what is done." */
    static List<String> actions(SensorStatisticsSummary s) {
        List<String> out = new ArrayList<>();
        if (!s.dataExists()) {
            out.add("no values at all: the signal cannot be scored; leave it out with --exclude.");
        }
        if (s.missingValues().count() > 0) {
            out.add("missing values: a row lacking a signal's value (or one its lags read) gets no score and is never flagged; "
                    + "the model learns from the complete rows.");
        }
        if (s.duplicateTimestamps().count() > 0 || s.unorderedTimestamps().count() > 0) {
            out.add("duplicate or unordered timestamps: the rows are sorted by time and, of rows sharing a timestamp, the last is kept.");
        }
        if (s.shortDateRange() == Status.POTENTIAL_ISSUE_DETECTED) {
            out.add("short date range: the model learns from what there is; normal behaviour the range does not show (another season, "
                    + "another load) will read as anomalous.");
        }
        if (s.largeTimestampGaps().status() == Status.POTENTIAL_ISSUE_DETECTED) {
            out.add("large gaps: kept as they are; rows after a gap are judged like any other, lags reading the rows before it.");
        }
        if (s.monotonicValues().status() == Status.POTENTIAL_ISSUE_DETECTED) {
            out.add(s.monotonicValues().monotonicity() == Monotonicity.STATIC
                    ? "static: a signal constant on the training rows is left out of the model (the model's warning names it)."
                    : "monotonic: kept; values beyond those of the training rows will read as anomalous.");
        }
        if (s.categoricalValues().status() == Status.POTENTIAL_ISSUE_DETECTED) {
            out.add("categorical: kept, its values used as numbers.");
        }
        if (s.multipleOperatingModes().status() == Status.POTENTIAL_ISSUE_DETECTED) {
            out.add("multiple operating modes: kept; the model learns the modes the training rows hold, and a mode they lack will read as "
                    + "anomalous.");
        }
        return out;
    }

    /** Labelled ranges, or {@code null} without a file. */
    static LabelRanges labels(Path file, DataOptions input, JobLog log) {
        return file == null ? null : LabelRanges.read(file, input.zone, log);
    }

    /**
     * The outputs {@link #stage} writes, for {@link Outputs#plan}: the results table and its record, the events,
     * the diagnostics, Azure's results, the JSON report and the model ({@code null} paths skipped).
     */
    static List<OutputFiles.Target> targets(Path modelOut, Path tableOut, Path jsonOut, SystemOptions o) {
        List<OutputFiles.Target> targets = new ArrayList<>(JobReport.targets(null, tableOut, null));
        targets.add(Outputs.target("the events (JSON)", "--events-out", o.eventsOut));
        targets.add(Outputs.target("the diagnostics (JSON lines)", "--diagnostics-out", o.diagnosticsOut));
        targets.add(Outputs.target("the results (Azure's shape, JSON)", "--results-out", o.resultsOut));
        targets.addAll(JobReport.targets(modelOut, null, jsonOut));
        targets.removeIf(java.util.Objects::isNull);
        return targets;
    }

    /**
     * Stages what was asked in {@code out}, in {@link #targets}' order so that the model is moved into place last,
     * and returns the lines saying so. The results table gets its record ({@code <table>.vigil.json}: its checksum
     * and its model's): the model's file {@code modelFile} (detect) or the model being written (build-model).
     */
    static List<String> stage(OutputFiles out, SystemRun run, String job, DataFiles files, Path modelFile, Path modelOut, Path tableOut,
            Path jsonOut, SystemOptions o) {
        List<OutputFiles.Target> targets = targets(modelOut, tableOut, jsonOut, o);
        int t = 0;
        if (tableOut != null) {
            Path table = out.stage(targets.get(t++), p -> files.write(run.table(o.contributions), p));
            String checksum = modelOut != null ? run.model().checksum() : modelFile != null ? ModelFiles.checksumOf(modelFile) : null;
            if (checksum != null) {
                Map<String, Object> record = ResultsRecord.of(table, tableOut, job, checksum).toMap();
                out.stage(targets.get(t), p -> ReportJson.write(p, record));
            }
            t++;
        }
        if (o.eventsOut != null) {
            out.stage(targets.get(t++), run::writeEvents);
        }
        if (o.diagnosticsOut != null) {
            out.stage(targets.get(t++), run::writeDiagnostics);
        }
        if (o.resultsOut != null) {
            out.stage(targets.get(t++), run::writeAzureResults);
        }
        if (jsonOut != null) {
            Map<String, Object> report = run.report(job);
            out.stage(targets.get(t++), p -> ReportJson.write(p, report));
        }
        if (modelOut != null) {
            out.stage(targets.get(t), p -> run.model().write(p));
        }
        List<String> written = new ArrayList<>(Written.lines(modelOut, tableOut, jsonOut));
        if (o.eventsOut != null) {
            written.add("Wrote the events to " + o.eventsOut);
        }
        if (o.diagnosticsOut != null) {
            written.add("Wrote the diagnostics to " + o.diagnosticsOut);
        }
        if (o.resultsOut != null) {
            written.add("Wrote the results (Azure's shape) to " + o.resultsOut);
        }
        return written;
    }

    /** The summary for people: the model, the anomalies, the events with their top signals, the metrics, the warnings. */
    static void print(SystemRun run, String heading, PrintWriter out, List<String> written) {
        var d = run.detection();
        var model = run.model().detector();
        IndicatorCalibration c = model.calibration();
        out.printf(Locale.ROOT, "%s: %s model of %d signals, on %,d rows of %s (%s to %s)%s.%n", heading, model.model().factory(),
                model.model().signals().size(), d.rows(), run.source(), d.rows() == 0 ? "-" : Instant.ofEpochMilli(d.time()[0]),
                d.rows() == 0 ? "-" : Instant.ofEpochMilli(d.time()[d.rows() - 1]),
                run.fitRows() > 0 ? String.format(Locale.ROOT, "; trained on %,d of them", run.fitRows()) : "");
        out.printf(Locale.ROOT, "Indicator: sensitivity %.3f %% (%s), window %d %s%s.%n", c.detectedSensitivity(),
                Double.isNaN(run.model().settings().calibration().sensitivity()) ? "detected" : "given", c.windowLength(),
                c.windowLength() == 1 ? "row" : "rows", c.detectedSensitivity() == 0
                        ? "; no training row was an outlier, so the threshold (indicator 1) is the largest training score and any "
                                + "row above it is anomalous" : "");
        int gap = run.model().settings().events().mergeGapRows();
        Duration min = run.model().settings().events().minDuration();
        int events = run.events().size();
        out.printf(Locale.ROOT, "Anomalies: %,d of %,d rows, in %,d %s (anomalous rows at most %d %s apart form one%s)%s%n", run.anomalies(),
                d.rows(), events, events == 1 ? "event" : "events", gap, gap == 1 ? "row" : "rows",
                min.isZero() ? "" : "; events shorter than " + Durations.human(min) + " dropped", events == 0 ? "." : ":");
        printEvents(run.events(), out, 20);
        run.metrics().ifPresent(m -> printMetrics(m, out));
        run.errorMeasures().ifPresent(m -> out.printf(Locale.ROOT, "Error measures: AUC %s, %s%n",
                m.auc().isPresent() ? String.format(Locale.ROOT, "%.4f", m.auc().getAsDouble()) : "n/a (one class only)",
                m.confusionMatrix().toMap()));
        Notices.print(run.logs(), out);
        written.forEach(out::println);
        out.flush();
    }

    /** One line per event, at most {@code limit}: when, how long, how strong, its top signals and components. */
    static void printEvents(List<SystemEvent> events, PrintWriter out, int limit) {
        for (SystemEvent e : events.subList(0, Math.min(limit, events.size()))) {
            String top = e.top(3).stream().map(x -> String.format(Locale.ROOT, "%s %.0f %%", x.signal(), 100 * x.share()))
                    .collect(Collectors.joining(", "));
            String components = e.components().size() > 1 && e.components().size() < e.diagnostics().size()
                    ? "  components: " + e.components().entrySet().stream().limit(3)
                            .map(x -> String.format(Locale.ROOT, "%s %.0f %%", x.getKey(), 100 * x.getValue())).collect(Collectors.joining(", "))
                    : "";
            out.printf(Locale.ROOT, "  %s  %-22s peak indicator %8.2f  top signals: %s%s%n", Instant.ofEpochMilli(e.start()),
                    e.anomalousRows() == 1 && e.event().rows() == 1 ? "1 row" : "for " + Durations.human(e.duration()), e.peakIndicator(), top,
                    components);
        }
        if (events.size() > limit) {
            out.printf(Locale.ROOT, "  … %d more events (see --events-out)%n", events.size() - limit);
        }
    }

    /** Lookout's model metrics and the event-wise scores, in two lines. */
    static void printMetrics(ModelMetrics m, PrintWriter out) {
        out.printf(Locale.ROOT, "Against %d labelled %s: %d identified (warning time %s in total), %d unknown %s (%s in total).%n",
                m.labelled().size(), m.labelled().size() == 1 ? "range" : "ranges", m.identified(), Durations.human(m.warningTime()),
                m.unknownEvents(), m.unknownEvents() == 1 ? "event" : "events", Durations.human(m.unknownDuration()));
        out.printf(Locale.ROOT, "Event metrics: precision %s, recall %s, F1 %s (%d of %d events overlap a label; %d of %d labelled events "
                + "caught).%n", Text.decimal(m.events().precision()), Text.decimal(m.events().recall()), Text.decimal(m.events().f1()),
                m.events().trueDetections(), m.events().detected().size(), m.events().caught().size(), m.events().labelled().size());
    }

    /**
     * Event rules: {@code base} with what {@code --event-gap} and {@code --min-event-duration} give ({@code null}: not given).
     *
     * @throws dev.vigil.spi.VigilException naming the option, for a period that is not ISO 8601 or a negative value
     */
    static EventRules eventRules(EventRules base, Integer gap, String minDuration) {
        if (gap == null && minDuration == null) {
            return base;
        }
        return new EventRules(gap == null ? base.mergeGapRows() : gap,
                minDuration == null ? base.minDuration() : Approach.period("--min-event-duration", minDuration));
    }

    /** Parameters given as name=value: numbers, booleans and strings as JSON would hold them. */
    static Map<String, Object> parameters(Map<String, String> given) {
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        given.forEach((k, v) -> out.put(k, value(v)));
        return out;
    }

    private static Object value(String v) {
        if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(v);
        }
        try {
            return v.matches("[-+]?\\d+") ? (Object) Long.parseLong(v) : (Object) Double.parseDouble(v);
        } catch (NumberFormatException e) {
            return v;
        }
    }
}
