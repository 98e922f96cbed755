package dev.vigil.cli;

import dev.vigil.io.OutputFiles;
import dev.vigil.io.csv.CsvWriter;
import dev.vigil.io.report.ReportJson;
import dev.vigil.rca.Importances;
import dev.vigil.rca.Importances.FeatureImportance;
import dev.vigil.spi.NormalBehaviorSummary.PredictorImportance;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Writes TIM's properties and features tables: one JSON file, or two CSV files. */
final class ImportanceFiles {
    private ImportanceFiles() {
    }

    /** The files {@code --importances-out target} names: the target, and for CSV {@code FILE-features.csv} beside it (none for null). */
    static List<OutputFiles.Target> targets(Path target) {
        if (target == null) {
            return List.of();
        }
        if (json(target)) {
            return List.of(new OutputFiles.Target("the importances", "--importances-out", target));
        }
        String name = target.getFileName().toString();
        int dot = name.lastIndexOf('.');
        Path features = target.resolveSibling(dot > 0 ? name.substring(0, dot) + "-features" + name.substring(dot) : name + "-features");
        return List.of(new OutputFiles.Target("the predictor importances", "--importances-out", target),
                new OutputFiles.Target("the feature importances", "--importances-out", features));
    }

    /** Stages the tables in a job's outputs; returns the "Wrote …" lines. */
    static List<String> stage(OutputFiles out, Importances importances, Path target) {
        List<OutputFiles.Target> targets = targets(target);
        if (json(target)) {
            Map<String, Object> tables = new LinkedHashMap<>();
            tables.put("properties", ReportJson.predictorImportances(importances.properties()));
            tables.put("features", importances.features()); // records whose components are TIM's column names
            out.stage(targets.get(0), p -> ReportJson.write(p, tables));
            return List.of("Wrote the importances to " + target);
        }
        out.stage(targets.get(0), p -> CsvWriter.writeTable(PredictorImportance.COLUMNS,
                importances.properties().stream().map(PredictorImportance::row).toList(), p));
        out.stage(targets.get(1), p -> CsvWriter.writeTable(FeatureImportance.COLUMNS,
                importances.features().stream().map(FeatureImportance::row).toList(), p));
        return List.of("Wrote the predictor importances to " + target, "Wrote the feature importances to " + targets.get(1).path());
    }

    private static boolean json(Path target) {
        return target.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json");
    }
}
