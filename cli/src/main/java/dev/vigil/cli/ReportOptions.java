package dev.vigil.cli;

import dev.vigil.io.OutputFiles;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --report-out}, shared by the job commands: the pictures of the job as one offline HTML file. */
final class ReportOptions {
    @Option(names = "--report-out", paramLabel = "FILE.html",
            description = "Write the job's pictures here: one HTML file that works offline (charts, anomaly list, root causes, evaluation, "
                    + "job log). Open it in a browser.")
    Path reportOut;

    /** The output, or null when not asked for. */
    OutputFiles.Target target() {
        return Outputs.target("the HTML report", "--report-out", reportOut);
    }
}
