package dev.vigil.cli;

import dev.vigil.core.prepare.OffCondition;
import dev.vigil.core.quality.DataQuality;
import dev.vigil.core.quality.DataQualityReport;
import dev.vigil.core.quality.DiscardedFile;
import dev.vigil.core.quality.IngestedFilesSummary;
import dev.vigil.core.quality.QualityInput;
import dev.vigil.core.quality.SensorStatisticsSummary;
import dev.vigil.io.layout.Tags;
import dev.vigil.io.report.QualityReports;
import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.spi.log.JobLog;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@code vigil inspect} adds for system-driven data: the layout read, the data-quality report, the
 * tags file checked against the signals, the rows an off condition marks. Kept apart from the
 * one-file summary of {@link InspectCommand}.
 *
 * @param layout the layout the data were read in: file, per-variable or components
 * @param report the data-quality report
 * @param tags the tags file, {@code null} when not given
 * @param offCondition the off condition, {@code null} when not given
 * @param offRows the rows it marks
 * @param rows the rows of the frame
 */
record InspectQuality(String layout, DataQualityReport report, Tags tags, OffCondition offCondition, long offRows, int rows) {

    /** Assesses the data, reads the tags against its signals and applies the off condition. */
    static InspectQuality of(String layout, TimeFrame frame, QualityInput quality, Path tagsFile, String offTime, JobLog log) {
        DataQualityReport report = DataQuality.assess(quality);
        Tags tags = tagsFile == null ? null : Tags.read(tagsFile, frame.columnNames());
        OffCondition off = offTime == null ? null : OffCondition.parse(offTime);
        long offRows = 0;
        if (off != null) {
            for (boolean b : off.mask(frame, log)) {
                offRows += b ? 1 : 0;
            }
        }
        return new InspectQuality(layout, report, tags, off, offRows, frame.rows());
    }

    /** The JSON keys it adds: {@code layout}, {@code tags}, {@code offTime}, {@code quality}. */
    void addTo(Map<String, Object> json) {
        json.put("layout", layout);
        if (tags != null) {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("file", tags.source());
            t.put("described", tags.tags().size());
            t.put("groups", new TreeMap<>(groupSizes()));
            json.put("tags", t);
        }
        if (offCondition != null) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("condition", offCondition.toString());
            o.put("offRows", offRows);
            json.put("offTime", o);
        }
        json.put("quality", QualityReports.toJson(report));
    }

    private Map<String, Integer> groupSizes() {
        Map<String, Integer> sizes = new TreeMap<>();
        tags.tags().forEach(t -> sizes.merge(t.group().isEmpty() ? "(none)" : t.group(), 1, Integer::sum));
        return sizes;
    }

    /** The text it adds after the summary. */
    void print(PrintWriter out) {
        row(out, "Layout", layout);
        if (tags != null) {
            row(out, "Tags", tags.tags().size() + " signals described in " + tags.source() + "; groups: " + groupSizes().entrySet().stream()
                    .map(e -> e.getKey() + " (" + e.getValue() + ")").reduce((a, b) -> a + ", " + b).orElse("none"));
        }
        if (offCondition != null) {
            row(out, "Off-time", String.format(Locale.ROOT, "%,d of %,d rows (%.1f %%) where %s", offRows, rows,
                    rows == 0 ? 0.0 : 100.0 * offRows / rows, offCondition));
        }
        IngestedFilesSummary files = report.ingestedFilesSummary();
        List<SensorStatisticsSummary> issues = report.sensorsWithIssues();
        int sensors = report.sensorStatisticsSummaries().size();
        row(out, "Data quality", sensors + (sensors == 1 ? " signal" : " signals") + ", " + (issues.isEmpty() ? "no potential issue"
                : issues.size() + " with a potential issue") + "; " + files.ingestedNumberOfFiles() + " of " + files.totalNumberOfFiles()
                + (files.totalNumberOfFiles() == 1 ? " file" : " files") + " read");
        int width = Math.max(20, issues.stream().mapToInt(s -> s.signal().length()).max().orElse(0));
        for (SensorStatisticsSummary s : issues) {
            out.printf(Locale.ROOT, "  %-" + width + "s %s%n", s.signal(), String.join("; ", s.issues()));
        }
        for (DiscardedFile d : files.discardedFiles()) {
            out.printf(Locale.ROOT, "  left out %s: %s%n", d.file(), d.reason());
        }
    }

    private static void row(PrintWriter out, String label, String value) {
        out.printf(Locale.ROOT, "%-21s %s%n", label, value);
    }
}
