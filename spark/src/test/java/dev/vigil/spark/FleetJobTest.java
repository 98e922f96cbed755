package dev.vigil.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.testing.KpiDataGenerator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** FleetJob, the spark-submit entry point: build then detect over Parquet folders, and its answers to mistakes. */
class FleetJobTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(SparkSession spark, String... args) {
        return FleetJob.run(args, spark, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    /** A fleet of three assets, north, south (300 rows each) and tiny (3 rows), site and timestamp, written to dir/data. */
    private static String fleet(SparkSession spark, Path dir, TimeFrame good) {
        StructType schema = new StructType().add("site", DataTypes.StringType).add("timestamp", DataTypes.TimestampType);
        for (String c : good.columnNames()) {
            schema = schema.add(c, DataTypes.DoubleType, true);
        }
        List<Row> rows = new ArrayList<>();
        for (String asset : List.of("north", "south", "tiny")) {
            int n = asset.equals("tiny") ? 3 : good.rows(); // three rows are too few to learn from: that build fails
            for (int r = 0; r < n; r++) {
                Object[] v = new Object[good.columnCount() + 2];
                v[0] = asset;
                v[1] = new Timestamp(good.time(r));
                for (int c = 0; c < good.columnCount(); c++) {
                    v[c + 2] = good.value(c, r);
                }
                rows.add(RowFactory.create(v));
            }
        }
        String data = dir.resolve("data").toString();
        FleetFiles.write(spark.createDataFrame(rows, schema), "site", data);
        return data;
    }

    private static TimeFrame good() {
        return KpiDataGenerator.create().rows(300).influencers(1).seed(11).generate().unlabelled();
    }

    @Test
    void buildsThenDetectsOverParquetFolders(@TempDir Path dir) {
        SparkSession spark = LocalSpark.session();
        TimeFrame good = good();
        String data = fleet(spark, dir, good);
        String models = dir.resolve("models").toString();
        String results = dir.resolve("results").toString();

        assertThat(run(spark, "build", "--data", data, "--asset-column", "site", "--models", models, "--kpi", good.columnNames().get(0)))
                .as("an asset's build failed: 1").isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Built 2 of 3 models (kpi-driven)").contains("failed: tiny: ");
        assertThat(run(spark, "detect", "--data", data, "--models", models, "--out", results)).as(err.toString(StandardCharsets.UTF_8)).isZero();

        Dataset<Row> written = FleetFiles.read(spark, results);
        assertThat(written.filter(written.col("site").equalTo("north")).count()).isEqualTo(good.rows());
        assertThat(written.filter(written.col("site").equalTo("tiny")).select(Fleet.ERROR).first().getString(0)).startsWith("No model");
        assertThat(written.columns()).contains("timestamp", "normal_behavior", "anomaly_code", Fleet.ERROR);

        // the results folder given as the models: not a models table, said with the columns it has
        assertThat(run(spark, "detect", "--data", data, "--models", results, "--out", dir.resolve("again").toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--models '" + results + "': not a models table")
                .contains("a models table has the asset column and status, approach, time_column").contains("this one has timestamp,")
                .doesNotContain("\tat ");
    }

    @Test
    void columnsAndFoldersThatAreNotThereExitWithTwoBeforeAnyBuild(@TempDir Path dir) {
        SparkSession spark = LocalSpark.session();
        TimeFrame good = good();
        String data = fleet(spark, dir, good);
        String models = dir.resolve("models").toString();
        String kpi = good.columnNames().get(0);

        assertThat(run(spark, "build", "--data", data, "--asset-column", "site", "--models", models, "--kpi", kpi, "--time-column", "ts"))
                .isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--time-column 'ts': " + data + " has no such column; its columns: timestamp, " + kpi);
        err.reset();
        assertThat(run(spark, "build", "--data", data, "--asset-column", "site", "--models", models, "--kpi", "pwr")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--kpi 'pwr': " + data + " has no such column; its columns: timestamp, " + kpi);
        err.reset();
        assertThat(run(spark, "build", "--data", data, "--asset-column", "site", "--models", models, "--label", "lbl")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--label 'lbl': " + data + " has no such column");
        err.reset();
        assertThat(run(spark, "build", "--data", data, "--asset-column", "site", "--models", models, "--exclude", "label")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--exclude 'label': " + data + " has no such column");
        assertThat(dir.resolve("models")).as("nothing built").doesNotExist();
        err.reset();
        String missing = dir.resolve("no-such-folder").toString();
        assertThat(run(spark, "build", "--data", missing, "--asset-column", "site", "--models", models)).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--data '" + missing + "': no such folder");
        err.reset();
        assertThat(run(spark, "detect", "--data", data, "--models", missing, "--out", dir.resolve("out").toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--models '" + missing + "': no such folder").doesNotContain("\tat ");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void anOutputFolderThatIsOrHoldsAnInputIsRefusedAndTheInputKept(@TempDir Path dir) throws Exception {
        SparkSession spark = LocalSpark.session();
        TimeFrame good = good();
        String data = fleet(spark, dir, good);
        List<Path> before;
        try (var files = java.nio.file.Files.walk(Path.of(data))) {
            before = files.sorted().toList();
        }
        String kpi = good.columnNames().get(0);
        assertThat(run(spark, "build", "--data", data, "--asset-column", "site", "--models", data, "--kpi", kpi)).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--models '" + data + "': the same folder as --data '" + data + "'");
        err.reset();
        assertThat(run(spark, "build", "--data", data, "--asset-column", "site", "--models", dir.toString(), "--kpi", kpi)).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--models '" + dir + "': overlaps --data");
        err.reset();
        assertThat(run(spark, "detect", "--data", data, "--models", dir.resolve("models").toString(), "--out", data + "/../" + Path.of(data)
                .getFileName())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("the same folder as --data");
        try (var files = java.nio.file.Files.walk(Path.of(data))) {
            assertThat(files.sorted().toList()).as("the data are untouched").isEqualTo(before);
        }
    }

    @Test
    void mistakesInTheArgumentsExitWithTwoAndSayWhat() {
        assertThat(run(null, "build", "--data", "d", "--models", "m")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("build needs --asset-column");
        assertThat(run(null, "build", "--data", "d", "--asset-column", "a", "--models", "m", "--approach", "system-driven", "--kpi", "x"))
                .isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--kpi does not apply to --approach system-driven");
        assertThat(run(null, "retrain")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Unknown job 'retrain'");
        assertThat(run(null, "--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("FleetJob build").contains("FleetJob detect");
    }
}
