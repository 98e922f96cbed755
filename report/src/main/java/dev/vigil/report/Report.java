package dev.vigil.report;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.core.detection.DetectionResult;
import dev.vigil.core.quality.DataQualityReport;
import dev.vigil.evaluation.LabelTuning;
import dev.vigil.evaluation.ResultsEvaluation;
import dev.vigil.evaluation.system.SystemRun;
import dev.vigil.io.AtomicFiles;
import dev.vigil.rca.Decomposition;
import dev.vigil.rca.Importances;
import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.VigilException;
import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.spi.log.LogEntry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A job's pictures as one self-contained HTML file that works offline: the charting library (Apache
 * ECharts, from its webjar) and the data (JSON) are inlined, nothing is fetched. What it shows depends on
 * what it is given:
 *
 * <ul>
 *   <li>a KPI-driven result ({@link Builder#inSample}, {@link Builder#detected}): the KPI against its normal
 *       behaviour, in-sample and out-of-sample told apart, the anomalies, one indicator panel per perspective
 *       with its threshold at 1, all zoomed together; the anomaly list as a sortable table; with {@link
 *       Builder#importances} the predictor and feature importances, with {@link Builder#rootCauses} each
 *       anomaly's contributions when its row is clicked;
 *   <li>when the result's rows have labels, or with {@link Builder#evaluation}: the confusion matrix, the ROC curve with its AUC, the labelled
 *       events caught or missed with their delays, and with {@link Builder#tuning} precision and recall
 *       against the sensitivity;
 *   <li>a system-driven run ({@link Builder#system}): the indicator and the top signals with the training
 *       split, the labelled ranges and the detected events as ribbons, the events' diagnostics by signal
 *       and by component, histograms of the top signals in normal and anomalous rows;
 *   <li>a data-quality report ({@link Builder#quality}), and always the header (command, model, data,
 *       time range, settings) and the job log.
 * </ul>
 *
 * <p>Long series are thinned to at most {@link Builder#maxPoints} points per series, keeping each
 * bucket's smallest and largest value, so spikes survive and a million rows make a report of a few
 * megabytes. Immutable once built; {@link #write} writes atomically (a reader never sees half a file).
 */
public final class Report {
    static final String ECHARTS = "META-INF/resources/webjars/echarts/5.3.1/dist/echarts.min.js";
    static final String TEMPLATE = "dev/vigil/report/report.html";

    private final ObjectNode data;

    private Report(ObjectNode data) {
        this.data = data;
    }

    /** A builder of a report. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The HTML page.
     *
     * @throws VigilException {@link ErrorCode#INTERNAL} when this build lacks ECharts or the page template
     */
    public String html() {
        String template = resource(TEMPLATE);
        String echarts = resource(ECHARTS);
        if (echarts.contains("</script")) {
            throw new VigilException(ErrorCode.INTERNAL, "ECharts' script contains </script and cannot be inlined");
        }
        String json = ReportData.JSON_TEXT.apply(data).replace("</", "<\\/");
        String title = data.path("header").path("title").asText("Vigil report");
        // from the last marker to the first, so that no marker is looked for in what an earlier one put in
        return fill(fill(fill(template, "{{data}}", json), "/*{{echarts}}*/", echarts), "{{title}}", escape(title));
    }

    /** The template with the first {@code marker} replaced. */
    private static String fill(String template, String marker, String value) {
        int at = template.indexOf(marker);
        if (at < 0) {
            throw new VigilException(ErrorCode.INTERNAL, "The report's template lacks " + marker);
        }
        return new StringBuilder(template.length() + value.length()).append(template, 0, at).append(value)
                .append(template, at + marker.length(), template.length()).toString();
    }

    /**
     * Writes the page to {@code file} atomically, creating its folder.
     *
     * @throws VigilException {@link ErrorCode#IO_FAILURE} when it cannot be written
     */
    public void write(Path file) {
        String page = html();
        AtomicFiles.writeText(file, out -> out.write(page));
    }

    /** The data the page draws, as embedded in it (for tests and tools). */
    ObjectNode data() {
        return data.deepCopy();
    }

    private static String resource(String name) {
        try (InputStream in = Report.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new VigilException(ErrorCode.INTERNAL, "The report's resource " + name + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new VigilException(ErrorCode.INTERNAL, "Cannot read the report's resource " + name + ": " + e.getMessage(), e);
        }
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /**
     * What a report shows; every part is optional. Not thread-safe.
     */
    public static final class Builder {
        String title = "Vigil report";
        String command;
        String model;
        String dataName;
        final Map<String, Object> settings = new LinkedHashMap<>();
        final List<Map.Entry<String, LogEntry>> logs = new ArrayList<>();
        long[] modelInSample;
        DetectionResult inSample;
        DetectionResult detected;
        Importances importances;
        Decomposition rootCauses;
        LabelTuning.Result tuning;
        final List<Map.Entry<String, ResultsEvaluation>> evaluations = new ArrayList<>();
        SystemRun system;
        TimeFrame systemData;
        DataQualityReport quality;
        int maxPoints = 3000;
        int maxAnomalies = 2000;

        private Builder() {
        }

        /** The page's title. */
        public Builder title(String value) {
            title = requireNonNull(value, "title is null");
            return this;
        }

        /** The command that was run, as a user would type it. */
        public Builder command(String value) {
            command = value;
            return this;
        }

        /** The model: its file, or what it is. */
        public Builder model(String value) {
            model = value;
            return this;
        }

        /** The data: its file, or what it is. */
        public Builder data(String value) {
            dataName = value;
            return this;
        }

        /** One setting shown in the header ({@code null} values are left out). */
        public Builder setting(String name, Object value) {
            if (value != null) {
                settings.put(requireNonNull(name, "name is null"), value);
            }
            return this;
        }

        /** Entries of the job log (added to those given before; the report lists them in time order). */
        public Builder log(List<LogEntry> entries) {
            return log("", entries);
        }

        /**
         * Entries of one job's log, labelled with the job (e.g. {@code "build-model"}, {@code "detect"}), so
         * that the entries of several jobs stay told apart when the report sorts them by time.
         */
        public Builder log(String job, List<LogEntry> entries) {
            requireNonNull(job, "job is null");
            entries.forEach(e -> logs.add(Map.entry(job, e)));
            return this;
        }

        /**
         * The model's in-sample period (its first and last row): detected rows inside it are not called
         * out-of-sample. Optional; {@code vigil report} and {@code detect} know it from the model.
         */
        public Builder modelInSample(java.time.Instant from, java.time.Instant to) {
            modelInSample = new long[] {from.toEpochMilli(), to.toEpochMilli()};
            return this;
        }

        /** The in-sample rows of a KPI-driven job (a build's result on the rows it was built on). */
        public Builder inSample(DetectionResult value) {
            inSample = value;
            return this;
        }

        /** The out-of-sample rows of a KPI-driven job (a detection). */
        public Builder detected(DetectionResult value) {
            detected = value;
            return this;
        }

        /** The model's predictor and feature importances (vigil-rca). */
        public Builder importances(Importances value) {
            importances = value;
            return this;
        }

        /**
         * The root-cause decomposition of the detected rows (vigil-rca): clicking an anomaly shows its
         * contributors' departures, at its row and around it.
         */
        public Builder rootCauses(Decomposition value) {
            rootCauses = value;
            return this;
        }

        /**
         * A results table scored against labels ({@code vigil evaluate}): its confusion matrix, ROC curve with its AUC, and
         * labelled events caught or missed.
         */
        public Builder evaluation(String title, ResultsEvaluation value) {
            evaluations.add(Map.entry(requireNonNull(title, "title is null"), requireNonNull(value, "value is null")));
            return this;
        }

        /** What {@code vigil tune} tried: precision and recall against the sensitivity. */
        public Builder tuning(LabelTuning.Result value) {
            tuning = value;
            return this;
        }

        /**
         * A system-driven run, with the data it judged (for the signals' lines and histograms; {@code null}
         * to leave them out).
         */
        public Builder system(SystemRun run, TimeFrame data) {
            system = run;
            systemData = data;
            return this;
        }

        /** A data-quality report (Lookout's ingestion report). */
        public Builder quality(DataQualityReport value) {
            quality = value;
            return this;
        }

        /**
         * The most points drawn per series (default 3,000): longer series keep the smallest and largest
         * value of each of {@code value / 2} buckets of consecutive rows.
         */
        public Builder maxPoints(int value) {
            if (value < 2) {
                throw new IllegalArgumentException("maxPoints must be at least 2, not " + value);
            }
            maxPoints = value;
            return this;
        }

        /** The most anomalies listed (default 2,000): beyond it, those of the largest indicators, in time order. */
        public Builder maxAnomalies(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("maxAnomalies must be at least 1, not " + value);
            }
            maxAnomalies = value;
            return this;
        }

        /** The report. */
        public Report build() {
            return new Report(new ReportData(this).toJson());
        }
    }
}
