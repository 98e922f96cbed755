package dev.vigil.spark;

import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.spi.settings.JobSettings;
import dev.vigil.testing.GeneratedData;
import dev.vigil.testing.KpiDataGenerator;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * BENCHMARKS.md "Spark fleets (issue 19)": a generated kpi-driven fleet (asset i is KpiDataGenerator's seed i, one
 * influencer and one distractor), built and judged on {@code local[*]} from Parquet to Parquet, against the same work
 * in one JVM without Spark (a parallel stream over the assets' frames, models through the same model-file bytes).
 * Not a test: run by hand (docs in BENCHMARKS.md).
 *
 * <pre>{@code FleetBenchmark ASSETS ROWS DIR [spark|plain|both]}</pre>
 */
public final class FleetBenchmark {
    private FleetBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int assets = Integer.parseInt(args[0]);
        int rows = Integer.parseInt(args[1]);
        Path dir = Path.of(args[2]);
        String mode = args.length > 3 ? args[3] : "both";
        int cores = Runtime.getRuntime().availableProcessors();
        GeneratedData first = generate(0, rows);
        FleetConfig config = FleetConfig.kpi(JobSettings.DEFAULT.withData(JobSettings.DEFAULT.data().withKpiColumn(first.kpi())))
                .withExclude(List.of("label"));
        System.out.printf(Locale.ROOT, "%d assets x %d rows, %d cores, load %s%n", assets, rows, cores, load());
        if (mode.equals("plain") || mode.equals("both")) {
            plain(assets, rows, config, cores);
        }
        if (mode.equals("spark") || mode.equals("both")) {
            spark(assets, rows, config, cores, dir, first.frame().columnNames());
        }
    }

    private static void plain(int assets, int rows, FleetConfig config, int cores) {
        List<TimeFrame> frames = IntStream.range(0, assets).parallel().mapToObj(i -> generate(i, rows).frame()).toList();
        long cpu0 = cpu();
        long t0 = System.nanoTime();
        List<AssetJobs.Built> models = frames.parallelStream().map(f -> AssetJobs.build(config, f)).toList();
        long t1 = System.nanoTime();
        long cpu1 = cpu();
        long results = IntStream.range(0, assets).parallel().mapToLong(i -> AssetJobs.detect(models.get(i).model(), frames.get(i)).table().rows())
                .sum();
        long t2 = System.nanoTime();
        long cpu2 = cpu();
        report("plain build ", assets, t1 - t0, cpu1 - cpu0, cores);
        report("plain detect", assets, t2 - t1, cpu2 - cpu1, cores);
        System.out.printf(Locale.ROOT, "plain: %d built, %d result rows; load %s%n", models.stream().filter(AssetJobs.Built::ok).count(), results,
                load());
    }

    private static void spark(int assets, int rows, FleetConfig config, int cores, Path dir, List<String> columns) throws Exception {
        SparkSession spark = SparkSession.builder().master("local[*]").appName("vigil-fleet-benchmark").config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", String.valueOf(cores * 4)).config("spark.sql.session.timeZone", "UTC").getOrCreate();
        spark.sparkContext().setLogLevel("ERROR");
        String data = dir.resolve("data").toString();
        if (!new File(data).exists()) {
            StructType schema = new StructType().add("asset", DataTypes.StringType).add("timestamp", DataTypes.TimestampType);
            for (String c : columns) {
                schema = schema.add(c, DataTypes.DoubleType, true);
            }
            List<Integer> ids = IntStream.range(0, assets).boxed().toList();
            FlatMapFunction<Integer, Row> generate = i -> {
                TimeFrame f = generate(i, rows).frame();
                return rows(i, f, 0, f.rows()).iterator();
            };
            Dataset<Row> generated = spark.createDataset(ids, Encoders.INT()).repartition(cores * 4).flatMap(generate, Encoders.row(schema));
            FleetFiles.write(generated, "asset", data);
        }
        Dataset<Row> input = FleetFiles.read(spark, data);
        long cpu0 = cpu();
        long t0 = System.nanoTime();
        String models = dir.resolve("models").toString();
        FleetFiles.write(Fleet.buildModels(input, "asset", config), "asset", models);
        long t1 = System.nanoTime();
        long cpu1 = cpu();
        Dataset<Row> stored = FleetFiles.read(spark, models);
        Dataset<Row> modelTable = stored;
        String results = dir.resolve("results").toString();
        FleetFiles.write(Fleet.detect(input, modelTable), "asset", results);
        long t2 = System.nanoTime();
        long cpu2 = cpu();
        report("spark build ", assets, t1 - t0, cpu1 - cpu0, cores);
        report("spark detect", assets, t2 - t1, cpu2 - cpu1, cores);
        long built = stored.filter(stored.col("status").equalTo(Fleet.BUILT)).count();
        List<Row> sizes = stored.selectExpr("avg(length(model))", "max(length(model))").collectAsList();
        System.out.printf(Locale.ROOT, "spark: %d built, %d result rows; model file bytes avg %.0f max %s; models folder %d bytes; load %s%n",
                built, FleetFiles.read(spark, results).count(), sizes.get(0).getDouble(0), sizes.get(0).get(1), size(Path.of(models)), load());
        spark.stop();
    }

    /** Rows {@code [from, to)} of asset {@code i}'s frame as Spark rows: asset, timestamp, the frame's columns (NaN as null). */
    static List<Row> rows(int i, TimeFrame f, int from, int to) {
        List<Row> out = new ArrayList<>(to - from);
        for (int r = from; r < to; r++) {
            Object[] v = new Object[f.columnCount() + 2];
            v[0] = String.format(Locale.ROOT, "a%05d", i);
            v[1] = new Timestamp(f.time(r));
            for (int c = 0; c < f.columnCount(); c++) {
                double x = f.value(c, r);
                v[c + 2] = Double.isNaN(x) ? null : x;
            }
            out.add(RowFactory.create(v));
        }
        return out;
    }

    private static GeneratedData generate(int asset, int rows) {
        return KpiDataGenerator.create().rows(rows).influencers(1).distractors(1).seed(asset).generate();
    }

    private static void report(String what, int assets, long nanos, long cpuNanos, int cores) {
        double s = nanos / 1e9;
        System.out.printf(Locale.ROOT, "%s: %.1f s wall, %.1f s CPU (process), %.2f assets/s, %.3f assets/s per core%n", what, s, cpuNanos / 1e9,
                assets / s, assets / s / cores);
    }

    private static long cpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static String load() {
        return String.format(Locale.ROOT, "%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    private static long size(Path dir) throws Exception {
        try (var files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }
}
