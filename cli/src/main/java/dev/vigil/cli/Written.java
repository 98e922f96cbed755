package dev.vigil.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The "Wrote the … to …" lines the job commands end with. */
final class Written {
    private Written() {
    }

    static List<String> lines(Path model, Path table, Path json) {
        List<String> out = new ArrayList<>();
        if (model != null) {
            out.add("Wrote the model to " + model);
        }
        if (table != null) {
            out.add("Wrote the results table to " + table);
        }
        if (json != null) {
            out.add("Wrote the JSON report to " + json);
        }
        return out;
    }

    /** Adds the line of the HTML report, when one was written. */
    static void html(List<String> lines, Path report) {
        if (report != null) {
            lines.add("Wrote the HTML report to " + report);
        }
    }
}
