package dev.vigil.evaluation.system;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.evaluation.ErrorMeasures;
import dev.vigil.io.AtomicFiles;
import dev.vigil.io.report.ReportJson;
import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.VigilException;
import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.spi.log.LogEntry;
import dev.vigil.system.Contribution;
import dev.vigil.system.SystemDetection;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a system-driven job found on its rows, and its outputs: TIM's results table with Azure's score and
 * severity, the events (with Lookout's model metrics when there are labels), the diagnostics of every
 * anomalous row as JSON lines, and a report. Built by {@link SystemJob}.
 *
 * @param model the model (built by the job, or read)
 * @param source the data it ran on, for messages
 * @param detection the rows judged: score, indicator, severity, and the contributions of the anomalous rows
 * @param off per row judged, whether the machine was off
 * @param labels per row judged, whether it lies in a labelled range; {@code null} without labels
 * @param events the events, in time order
 * @param metrics the events judged against the labelled ranges, when there are labels
 * @param errorMeasures TIM's AUC and confusion matrix of the indicator against the labels, when there are labels
 * @param fitRows the rows the model was trained on (0 for detect)
 * @param logs the job's log
 */
public record SystemRun(SystemJobModel model, String source, SystemDetection detection, boolean[] off, boolean[] labels, List<SystemEvent> events,
        Optional<ModelMetrics> metrics, Optional<ErrorMeasures> errorMeasures, int fitRows, List<LogEntry> logs) {
    /** The results table's columns before the contributions (after {@code timestamp}). */
    public static final List<String> COLUMNS = List.of("label", "anomaly_code", "anomaly_indicator", "score", "severity");
    /**
     * The column that says, on every row, whether the machine was off (1) or not (0): Lookout's {@code
     * MACHINE_OFF}. Only models with an off condition write it; off rows have no indicator and end events.
     */
    public static final String MACHINE_OFF = "machine_off";
    /** The prefix of the contribution columns: {@code contribution_<signal>}. */
    public static final String CONTRIBUTION_PREFIX = "contribution_";
    private static final ObjectMapper LINES = new ObjectMapper();

    public SystemRun {
        requireNonNull(model, "model is null");
        requireNonNull(source, "source is null");
        requireNonNull(detection, "detection is null");
        requireNonNull(off, "off is null");
        events = List.copyOf(events);
        requireNonNull(metrics, "metrics is null");
        requireNonNull(errorMeasures, "errorMeasures is null");
        logs = List.copyOf(logs);
    }

    /** Number of anomalous rows. */
    public int anomalies() {
        return detection.contributions().rows().length;
    }

    /**
     * TIM's results table {@code timestamp, label, anomaly_code, anomaly_indicator} (label empty without
     * labels; indicator empty where there is none, e.g. while the machine is off) with Azure's raw {@code
     * score} and {@code severity}; then, when the model has an off condition, {@value #MACHINE_OFF} (1 where
     * the machine was off, else 0); with {@code contributions}, one {@code contribution_<signal>} column per
     * signal, filled on the anomalous rows (the shares, summing to 1).
     */
    public TimeFrame table(boolean contributions) {
        int n = detection.rows();
        Map<String, double[]> columns = new LinkedHashMap<>();
        double[] label = new double[n];
        double[] code = new double[n];
        for (int r = 0; r < n; r++) {
            label[r] = labels == null ? Double.NaN : labels[r] ? 1 : 0;
            code[r] = detection.anomalous(r) ? 1 : 0;
        }
        columns.put("label", label);
        columns.put("anomaly_code", code);
        columns.put("anomaly_indicator", detection.indicator().clone());
        columns.put("score", detection.score().clone());
        columns.put("severity", detection.severity().clone());
        if (model.settings().offCondition().isPresent()) {
            double[] o = new double[n];
            for (int r = 0; r < n; r++) {
                o[r] = off[r] ? 1 : 0;
            }
            columns.put(MACHINE_OFF, o);
        }
        if (contributions) {
            List<String> signals = detection.signals();
            double[][] c = new double[signals.size()][n];
            for (double[] col : c) {
                Arrays.fill(col, Double.NaN);
            }
            int[] rows = detection.contributions().rows();
            for (int k = 0; k < rows.length; k++) {
                double[] s = detection.contributions().shares()[k];
                for (int j = 0; j < s.length; j++) {
                    c[j][rows[k]] = s[j];
                }
            }
            for (int j = 0; j < signals.size(); j++) {
                columns.put(CONTRIBUTION_PREFIX + signals.get(j), c[j]);
            }
        }
        TimeFrame.Builder b = TimeFrame.builder(detection.time()).source(source + " (results)");
        columns.forEach(b::column);
        return b.build();
    }

    /** The contributions of an anomalous row, in signal order. */
    public List<Contribution> contributions(int anomaly) {
        double[] s = detection.contributions().shares()[anomaly];
        double[] d = detection.contributions().deviations()[anomaly];
        List<Contribution> out = new ArrayList<>();
        for (int j = 0; j < s.length; j++) {
            out.add(new Contribution(detection.signals().get(j), s[j], d[j]));
        }
        return out;
    }

    /**
     * The diagnostics of each anomalous row, one JSON object per line (Lookout's {@code results.jsonl}
     * lines, reference §5.7, with Azure's fields): {@code timestamp} (Lookout's form), {@code prediction} 1,
     * {@code prediction_reason} {@code ANOMALY_DETECTED}, {@code anomaly_score} (= indicator / 2, capped at
     * 1, so 0.5 is the threshold), {@code anomaly_indicator}, {@code score}, {@code severity}, {@code
     * diagnostics} ({@code [{name, value}]} over every signal, summing to 1), {@code components} and
     * {@code interpretation} (Azure's top-k).
     */
    public List<String> diagnosticsLines() {
        List<String> out = new ArrayList<>();
        int[] rows = detection.contributions().rows();
        Map<String, String> groups = model.settings().groups();
        int k = model.settings().topK();
        for (int a = 0; a < rows.length; a++) {
            int r = rows[a];
            List<Contribution> c = contributions(a);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("timestamp", Diagnostics.lookoutTime(detection.time()[r]));
            m.put("prediction", 1);
            m.put("prediction_reason", "ANOMALY_DETECTED");
            m.put("anomaly_score", Math.min(1, detection.indicator()[r] / 2));
            m.put("anomaly_indicator", detection.indicator()[r]);
            m.put("score", detection.score()[r]);
            m.put("severity", detection.severity()[r]);
            boolean explained = !c.isEmpty() && !Double.isNaN(c.get(0).share());
            m.put("diagnostics", explained ? Diagnostics.lookout(c) : List.of());
            m.put("components", explained ? Diagnostics.totalsList(Diagnostics.totals(c, groups)) : List.of());
            m.put("interpretation", explained ? Diagnostics.interpretation(c, k) : List.of());
            try {
                out.add(LINES.writeValueAsString(m));
            } catch (JsonProcessingException e) {
                throw new VigilException(ErrorCode.INTERNAL, "Cannot write JSON: " + e.getOriginalMessage(), e);
            }
        }
        return out;
    }

    /** Writes {@link #diagnosticsLines()} to a file atomically, each line ending in a newline. */
    public void writeDiagnostics(Path file) {
        List<String> lines = diagnosticsLines();
        AtomicFiles.writeText(file, w -> {
            for (String line : lines) {
                w.write(line);
                w.write('\n');
            }
        });
    }

    /**
     * The rows in the shape of Azure Multivariate Anomaly Detector's inference result (reference §4.4): {@code
     * {results: [{timestamp, value: {isAnomaly, severity, score, interpretation}, errors}]}}, one per row
     * judged. {@code interpretation} is on anomalous rows only, the model's top-k contributors ({@code
     * variable}, {@code contributionScore}, Vigil's signed {@code deviation}; no model gives Azure's {@code
     * correlationChanges}). A row without an indicator carries, instead of a value, one error: {@code
     * MachineOff} (the off condition holds), {@code NoScore} (a signal has no value on the row or on the rows
     * before it that the model reads) or Azure's {@code InsufficientHistoricalData} (the indicator window is
     * not full yet).
     */
    public Map<String, Object> azureResults() {
        int k = model.settings().topK();
        int[] rows = detection.contributions().rows();
        List<Object> results = new ArrayList<>();
        int a = 0;
        for (int r = 0; r < detection.rows(); r++) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("timestamp", Instant.ofEpochMilli(detection.time()[r]).toString());
            double indicator = detection.indicator()[r];
            if (Double.isNaN(indicator)) {
                String code = off[r] ? "MachineOff" : Double.isNaN(detection.score()[r]) ? "NoScore" : "InsufficientHistoricalData";
                String message = off[r] ? "The machine is off (" + model.settings().offCondition().map(Object::toString).orElse("") + ")"
                        : code.equals("NoScore") ? "A signal of the model has no value on this row or on the rows before it that the model reads"
                        : "The anomaly indicator window (" + model.detector().calibration().windowLength() + " rows) is not full yet";
                row.put("errors", List.of(Diagnostics.entry("code", code, "message", message)));
            } else {
                Map<String, Object> value = new LinkedHashMap<>();
                boolean anomalous = indicator > 1;
                value.put("isAnomaly", anomalous);
                value.put("severity", detection.severity()[r]);
                value.put("score", detection.score()[r]);
                while (a < rows.length && rows[a] < r) {
                    a++;
                }
                List<Contribution> c = anomalous && a < rows.length && rows[a] == r ? contributions(a) : List.of();
                value.put("interpretation", c.isEmpty() || Double.isNaN(c.get(0).share()) ? List.of() : Diagnostics.interpretation(c, k));
                row.put("value", value);
                row.put("errors", List.of());
            }
            results.add(row);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("results", results);
        return m;
    }

    /** Writes {@link #azureResults()} to a file atomically. */
    public void writeAzureResults(Path file) {
        ReportJson.write(file, azureResults());
    }

    /**
     * The events as JSON: {@code events} (see {@link SystemEvent#toMap}) and, with labels, Lookout's {@code
     * modelMetrics} ({@link ModelMetrics#toMap}).
     */
    public Map<String, Object> eventsJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("source", source);
        m.put("rows", detection.rows());
        m.put("from", detection.rows() == 0 ? null : Instant.ofEpochMilli(detection.time()[0]).toString());
        m.put("to", detection.rows() == 0 ? null : Instant.ofEpochMilli(detection.time()[detection.rows() - 1]).toString());
        m.put("anomalousRows", anomalies());
        Map<String, Object> rules = new LinkedHashMap<>();
        rules.put("mergeGapRows", model.settings().events().mergeGapRows());
        rules.put("minDuration", model.settings().events().minDuration().toString());
        m.put("eventRules", rules);
        m.put("events", events.stream().map(e -> e.toMap(model.settings().topK())).toList());
        metrics.ifPresent(x -> m.put("modelMetrics", x.toMap()));
        return m;
    }

    /** Writes {@link #eventsJson()} to a file atomically. */
    public void writeEvents(Path file) {
        ReportJson.write(file, eventsJson());
    }

    /**
     * A report of the job: {@code job}, the model ({@code factory}, {@code parameters}, {@code signals}, the
     * calibration), the settings, the counts, TIM's {@code errorMeasures}, the events with the model
     * metrics, and the log.
     */
    public Map<String, Object> report(String job) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("job", job);
        m.put("approach", "system-driven");
        Map<String, Object> mm = new LinkedHashMap<>();
        mm.put("factory", model.detector().model().factory());
        mm.put("parameters", model.detector().model().parameters());
        mm.put("signals", model.detector().model().signals());
        mm.put("anomalyIndicator", model.detector().calibration().state());
        m.put("model", mm);
        m.put("settings", model.settings().toMap());
        if (fitRows > 0) {
            m.put("fitRows", fitRows);
        }
        int offRows = 0;
        for (boolean o : off) {
            offRows += o ? 1 : 0;
        }
        m.put("offRows", offRows);
        errorMeasures.ifPresent(e -> m.put("errorMeasures", e.toMap()));
        m.putAll(eventsJson());
        m.put("logs", ReportJson.logs(logs));
        return m;
    }
}
