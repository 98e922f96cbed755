package dev.vigil.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.evaluation.system.SystemJobSettings;
import dev.vigil.evaluation.window.Scored;
import dev.vigil.evaluation.window.WindowModel;
import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.spi.settings.JobSettings;
import dev.vigil.testing.GeneratedData;
import dev.vigil.testing.KpiDataGenerator;
import dev.vigil.testing.SystemDataGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryProgress;
import org.apache.spark.sql.streaming.Trigger;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A generated fleet (kpi-driven and system-driven assets, and one asset without a model) streamed in drops of files,
 * the query stopped and started again from its checkpoint between the drops, compared asset by asset with the
 * single-machine window models run over the same drops in one JVM (bit for bit) and with batch {@link Fleet#detect}
 * on all the rows at once: bit for bit for the kpi-driven assets (a DetectionStream answers as batch does, but for
 * rows it still holds back at the end), equal flags and timestamps and doubles to 1e-12 for the system-driven ones
 * (the indicator window's running sum starts on another row in each window).
 */
class FleetStreamTest {
    private static final String ASSET = "machine";
    private static final SparkSession SPARK = LocalSpark.session();
    /** Training rows and streamed rows of each asset. */
    private static final Map<String, TimeFrame> TRAIN = new LinkedHashMap<>();
    private static final Map<String, TimeFrame> STREAM = new LinkedHashMap<>();
    private static StructType schema;
    private static List<String> columns;
    private static Dataset<Row> models;
    private static Map<String, byte[]> modelFiles;

    @BeforeAll
    static void fleet() {
        String kpi = null;
        for (int i = 0; i < 2; i++) {
            GeneratedData g = KpiDataGenerator.create().rows(560).influencers(2).seed(300 + i).anomalies(2, 0, 0, 0).anomaliesBetween(0.72, 1).generate();
            kpi = g.kpi();
            split("kpi-" + i, g.unlabelled(), 400);
        }
        for (int i = 0; i < 2; i++) {
            split("system-" + i, SystemDataGenerator.create().rows(840).signals(4).faultsPerKind(1).faultLength(20).seed(400 + i).generate()
                    .unlabelled(), 600);
        }
        columns = new ArrayList<>();
        STREAM.values().forEach(f -> f.columnNames().stream().filter(c -> !columns.contains(c)).forEach(columns::add));
        schema = new StructType().add(ASSET, DataTypes.StringType).add("timestamp", DataTypes.TimestampType);
        for (String c : columns) {
            schema = schema.add(c, DataTypes.DoubleType, true);
        }
        Dataset<Row> train = SPARK.createDataFrame(rows(TRAIN, 0, Integer.MAX_VALUE), schema);
        JobSettings kpiSettings = JobSettings.DEFAULT.withData(JobSettings.DEFAULT.data().withKpiColumn(kpi));
        models = Fleet.buildModels(train.filter(train.col(ASSET).startsWith("kpi")), ASSET, FleetConfig.kpi(kpiSettings))
                .union(Fleet.buildModels(train.filter(train.col(ASSET).startsWith("system")), ASSET,
                        FleetConfig.system(SystemJobSettings.DEFAULT.withSeed(7))))
                .cache();
        modelFiles = new HashMap<>();
        for (Row m : models.collectAsList()) {
            assertThat(m.<String>getAs("status")).as(m.getString(0) + ": " + m.getAs("error")).isEqualTo(Fleet.BUILT);
            modelFiles.put(m.getString(0), m.getAs("model"));
        }
    }

    private static void split(String asset, TimeFrame frame, int train) {
        TRAIN.put(asset, frame.slice(0, train));
        STREAM.put(asset, frame.slice(train, frame.rows()));
    }

    /** The rows {@code [from, to)} of each asset's frame (clipped to it), as rows of {@link #schema}. */
    private static List<Row> rows(Map<String, TimeFrame> frames, int from, int to) {
        List<Row> out = new ArrayList<>();
        frames.forEach((asset, f) -> {
            for (int r = Math.max(0, from); r < Math.min(f.rows(), to); r++) {
                out.add(row(asset, f, r, 0));
            }
        });
        return out;
    }

    private static Row row(String asset, TimeFrame f, int r, double shift) {
        Object[] v = new Object[columns.size() + 2];
        v[0] = asset;
        v[1] = new Timestamp(f.time(r));
        for (int c = 0; c < columns.size(); c++) {
            v[c + 2] = f.hasColumn(columns.get(c)) ? f.values(columns.get(c))[r] + shift : null;
        }
        return RowFactory.create(v);
    }

    @Test
    void dropsStreamedWithRestartsGiveTheSingleMachineResultsOnceWithLateDuplicateAndUnknownRowsSkippedAndCounted(@TempDir Path dir)
            throws Exception {
        Path input = Files.createDirectories(dir.resolve("in"));
        String output = dir.resolve("out").toString();
        String checkpoint = dir.resolve("checkpoint").toString();
        int[] cuts = {0, 47, 103, Integer.MAX_VALUE}; // three drops of each asset's streamed rows
        FleetStreamModels.clear();
        long readsBefore = FleetStreamModels.reads();
        long late = 0;
        long duplicates = 0;
        long unknown = 0;
        Map<String, Long> metrics = new HashMap<>();
        SplittableRandom random = new SplittableRandom(17);
        for (int d = 0; d < 3; d++) {
            List<Row> drop = new ArrayList<>(rows(STREAM, cuts[d], cuts[d + 1]));
            if (d == 1) {
                // late: rows of the first drop again, with other values; duplicates: rows of this drop twice
                for (String asset : List.of("kpi-0", "system-1")) {
                    for (int r = 40; r < 45; r++) {
                        drop.add(row(asset, STREAM.get(asset), r, 1000));
                        late++;
                    }
                    for (int r = 60; r < 63; r++) {
                        drop.add(row(asset, STREAM.get(asset), r, 0));
                        duplicates++;
                    }
                }
                // an asset the models table does not know: its rows are reported, the query goes on
                TimeFrame stranger = STREAM.get("kpi-1");
                for (int r = 0; r < 30; r++) {
                    drop.add(row("stranger", stranger, r, 0));
                    unknown++;
                }
            }
            Collections.shuffle(drop, new java.util.Random(random.nextLong())); // the engine must sort each asset's rows
            dropParquet(drop, dir.resolve("staging-" + d), input, d);
            metrics = sum(metrics, runToEnd(FleetStream.builder(SPARK).parquet(input.toString()).models(models).output(output)
                    .checkpoint(checkpoint)));
        }
        assertThat(metrics).containsEntry(FleetStream.ROWS_LATE, late).containsEntry(FleetStream.ROWS_DUPLICATE, duplicates)
                .containsEntry(FleetStream.ROWS_WITHOUT_MODEL, unknown).containsEntry(FleetStream.ROWS_REFUSED, 0L);
        assertThat(FleetStreamModels.reads() - readsBefore).as("each model file read once in this JVM, over 3 queries").isEqualTo(4);

        // a crash after the last batch wrote its files but before it was committed: the restart runs it again
        Path commits = Path.of(checkpoint, "commits");
        Path lastCommit;
        try (Stream<Path> s = Files.list(commits)) {
            lastCommit = s.filter(p -> p.getFileName().toString().matches("\\d+")).max((a, b) -> Long.compare(
                    Long.parseLong(a.getFileName().toString()), Long.parseLong(b.getFileName().toString()))).orElseThrow();
        }
        Files.delete(lastCommit);
        Files.deleteIfExists(commits.resolve("." + lastCommit.getFileName() + ".crc"));
        long written = SPARK.read().parquet(output).count();
        runToEnd(FleetStream.builder(SPARK).parquet(input.toString()).models(models).output(output).checkpoint(checkpoint));
        assertThat(Files.exists(lastCommit)).as("the uncommitted batch ran again").isTrue();
        assertThat(SPARK.read().parquet(output).count()).as("and the sink did not write it twice").isEqualTo(written);

        Dataset<Row> out = SPARK.read().parquet(output);
        List<Row> results = out.filter(out.col(Fleet.ERROR).isNull()).collectAsList();
        assertThat(out.filter(out.col(Fleet.ERROR).isNull()).select(ASSET, Fleet.TIMESTAMP).distinct().count())
                .as("exactly once: no row written twice").isEqualTo(results.size());
        assertThat(results).hasSize(metrics.get(FleetStream.ROWS_SCORED).intValue());
        List<Row> errors = out.filter(out.col(Fleet.ERROR).isNotNull()).collectAsList();
        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.<String>getAs(ASSET)).isEqualTo("stranger");
            assertThat(e.<String>getAs(Fleet.ERROR)).contains("No model for asset 'stranger'").contains("30 rows");
        });
        assertThat(out.schema().apply(Fleet.TIMESTAMP).dataType()).isEqualTo(DataTypes.TimestampType);
        Path file;
        try (Stream<Path> s = Files.walk(Path.of(output))) {
            file = s.filter(p -> p.getFileName().toString().endsWith(".parquet")).findFirst().orElseThrow();
        }
        assertThat(file.getParent().getFileName().toString()).startsWith(ASSET + "=");
        try (ParquetFileReader r = ParquetFileReader.open(HadoopInputFile.fromPath(new org.apache.hadoop.fs.Path(file.toString()),
                new Configuration()))) {
            assertThat(r.getFooter().getFileMetaData().getSchema().getType(Fleet.TIMESTAMP).toString()).contains("TIMESTAMP(MICROS");
        }
        compare(results, cuts, STREAM.keySet());
        measureState(checkpoint);
    }

    @Test
    void aCsvFolderIsStreamedAsAParquetOneIs(@TempDir Path dir) throws Exception {
        Path input = Files.createDirectories(dir.resolve("in"));
        String output = dir.resolve("out").toString();
        String checkpoint = dir.resolve("checkpoint").toString();
        Map<String, TimeFrame> two = new LinkedHashMap<>();
        two.put("kpi-1", STREAM.get("kpi-1"));
        two.put("system-0", STREAM.get("system-0"));
        int[] cuts = {0, 90, Integer.MAX_VALUE};
        Map<String, Long> metrics = new HashMap<>();
        for (int d = 0; d < 2; d++) {
            List<Row> drop = rows(two, cuts[d], cuts[d + 1]);
            Path staging = dir.resolve("staging-" + d);
            SPARK.createDataFrame(drop, schema).coalesce(1).write().option("header", "true").csv(staging.toString());
            moveParts(staging, input, d, ".csv");
            metrics = sum(metrics, runToEnd(FleetStream.builder(SPARK).csv(input.toString()).models(models).output(output)
                    .checkpoint(checkpoint)));
        }
        Dataset<Row> out = SPARK.read().parquet(output);
        List<Row> results = out.collectAsList();
        assertThat(results).allSatisfy(r -> assertThat(r.<String>getAs(Fleet.ERROR)).isNull());
        assertThat(metrics).containsEntry(FleetStream.ROWS_SCORED, (long) results.size()).containsEntry(FleetStream.ROWS_LATE, 0L);
        compare(results, cuts, two.keySet());
    }

    @Test
    void aCsvRowWhoseTimestampCannotBeReadIsSkippedAloneCountedAndNamedWithItsFile(@TempDir Path dir) throws Exception {
        Path input = Files.createDirectories(dir.resolve("in"));
        String output = dir.resolve("out").toString();
        Path staging = dir.resolve("staging");
        SPARK.createDataFrame(rows(Map.of("kpi-1", STREAM.get("kpi-1")), 0, 40), schema).coalesce(1).write().option("header", "true")
                .csv(staging.toString());
        moveParts(staging, input, 0, ".csv");
        Path file = input.resolve("drop-0-0.csv");
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        String[] cells = lines.get(4).split(",", -1);
        cells[1] = "07/12/2026 3:00"; // the fourth data row: a time Spark's CSV reader cannot read as a timestamp
        lines.set(4, String.join(",", cells));
        Files.write(file, lines);

        Map<String, Long> metrics = runToEnd(FleetStream.builder(SPARK).csv(input.toString()).models(models).output(output)
                .checkpoint(dir.resolve("checkpoint").toString()));
        assertThat(metrics).containsEntry(FleetStream.ROWS_WITHOUT_TIME, 1L).containsEntry(FleetStream.ROWS_REFUSED, 0L);
        List<Row> results = SPARK.read().parquet(output).collectAsList();
        List<String> errors = results.stream().map(r -> r.<String>getAs(Fleet.ERROR)).filter(e -> e != null).toList();
        assertThat(errors).singleElement().asString().startsWith("1 row of asset 'kpi-1' skipped: no timestamp")
                .contains("could not be read as a timestamp").contains("drop-0-0.csv");
        assertThat(metrics.get(FleetStream.ROWS_SCORED)).as("the other rows of its micro-batch are scored")
                .isEqualTo(results.size() - 1L).isGreaterThan(30L);
    }

    @Test
    void aChangedModelStartsTheAssetsStateAfreshAndItsLateRowsStayLate(@TempDir Path dir) throws Exception {
        Path input = Files.createDirectories(dir.resolve("in"));
        String output = dir.resolve("out").toString();
        String checkpoint = dir.resolve("checkpoint").toString();
        String asset = "system-0";
        TimeFrame f = STREAM.get(asset);
        Dataset<Row> first = models.filter(models.col(ASSET).equalTo(asset));
        Map<String, TimeFrame> one = Map.of(asset, TRAIN.get(asset).slice(100, TRAIN.get(asset).rows()));
        Dataset<Row> second = Fleet.buildModels(SPARK.createDataFrame(rows(one, 0, Integer.MAX_VALUE), schema), ASSET,
                FleetConfig.system(SystemJobSettings.DEFAULT.withSeed(7)));
        byte[] secondFile = second.first().getAs("model");
        WindowModel a = WindowModel.read(modelFiles.get(asset), asset, AssetJobs.registry());
        WindowModel b = WindowModel.read(secondFile, asset, AssetJobs.registry());
        assertThat(b.version()).isNotEqualTo(a.version());

        dropParquet(rows(Map.of(asset, f), 0, 100), dir.resolve("staging-0"), input, 0);
        runToEnd(FleetStream.builder(SPARK).parquet(input.toString()).models(first).output(output).checkpoint(checkpoint));
        List<Row> drop = new ArrayList<>(rows(Map.of(asset, f), 100, 200));
        drop.add(row(asset, f, 99, 1000)); // late: taken in before the change
        dropParquet(drop, dir.resolve("staging-1"), input, 1);
        Map<String, Long> metrics = runToEnd(FleetStream.builder(SPARK).parquet(input.toString()).models(second).output(output)
                .checkpoint(checkpoint));
        assertThat(metrics).containsEntry(FleetStream.ROWS_LATE, 1L).containsEntry(FleetStream.ROWS_SCORED, 100L);

        // the second drop is the new model's first window: no state, so no history before it
        TimeFrame expected = b.score(f.slice(100, 200), f.time(99), f.time(199), null).table();
        Dataset<Row> out = SPARK.read().parquet(output);
        Map<Long, Row> mine = byTime(out.collectAsList(), asset);
        assertThat(mine).hasSize(200);
        for (int r = 0; r < expected.rows(); r++) {
            Row got = mine.get(expected.time(r));
            for (String c : expected.columnNames()) {
                assertThat(bits(got.getAs(c))).as("%s at %d", c, expected.time(r)).isEqualTo(bits(expected.values(c)[r]));
            }
        }
        assertThat(mine.get(f.time(100)).<Object>getAs("anomaly_indicator")).as("no history after the change").isNull();
        Scored carried = a.score(f.slice(100, 200), f.time(99), f.time(199), a.score(f.slice(0, 100), Long.MIN_VALUE, f.time(99), null)
                .state());
        assertThat(carried.indicator()[0]).as("with the old model's state it had one").isNotNaN();
    }

    /** Runs the query until it has taken in every file present (a new query object on the checkpoint); the metrics summed. */
    private static Map<String, Long> runToEnd(FleetStream.Builder job) throws Exception {
        StreamingQuery query = job.trigger(Trigger.AvailableNow()).start();
        query.awaitTermination();
        assertThat(query.exception().isEmpty()).as("query failed: %s", query.exception()).isTrue();
        Map<String, Long> sums = new HashMap<>();
        for (StreamingQueryProgress p : query.recentProgress()) {
            for (var op : p.stateOperators()) {
                System.out.printf("FleetStreamTest: batch %d: %d assets in the state store, %d bytes in memory%n", p.batchId(), op.numRowsTotal(),
                        op.memoryUsedBytes());
            }
            Row m = p.observedMetrics().get(FleetStream.METRICS);
            if (m != null) {
                for (String name : m.schema().fieldNames()) {
                    sums.merge(name, ((Number) m.getAs(name)).longValue(), Long::sum);
                }
            }
        }
        return sums;
    }

    private static Map<String, Long> sum(Map<String, Long> a, Map<String, Long> b) {
        Map<String, Long> s = new HashMap<>(a);
        b.forEach((k, v) -> s.merge(k, v, Long::sum));
        return s;
    }

    /** Writes a drop's rows as Parquet files beside the input folder and moves them in (as files arrive: whole). */
    private static void dropParquet(List<Row> drop, Path staging, Path input, int d) throws IOException {
        SPARK.createDataFrame(drop, schema).repartition(2).write().parquet(staging.toString());
        moveParts(staging, input, d, ".parquet");
    }

    private static void moveParts(Path staging, Path input, int d, String extension) throws IOException {
        try (Stream<Path> s = Files.list(staging)) {
            int k = 0;
            for (Path p : s.filter(p -> p.getFileName().toString().startsWith("part-")).toList()) {
                Files.move(p, input.resolve("drop-" + d + "-" + k++ + extension));
            }
        }
    }

    /**
     * Each asset's streamed results against the single-machine window model run over the same drops (bit for bit) and
     * against batch {@link Fleet#detect} on every streamed row at once.
     */
    private static void compare(List<Row> results, int[] cuts, Iterable<String> assets) {
        Map<String, TimeFrame> frames = new LinkedHashMap<>();
        assets.forEach(a -> frames.put(a, STREAM.get(a)));
        List<Row> batch = Fleet.detect(SPARK.createDataFrame(rows(frames, 0, Integer.MAX_VALUE), schema), models).collectAsList();
        Map<String, Long> anomalous = new HashMap<>();
        for (String asset : assets) {
            TimeFrame f = STREAM.get(asset);
            WindowModel model = WindowModel.read(modelFiles.get(asset), asset, AssetJobs.registry());
            List<TimeFrame> windows = new ArrayList<>();
            String state = null;
            long last = Long.MIN_VALUE;
            for (int d = 0; d + 1 < cuts.length; d++) {
                TimeFrame part = f.slice(cuts[d], Math.min(f.rows(), cuts[d + 1]));
                Scored s = model.score(part, last, part.time(part.rows() - 1), state);
                windows.add(s.table());
                state = s.state();
                last = part.time(part.rows() - 1);
            }
            Map<Long, Row> mine = byTime(results, asset);
            Map<Long, Row> batchRows = byTime(batch, asset);
            int n = 0;
            for (TimeFrame w : windows) {
                for (int r = 0; r < w.rows(); r++) {
                    Row got = mine.get(w.time(r));
                    assertThat(got).as("%s at %d", asset, w.time(r)).isNotNull();
                    Row b = batchRows.get(w.time(r));
                    for (String c : w.columnNames()) {
                        double want = w.values(c)[r];
                        assertThat(bits(got.getAs(c))).as("%s %s at %d", asset, c, w.time(r)).isEqualTo(bits(want));
                        double inBatch = b.getAs(c) == null ? Double.NaN : ((Number) b.getAs(c)).doubleValue();
                        if (asset.startsWith("kpi")) {
                            assertThat(bits(got.getAs(c))).as("%s %s at %d, batch", asset, c, w.time(r)).isEqualTo(bits(inBatch));
                        } else if (Double.isNaN(inBatch) || Double.isNaN(want)) {
                            assertThat(Double.isNaN(want)).as("%s %s at %d, batch", asset, c, w.time(r)).isEqualTo(Double.isNaN(inBatch));
                        } else {
                            assertThat(want).as("%s %s at %d, batch", asset, c, w.time(r)).isCloseTo(inBatch,
                                    org.assertj.core.data.Offset.offset(1e-12 * (1 + Math.abs(inBatch))));
                        }
                    }
                    n++;
                }
            }
            assertThat(mine).as(asset).hasSize(n);
            // a kpi-driven stream holds back at most a few rows at the end; a system-driven model answers every row
            assertThat(n).as(asset).isBetween(batchRows.size() - (asset.startsWith("kpi") ? 10 : 0), batchRows.size());
            anomalous.merge(asset.substring(0, 3), mine.values().stream().filter(r -> ((Number) r.getAs("anomaly_code")).intValue() % 2 == 1)
                    .count(), Long::sum);
        }
        assertThat(anomalous).as("anomalous rows compared, kpi- and system-driven").containsOnlyKeys("kpi", "sys")
                .allSatisfy((k, n) -> assertThat(n).isPositive());
    }

    private static Map<Long, Row> byTime(List<Row> rows, String asset) {
        Map<Long, Row> m = new HashMap<>();
        for (Row r : rows) {
            if (r.getString(r.fieldIndex(ASSET)).equals(asset)) {
                assertThat(m.put(r.<Timestamp>getAs(Fleet.TIMESTAMP).getTime(), r)).isNull();
            }
        }
        return m;
    }

    private static long bits(Object v) {
        return Double.doubleToLongBits(v == null ? Double.NaN : ((Number) v).doubleValue());
    }

    private static long bits(double v) {
        return Double.doubleToLongBits(v);
    }

    /** Prints the state kept per asset (docs/spark.md quotes it): the state store's rows, read with Spark's state reader. */
    private static void measureState(String checkpoint) {
        try {
            Dataset<Row> state = SPARK.read().format("statestore").load(checkpoint);
            System.out.println("FleetStreamTest: state store rows: " + state.schema().simpleString());
            for (Row r : state.collectAsList()) {
                Row key = r.getStruct(r.fieldIndex("key"));
                Row value = r.getStruct(r.fieldIndex("value"));
                Row bean = value.schema().getFieldIndex("state").isDefined() ? value : value.getStruct(0);
                String s = bean.getAs("state");
                System.out.printf("FleetStreamTest: state of %s: %d characters of window state%n", key.get(0), s == null ? 0 : s.length());
            }
        } catch (RuntimeException e) {
            System.out.println("FleetStreamTest: the state store could not be read: " + e);
        }
    }
}
