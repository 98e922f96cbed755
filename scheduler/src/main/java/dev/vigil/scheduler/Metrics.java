package dev.vigil.scheduler;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the schedulers of this process did, for {@code /metrics}: executions by scheduler and status, rows scored,
 * and the time executions took (a Prometheus summary: sum and count, and the largest). Thread-safe.
 */
public final class Metrics {
    private final Map<String, long[]> executions = new TreeMap<>();
    private final Map<String, Long> rows = new TreeMap<>();
    private final Map<String, double[]> seconds = new TreeMap<>();

    /** Counts one execution. */
    public synchronized void record(Execution e, double elapsedSeconds) {
        executions.computeIfAbsent(e.scheduler(), k -> new long[ExecutionStatus.values().length])[e.status().ordinal()]++;
        rows.merge(e.scheduler(), (long) e.rowsScored(), Long::sum);
        double[] s = seconds.computeIfAbsent(e.scheduler(), k -> new double[3]);
        s[0] += elapsedSeconds;
        s[1]++;
        s[2] = Math.max(s[2], elapsedSeconds);
    }

    /** The metrics in Prometheus' text exposition format (version 0.0.4). */
    public synchronized String prometheus() {
        StringBuilder b = new StringBuilder();
        b.append("# HELP vigil_scheduler_executions_total Executions finished by this process, by scheduler and status.\n");
        b.append("# TYPE vigil_scheduler_executions_total counter\n");
        executions.forEach((name, counts) -> {
            for (ExecutionStatus s : ExecutionStatus.values()) {
                if (s != ExecutionStatus.IN_PROGRESS) {
                    b.append("vigil_scheduler_executions_total{scheduler=\"").append(escape(name)).append("\",status=\"").append(s.name())
                            .append("\"} ").append(counts[s.ordinal()]).append('\n');
                }
            }
        });
        b.append("# HELP vigil_scheduler_rows_scored_total Rows written to results.jsonl, by scheduler.\n");
        b.append("# TYPE vigil_scheduler_rows_scored_total counter\n");
        rows.forEach((name, n) -> b.append("vigil_scheduler_rows_scored_total{scheduler=\"").append(escape(name)).append("\"} ").append(n).append('\n'));
        b.append("# HELP vigil_scheduler_execution_seconds Time an execution took, from reading its files to committing its outcome.\n");
        b.append("# TYPE vigil_scheduler_execution_seconds summary\n");
        seconds.forEach((name, s) -> {
            b.append(String.format(Locale.ROOT, "vigil_scheduler_execution_seconds_sum{scheduler=\"%s\"} %.6f%n", escape(name), s[0]));
            b.append(String.format(Locale.ROOT, "vigil_scheduler_execution_seconds_count{scheduler=\"%s\"} %d%n", escape(name), (long) s[1]));
        });
        b.append("# HELP vigil_scheduler_execution_seconds_max The longest execution, by scheduler.\n");
        b.append("# TYPE vigil_scheduler_execution_seconds_max gauge\n");
        seconds.forEach((name, s) -> b.append(String.format(Locale.ROOT, "vigil_scheduler_execution_seconds_max{scheduler=\"%s\"} %.6f%n", escape(name), s[2])));
        return b.toString();
    }

    private static String escape(String label) {
        return label.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
