package dev.vigil.cli;

import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options of system-driven build-model and detect beyond {@link DataOptions} and {@link OutputOptions}:
 * how a data set is laid out, labelled ranges, and the events, diagnostics and contribution columns to write.
 */
final class SystemOptions {
    @Mixin
    LayoutCliOptions layout;

    @Option(names = "--labels", paramLabel = "RANGES.csv",
            description = "System-driven: labelled ranges (start,end[,label] per line, Lookout's label files). They are left out of "
                    + "training, and the events are judged against them (Lookout's model metrics, event precision, recall, F1) and the "
                    + "indicator too (AUC).")
    Path labels;

    @Option(names = "--events-out", paramLabel = "E.json",
            description = "System-driven: write the events here (JSON): anomalous rows merged into {start, end, duration, peak indicator, "
                    + "diagnostics, components, interpretation}, with Lookout's model metrics when there are labels.")
    Path eventsOut;

    @Option(names = "--diagnostics-out", paramLabel = "D.jsonl",
            description = "System-driven: write one JSON line per anomalous row (Lookout's results.jsonl): timestamp, prediction, "
                    + "anomaly_score, diagnostics (component\\tag shares summing to 1), components, and Azure's top-k interpretation.")
    Path diagnosticsOut;

    @Option(names = "--results-out", paramLabel = "R.json",
            description = "System-driven: write every row judged in the shape of Azure's multivariate inference result: {results: [{timestamp, "
                    + "value: {isAnomaly, severity, score, interpretation (top contributors, on anomalies)}, errors}]}.")
    Path resultsOut;

    @Option(names = "--contributions",
            description = "System-driven: add a contribution_<signal> column per signal to the results table (the shares on anomalous rows).")
    boolean contributions;

    /** Whether any option of this mixin beyond the layout's was given (they need a system-driven model). */
    boolean any() {
        return labels != null || eventsOut != null || diagnosticsOut != null || resultsOut != null || contributions;
    }
}
