package dev.vigil.tablesaw;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.core.detection.AnomalyDetector;
import dev.vigil.core.detection.BuildResult;
import dev.vigil.core.detection.DetectionResult;
import dev.vigil.io.csv.CsvReader;
import dev.vigil.io.csv.CsvWriter;
import dev.vigil.perspectives.Imbalance;
import dev.vigil.perspectives.Residual;
import dev.vigil.rca.Decomposition;
import dev.vigil.rca.Importances;
import dev.vigil.rca.RootCauseAnalysis;
import dev.vigil.spi.NormalBehaviorSummary;
import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.spi.log.JobLog;
import dev.vigil.spi.settings.RowSelection;
import dev.vigil.spi.settings.RowUnit;
import dev.vigil.testing.GeneratedData;
import dev.vigil.testing.KpiDataGenerator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class ResultTablesTest {
    private static GeneratedData data;
    private static BuildResult built;

    @BeforeAll
    static void build() {
        data = KpiDataGenerator.create().rows(3000).anomalies(3, 1, 0, 0).anomaliesBetween(0.7, 1).generate();
        built = AnomalyDetector.builder().kpi(data.kpi())
                .perspectives(new Residual(), new Imbalance(Duration.ofMinutes(60)))
                .rows(RowSelection.first(2000, RowUnit.Sample))
                .build().build(data.unlabelled());
    }

    @Test
    void theResultsTableHoldsWhatTheCsvWriterWrites(@TempDir Path dir) {
        DetectionResult result = built.model().detect(data.unlabelled(), RowSelection.last(1000, RowUnit.Sample));
        assertSameAsCsv(ResultTables.results(result), result.table(), DetectionResult.TABLE_LAYOUT, dir.resolve("results.csv"));
        // In sample, Imbalance needs a full hour of residuals: its first rows are not calculated.
        Table inSample = ResultTables.results(built.inSample());
        assertSameAsCsv(inSample, built.inSample().table(), DetectionResult.TABLE_LAYOUT, dir.resolve("in-sample.csv"));
        assertThat(inSample.name()).isEqualTo("results");
        assertThat(inSample.columnNames()).containsExactly("timestamp", "model_index", "kpi", "normal_behavior", "anomaly_code",
                "anomaly_indicator_residual", "anomaly_indicator_imbalance");
        assertThat(inSample.column("model_index")).isInstanceOf(IntColumn.class);
        assertThat(inSample.column("anomaly_code")).isInstanceOf(IntColumn.class);
        assertThat(inSample.doubleColumn("anomaly_indicator_imbalance").countMissing()).isGreaterThan(0);
        for (int r = 0; r < inSample.rowCount(); r++) {
            if (inSample.doubleColumn("anomaly_indicator_imbalance").isMissing(r)) {
                assertThat(inSample.intColumn("anomaly_code").getInt(r)).as("row %d", r).isIn(2, 3);
            }
        }
    }

    @Test
    void theDecompositionTableHoldsWhatTheCsvWriterWrites(@TempDir Path dir) {
        Decomposition d = RootCauseAnalysis.of(built.model()).decompose(data.unlabelled(), RowSelection.last(500, RowUnit.Sample));
        Table table = ResultTables.decomposition(d);
        assertSameAsCsv(table, d.table(), DetectionResult.TABLE_LAYOUT, dir.resolve("rca.csv"));
        assertThat(table.name()).isEqualTo("root causes");
        List<String> expected = new ArrayList<>(List.of("timestamp", "model_index", "kpi", "normal_behavior", "diff_normal_behavior"));
        d.contributors().forEach(c -> expected.add("_" + c));
        d.contributors().forEach(c -> expected.add("_diff_" + c));
        assertThat(table.columnNames()).isEqualTo(expected);
        assertThat(table.rowCount()).isEqualTo(500);
    }

    @Test
    void theImportanceTablesHoldEveryPredictorAndTerm() {
        Importances importances = RootCauseAnalysis.of(built.model()).importances();
        Table predictors = ResultTables.predictorImportances(importances);
        assertThat(predictors.name()).isEqualTo("predictor importances");
        assertThat(predictors.columnNames()).containsExactly("name", "importance", "rel_importance", "dataFrom", "dataTo");
        assertThat(predictors.rowCount()).isEqualTo(importances.properties().size()).isPositive();
        for (int r = 0; r < predictors.rowCount(); r++) {
            NormalBehaviorSummary.PredictorImportance p = importances.properties().get(r);
            assertThat(predictors.stringColumn("name").get(r)).isEqualTo(p.name());
            assertThat(predictors.doubleColumn("importance").getDouble(r)).isEqualTo(p.importance());
            assertThat(predictors.doubleColumn("rel_importance").getDouble(r)).isEqualTo(p.relImportance());
            assertThat(predictors.intColumn("dataFrom").getInt(r)).isEqualTo(p.dataFrom());
            assertThat(predictors.intColumn("dataTo").getInt(r)).isEqualTo(p.dataTo());
        }
        Table features = ResultTables.featureImportances(importances);
        assertThat(features.name()).isEqualTo("feature importances");
        assertThat(features.columnNames()).containsExactly("model", "term", "feature", "importance", "beta");
        assertThat(features.column("feature")).isInstanceOf(StringColumn.class);
        assertThat(features.rowCount()).isEqualTo(importances.features().size()).isPositive();
        for (int r = 0; r < features.rowCount(); r++) {
            Importances.FeatureImportance f = importances.features().get(r);
            assertThat(features.intColumn("model").getInt(r)).isEqualTo(f.model());
            assertThat(features.intColumn("term").getInt(r)).isEqualTo(f.term());
            assertThat(features.stringColumn("feature").get(r)).isEqualTo(f.feature());
            assertThat(features.doubleColumn("importance").getDouble(r)).isEqualTo(f.importance());
            assertThat(features.doubleColumn("beta").getDouble(r)).isEqualTo(f.beta());
        }
    }

    /**
     * The table has the CSV file's header, and every cell holds the value the file holds, to the bit
     * (the writer writes the shortest decimal that reads back to the same double), missing where the
     * cell is empty.
     */
    private static void assertSameAsCsv(Table table, TimeFrame frame, dev.vigil.spi.ColumnLayout layout, Path csv) {
        CsvWriter.write(frame, csv, layout);
        TimeFrame read = CsvReader.read(csv, new JobLog());
        List<String> header = new ArrayList<>(List.of("timestamp"));
        header.addAll(read.columnNames());
        assertThat(table.columnNames()).isEqualTo(header);
        assertThat(table.rowCount()).isEqualTo(read.rows());
        assertThat(table.instantColumn("timestamp").asEpochMillisArray()).containsExactly(read.times());
        for (String name : read.columnNames()) {
            double[] expected = read.values(name);
            NumericColumn<?> column = (NumericColumn<?>) table.column(name);
            double[] actual = column.asDoubleArray();
            for (int r = 0; r < expected.length; r++) {
                if (Double.doubleToLongBits(actual[r]) != Double.doubleToLongBits(expected[r])) {
                    assertThat(actual[r]).as("%s row %d", name, r).isEqualTo(expected[r]);
                }
                if (column.isMissing(r) != Double.isNaN(expected[r])) {
                    assertThat(column.isMissing(r)).as("%s row %d missing", name, r).isEqualTo(Double.isNaN(expected[r]));
                }
            }
            if (column instanceof DoubleColumn) {
                assertThat(name).isNotIn("model_index", "anomaly_code");
            }
        }
    }
}
