package dev.vigil.scheduler;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One execution's record: Lookout's {@code InferenceExecutionSummary} (reference §5.7) without the ARNs, plus
 * what Vigil counts.
 *
 * @param scheduler {@code InferenceSchedulerName}
 * @param model {@code ModelName}: the model file
 * @param modelVersion {@code ModelVersion}: the model file's checksum
 * @param window {@code ScheduledStartTime}, {@code DataStartTime}, {@code DataEndTime}
 * @param status {@code Status}
 * @param failedReason {@code FailedReason} (at most 5,000 characters), {@code null} unless FAILED
 * @param output the output folder ({@code CustomerResultObject.Bucket})
 * @param resultKey the results file relative to it ({@code CustomerResultObject.Key}), {@code null} unless SUCCESS
 * @param rowsScored rows written to the results
 * @param anomalousRows rows with prediction 1
 * @param ignoredFiles input files whose names do not parse
 */
public record Execution(String scheduler, String model, String modelVersion, Window window, ExecutionStatus status, String failedReason, Path output,
        String resultKey, int rowsScored, int anomalousRows, int ignoredFiles) {
    /** Lookout's limit on {@code FailedReason}. */
    public static final int MAX_REASON = 5000;

    public Execution {
        requireNonNull(scheduler, "scheduler is null");
        requireNonNull(model, "model is null");
        requireNonNull(window, "window is null");
        requireNonNull(status, "status is null");
        requireNonNull(output, "output is null");
        if (failedReason != null && failedReason.length() > MAX_REASON) {
            failedReason = failedReason.substring(0, MAX_REASON - 1) + "…";
        }
    }

    /** The results file, when the execution succeeded. */
    public Path resultFile() {
        return resultKey == null ? null : output.resolve(resultKey);
    }

    /** As JSON, with Lookout's field names; {@code CustomerResultObject} only on SUCCESS. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ModelName", model);
        m.put("InferenceSchedulerName", scheduler);
        m.put("ScheduledStartTime", window.scheduledStart().toString());
        m.put("DataStartTime", window.start().toString());
        m.put("DataEndTime", window.end().toString());
        if (resultKey != null && status == ExecutionStatus.SUCCESS) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("Bucket", output.toString());
            r.put("Key", resultKey);
            m.put("CustomerResultObject", r);
        }
        m.put("Status", status.name());
        if (failedReason != null) {
            m.put("FailedReason", failedReason);
        }
        if (modelVersion != null) {
            m.put("ModelVersion", modelVersion);
        }
        m.put("RowsScored", rowsScored);
        m.put("AnomalousRows", anomalousRows);
        m.put("IgnoredFiles", ignoredFiles);
        return m;
    }

    /** The instant of a window end given in epoch milliseconds. */
    static Instant at(long millis) {
        return Instant.ofEpochMilli(millis);
    }
}
