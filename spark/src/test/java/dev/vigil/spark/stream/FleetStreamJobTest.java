package dev.vigil.spark.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.spark.Fleet;
import dev.vigil.spark.FleetConfig;
import dev.vigil.spark.FleetFiles;
import dev.vigil.spark.LocalSpark;
import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.spi.settings.JobSettings;
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

/** FleetStreamJob, the streaming job's spark-submit entry point: a folder streamed with the models FleetJob writes, and its answers to mistakes. */
class FleetStreamJobTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(SparkSession spark, String... args) throws Exception {
        return FleetStreamJob.run(args, spark, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true,
                StandardCharsets.UTF_8));
    }

    @Test
    void streamsAFolderWithTheModelsFolderOnceAcrossRuns(@TempDir Path dir) throws Exception {
        SparkSession spark = LocalSpark.session();
        TimeFrame f = KpiDataGenerator.create().rows(300).influencers(1).seed(12).generate().unlabelled();
        StructType schema = new StructType().add("site", DataTypes.StringType).add("timestamp", DataTypes.TimestampType);
        for (String c : f.columnNames()) {
            schema = schema.add(c, DataTypes.DoubleType, true);
        }
        List<Row> train = new ArrayList<>();
        List<Row> stream = new ArrayList<>();
        for (String asset : List.of("north", "south")) {
            for (int r = 0; r < f.rows(); r++) {
                Object[] v = new Object[f.columnCount() + 2];
                v[0] = asset;
                v[1] = new Timestamp(f.time(r));
                for (int c = 0; c < f.columnCount(); c++) {
                    v[c + 2] = f.value(c, r);
                }
                (r < 200 ? train : stream).add(RowFactory.create(v));
            }
        }
        String models = dir.resolve("models").toString();
        JobSettings settings = JobSettings.DEFAULT.withData(JobSettings.DEFAULT.data().withKpiColumn(f.columnNames().get(0)));
        FleetFiles.write(Fleet.buildModels(spark.createDataFrame(train, schema), "site", FleetConfig.kpi(settings)), "site", models);
        String data = dir.resolve("in").toString();
        spark.createDataFrame(stream, schema).write().parquet(data);
        String results = dir.resolve("results").toString();
        String[] args = {"--data", data, "--models", models, "--out", results, "--checkpoint", dir.resolve("checkpoint").toString(),
                "--trigger", "available-now"};

        assertThat(run(spark, args)).as(err.toString(StandardCharsets.UTF_8)).isZero();
        Dataset<Row> written = FleetFiles.read(spark, results);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Streaming " + data).contains("Micro-batch 0: ")
                .contains("The streaming query ended. Total: " + written.count()
                        + " rows scored, 0 late, 0 duplicate, 0 without a model, 0 refused, 0 without a time");
        long north = written.filter(written.col("site").equalTo("north")).count();
        assertThat(north).isBetween(90L, 100L); // a KPI stream may hold back its last few rows
        assertThat(written.filter(written.col(Fleet.ERROR).isNotNull()).count()).isZero();
        assertThat(written.columns()).contains("timestamp", "normal_behavior", "anomaly_code", Fleet.ERROR);

        assertThat(run(spark, args)).as("again, on the same checkpoint: nothing new").isZero();
        assertThat(FleetFiles.read(spark, results).count()).isEqualTo(written.count());
    }

    @Test
    void mistakesInTheArgumentsExitWithTwoAndSayWhat(@TempDir Path dir) throws Exception {
        assertThat(run(null, "--data", "d", "--models", "m", "--out", "o")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("FleetStreamJob needs --checkpoint");
        assertThat(run(null, "--data", "d", "--models", "m", "--out", "o", "--checkpoint", "c", "--window", "5")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Unknown option '--window'");
        assertThat(run(LocalSpark.session(), "--data", "d", "--models", dir.resolve("none").toString(), "--out", "o", "--checkpoint", "c"))
                .isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--models '" + dir.resolve("none") + "': no such folder");
        assertThat(run(null, "--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("FleetStreamJob --data DIR")
                .contains("a restart with the same\n                checkpoint resumes where the query stopped");
    }
}
