package dev.vigil.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.core.detection.DetectionModel;
import dev.vigil.io.DataFiles;
import dev.vigil.io.model.ModelFiles;
import dev.vigil.spi.ReadOptions;
import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.spi.log.JobLog;
import dev.vigil.spi.settings.JobSettings;
import dev.vigil.testing.GeneratedData;
import dev.vigil.testing.KpiDataGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Parquet in and out: what Spark writes, partitioned by asset, the single-machine path reads (vigil-io-parquet through
 * DataFiles, as {@code vigil detect} does), and a model Spark built, taken from the models folder, detects there
 * exactly as on Spark.
 */
class FleetFilesTest {
    @Test
    void oneAssetsPartitionsAreVigilsDataModelAndResultsFiles(@TempDir Path dir) throws IOException {
        SparkSession spark = LocalSpark.session();
        List<GeneratedData> assets = List.of(KpiDataGenerator.create().rows(300).influencers(2).seed(5).generate(),
                KpiDataGenerator.create().rows(300).influencers(2).seed(6).generate());
        List<String> columns = assets.get(0).frame().columnNames();
        StructType schema = new StructType().add("timestamp", DataTypes.TimestampType).add("asset", DataTypes.StringType);
        for (String c : columns) {
            schema = schema.add(c, DataTypes.DoubleType, true);
        }
        List<Row> rows = new ArrayList<>();
        for (int a = 0; a < assets.size(); a++) {
            TimeFrame f = assets.get(a).frame();
            for (int r = 0; r < f.rows(); r++) {
                Object[] v = new Object[columns.size() + 2];
                v[0] = new Timestamp(f.time(r));
                v[1] = "unit-" + a;
                for (int c = 0; c < columns.size(); c++) {
                    double x = f.values(columns.get(c))[r];
                    v[c + 2] = Double.isNaN(x) ? null : x;
                }
                rows.add(RowFactory.create(v));
            }
        }
        String dataDir = dir.resolve("data").toString();
        FleetFiles.write(spark.createDataFrame(rows, schema), "asset", dataDir);

        // the partition is a data file for the single-machine path, to the bit
        DataFiles files = DataFiles.discover();
        TimeFrame expected = assets.get(1).frame();
        TimeFrame read = files.read(partitionFile(dir.resolve("data"), "asset", "unit-1"), ReadOptions.DEFAULT, new JobLog());
        assertThat(read.columnNames()).isEqualTo(columns);
        assertThat(read.times()).isEqualTo(expected.times());
        for (String c : columns) {
            assertThat(bits(read.values(c))).as(c).isEqualTo(bits(expected.values(c)));
        }

        // build and detect on Spark from the files, through files
        Dataset<Row> data = FleetFiles.read(spark, dataDir);
        JobSettings settings = JobSettings.DEFAULT.withData(JobSettings.DEFAULT.data().withKpiColumn(assets.get(0).kpi()));
        String modelsDir = dir.resolve("models").toString();
        FleetFiles.write(Fleet.buildModels(data, "asset", FleetConfig.kpi(settings).withExclude(List.of("label"))), "asset", modelsDir);
        Dataset<Row> models = FleetFiles.read(spark, modelsDir).select("asset", Fleet.MODELS_SCHEMA.fieldNames());
        String resultsDir = dir.resolve("results").toString();
        FleetFiles.write(Fleet.detect(data, models), "asset", resultsDir);

        // the model Spark built is a model file vigil detect reads; its results, read back from Spark's results files, are the same
        byte[] model = (byte[]) models.filter(models.col("asset").equalTo("unit-1")).collectAsList().get(0).getAs("model");
        Path modelFile = dir.resolve("unit-1.json");
        Files.write(modelFile, model);
        DetectionModel m = ModelFiles.read(modelFile, AssetJobs.registry());
        TimeFrame single = m.detect(read).table();
        TimeFrame sparks = files.read(partitionFile(dir.resolve("results"), "asset", "unit-1"), ReadOptions.DEFAULT, new JobLog());
        assertThat(sparks.times()).isEqualTo(single.times());
        assertThat(single.rows()).isPositive();
        for (String c : single.columnNames()) {
            assertThat(bits(sparks.values(c))).as(c).isEqualTo(bits(single.values(c)));
        }
    }

    private static Path partitionFile(Path table, String assetColumn, String asset) throws IOException {
        try (Stream<Path> files = Files.list(table.resolve(assetColumn + "=" + asset))) {
            List<Path> parquet = files.filter(p -> p.getFileName().toString().endsWith(".parquet")).toList();
            assertThat(parquet).as("one file per asset").hasSize(1);
            return parquet.get(0);
        }
    }

    private static long[] bits(double[] values) {
        long[] bits = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            bits[i] = Double.isNaN(values[i]) ? 0x7ff8000000000000L : Double.doubleToRawLongBits(values[i]);
        }
        return bits;
    }
}
