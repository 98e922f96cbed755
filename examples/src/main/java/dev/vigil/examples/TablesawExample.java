package dev.vigil.examples;

import dev.vigil.core.detection.AnomalyDetector;
import dev.vigil.core.detection.BuildResult;
import dev.vigil.core.detection.DetectionResult;
import dev.vigil.features.Features;
import dev.vigil.perspectives.Imbalance;
import dev.vigil.perspectives.Residual;
import dev.vigil.rca.Decomposition;
import dev.vigil.rca.RootCauseAnalysis;
import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.spi.log.JobLog;
import dev.vigil.spi.log.MessageType;
import dev.vigil.spi.settings.RowSelection;
import dev.vigil.spi.settings.RowUnit;
import dev.vigil.tablesaw.ResultTables;
import dev.vigil.tablesaw.TableFrames;
import dev.vigil.tablesaw.TableOptions;
import dev.vigil.testing.ProductionLineGenerator;
import java.io.PrintStream;
import java.time.Duration;
import java.time.ZoneId;
import tech.tablesaw.api.DateTimeColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Vigil for someone whose data already live in a Tablesaw {@link Table}: the table becomes a time frame
 * (its local plant time read in the plant's zone, a text column skipped), and what Vigil finds comes back
 * as tables to filter, sort and print with Tablesaw.
 *
 * <p>Run: {@code java -cp "examples/target/classes:$(cat examples/target/classpath.txt)" dev.vigil.examples.TablesawExample}
 * after {@code mvn -B -q -pl examples -am package -DskipTests} (README, "Examples"), or from an IDE.
 */
public final class TablesawExample {
    /** Where the plant is: its table holds wall-clock times there. */
    static final ZoneId PLANT = ZoneId.of("Europe/Berlin");

    private TablesawExample() {
    }

    public static void main(String[] args) {
        run(System.out);
    }

    /**
     * What the example made, for its test.
     *
     * @param plant the table it started from
     * @param frame that table as a time frame
     * @param results the results table of the detection
     * @param anomalies the number of anomalies the detection reported
     * @param ranking the contributors that moved the normal behaviour most, as a table
     */
    record Outcome(Table plant, TimeFrame frame, Table results, int anomalies, Table ranking) {
    }

    /** Detects on the last hour and twenty minutes of a production line kept in a Tablesaw table. */
    static Outcome run(PrintStream out) {
        Table plant = plantTable();
        JobLog log = new JobLog();
        TimeFrame frame = TableFrames.toFrame(plant, TableOptions.DEFAULT.withTimestamp("plant_time").withZone(PLANT)
                .skippingNonNumeric(), log);
        log.entries().stream().filter(e -> e.messageType() == MessageType.Warning).forEach(e -> out.println(e.message()));

        BuildResult built = AnomalyDetector.builder()
                .kpi("Output")
                .features(Features.defaults())
                .perspectives(new Residual(), new Imbalance(Duration.ofSeconds(36)))
                .rows(RowSelection.first(9600, RowUnit.Sample))
                .build()
                .build(frame);
        RowSelection later = RowSelection.last(4800, RowUnit.Sample);
        DetectionResult found = built.model().detect(frame, later);

        Table results = ResultTables.results(found);
        Table anomalous = results.where(results.intColumn("anomaly_code").isIn(1, 3));
        out.printf("%d of %d rows are anomalous; the first five:%n", anomalous.rowCount(), results.rowCount());
        out.println(anomalous.first(5).print());

        Table predictors = ResultTables.predictorImportances(RootCauseAnalysis.of(built.model()).importances());
        out.println(predictors.first(5).print());

        Decomposition why = RootCauseAnalysis.of(built.model()).decompose(frame, later);
        Table causes = ResultTables.decomposition(why);
        StringColumn contributor = StringColumn.create("contributor");
        DoubleColumn departure = DoubleColumn.create("mean_abs_departure");
        for (String c : why.contributors()) {
            contributor.append(c);
            departure.append(causes.doubleColumn("_diff_" + c).abs().mean());
        }
        Table ranking = Table.create("what moved the normal behaviour", contributor, departure)
                .sortDescendingOn("mean_abs_departure").first(5);
        out.println(ranking.print());
        return new Outcome(plant, frame, results, found.anomalies().size(), ranking);
    }

    /**
     * A table as a Tablesaw user might hold it: wall-clock plant time first, the line's signals, and the
     * shift as text.
     */
    static Table plantTable() {
        Table table = TableFrames.toTable(ProductionLineGenerator.create().generate().unlabelled());
        DateTimeColumn local = table.instantColumn(TableFrames.TIMESTAMP).asLocalDateTimeColumn(PLANT);
        local.setName("plant_time");
        IntColumn hour = local.hour();
        StringColumn shift = StringColumn.create("shift");
        for (int r = 0; r < hour.size(); r++) {
            shift.append(hour.getInt(r) < 9 ? "first" : "second");
        }
        table.removeColumns(TableFrames.TIMESTAMP);
        return table.insertColumn(0, local).addColumns(shift).setName("line 4");
    }
}
