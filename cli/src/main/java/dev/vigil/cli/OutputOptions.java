package dev.vigil.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --table-out} and {@code --json-out}, shared by the job commands. */
final class OutputOptions {
    @Option(names = "--table-out", paramLabel = "FILE",
            description = "Write the results table here (.csv, .csv.gz, .parquet): timestamp, model_index, kpi, normal_behavior, "
                    + "anomaly_code, anomaly_indicator_<perspective>…")
    Path tableOut;

    @Option(names = "--json-out", paramLabel = "FILE",
            description = "Write a JSON report here: logs, model summary, detected sensitivities, error measures, anomaly list.")
    Path jsonOut;
}
