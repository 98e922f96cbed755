package dev.vigil.cli;

import dev.vigil.io.csv.CsvWriter;
import dev.vigil.io.report.ReportJson;
import dev.vigil.rca.Importances;
import dev.vigil.rca.Importances.FeatureImportance;
import dev.vigil.spi.NormalBehaviorSummary.PredictorImportance;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Writes TIM's properties and features tables: one JSON file, or two CSV files. */
final class ImportanceFiles {
    private ImportanceFiles() {
    }

    /** Writes the tables; returns the "Wrote …" lines. */
    static List<String> write(Importances importances, Path target) throws IOException {
        String name = target.getFileName().toString();
        if (name.toLowerCase(Locale.ROOT).endsWith(".json")) {
            Map<String, Object> tables = new LinkedHashMap<>();
            tables.put("properties", ReportJson.predictorImportances(importances.properties()));
            tables.put("features", importances.features()); // records whose components are TIM's column names
            ReportJson.write(target, tables);
            return List.of("Wrote the importances to " + target);
        }
        int dot = name.lastIndexOf('.');
        Path features = target.resolveSibling(dot > 0 ? name.substring(0, dot) + "-features" + name.substring(dot) : name + "-features");
        CsvWriter.writeTable(PredictorImportance.COLUMNS, importances.properties().stream().map(PredictorImportance::row).toList(),
                target);
        CsvWriter.writeTable(FeatureImportance.COLUMNS, importances.features().stream().map(FeatureImportance::row).toList(),
                features);
        return List.of("Wrote the predictor importances to " + target, "Wrote the feature importances to " + features);
    }
}
