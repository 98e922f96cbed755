package dev.vigil.spark;

import dev.vigil.evaluation.window.Scored;
import dev.vigil.evaluation.window.WindowModel;
import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.spi.settings.JobSettings;
import dev.vigil.testing.GeneratedData;
import dev.vigil.testing.KpiDataGenerator;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * BENCHMARKS.md "Spark fleets (issue 19)", "Streaming": a generated kpi-driven fleet (asset i is KpiDataGenerator's seed
 * i, one influencer and one distractor; models built on each asset's first TRAIN rows), its next STREAM rows arriving
 * as DROPS drops of Parquet files, each taken in by a new {@link FleetStream} query on the same checkpoint ({@code
 * Trigger.AvailableNow}) on {@code local[*]}; against the same windows scored in one JVM without Spark (a parallel
 * stream over the assets, each with its {@code WindowModel} and state string). Not a test: run by hand.
 *
 * <pre>{@code FleetStreamBenchmark ASSETS TRAIN STREAM DROPS DIR}</pre>
 */
public final class FleetStreamBenchmark {
    private FleetStreamBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int assets = Integer.parseInt(args[0]);
        int train = Integer.parseInt(args[1]);
        int stream = Integer.parseInt(args[2]);
        int drops = Integer.parseInt(args[3]);
        Path dir = Path.of(args[4]);
        int cores = Runtime.getRuntime().availableProcessors();
        GeneratedData first = generate(0, train + stream);
        List<String> columns = first.unlabelled().columnNames();
        FleetConfig config = FleetConfig.kpi(JobSettings.DEFAULT.withData(JobSettings.DEFAULT.data().withKpiColumn(first.kpi())));
        System.out.printf(Locale.ROOT, "%d assets, %d training rows, %d streamed rows in %d drops, %d cores, load %s%n", assets, train, stream, drops,
                cores, load());
        SparkSession spark = SparkSession.builder().master("local[*]").appName("vigil-fleet-stream-benchmark").config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", String.valueOf(cores * 4)).config("spark.sql.session.timeZone", "UTC").getOrCreate();
        spark.sparkContext().setLogLevel("ERROR");
        StructType schema = new StructType().add("asset", DataTypes.StringType).add("timestamp", DataTypes.TimestampType);
        for (String c : columns) {
            schema = schema.add(c, DataTypes.DoubleType, true);
        }
        List<Integer> ids = IntStream.range(0, assets).boxed().toList();
        Dataset<Row> trainRows = spark.createDataset(ids, Encoders.INT()).repartition(cores * 4).flatMap(rows(train, stream, 0, train),
                Encoders.row(schema));
        long t0 = System.nanoTime();
        Dataset<Row> models = Fleet.buildModels(trainRows, "asset", config).cache();
        long built = models.filter(models.col("status").equalTo(Fleet.BUILT)).count();
        System.out.printf(Locale.ROOT, "built %d models in %.1f s%n", built, (System.nanoTime() - t0) / 1e9);

        Path input = Files.createDirectories(dir.resolve("in"));
        String output = dir.resolve("out").toString();
        String checkpoint = dir.resolve("checkpoint").toString();
        int[] cuts = new int[drops + 1];
        for (int d = 0; d <= drops; d++) {
            cuts[d] = train + (int) ((long) stream * d / drops);
        }
        long wall = 0;
        long cpu = 0;
        for (int d = 0; d < drops; d++) {
            Path staging = dir.resolve("staging-" + d);
            spark.createDataset(ids, Encoders.INT()).repartition(cores).flatMap(rows(train, stream, cuts[d], cuts[d + 1]), Encoders.row(schema))
                    .write().parquet(staging.toString());
            try (Stream<Path> s = Files.list(staging)) {
                int k = 0;
                for (Path p : s.filter(p -> p.getFileName().toString().startsWith("part-")).toList()) {
                    Files.move(p, input.resolve("drop-" + d + "-" + k++ + ".parquet"));
                }
            }
            long c0 = cpu();
            long w0 = System.nanoTime();
            StreamingQuery query = FleetStream.builder(spark).parquet(input.toString()).models(models).output(output).checkpoint(checkpoint)
                    .trigger(Trigger.AvailableNow()).start();
            query.awaitTermination();
            long w = System.nanoTime() - w0;
            long c = cpu() - c0;
            wall += w;
            cpu += c;
            long rowsIn = (long) assets * (cuts[d + 1] - cuts[d]);
            System.out.printf(Locale.ROOT, "drop %d: %d rows, %.1f s wall, %.1f s CPU, %.0f rows/s, %.0f rows/s per core; load %s%n", d, rowsIn,
                    w / 1e9, c / 1e9, rowsIn / (w / 1e9), rowsIn / (w / 1e9) / cores, load());
        }
        long total = (long) assets * stream;
        System.out.printf(Locale.ROOT, "spark stream: %d rows in %.1f s wall, %.1f s CPU: %.0f rows/s, %.0f rows/s per core; %d result rows%n",
                total, wall / 1e9, cpu / 1e9, total / (wall / 1e9), total / (wall / 1e9) / cores, spark.read().parquet(output).count());
        Dataset<Row> state = spark.read().format("statestore").load(checkpoint);
        Row sizes = state.selectExpr("avg(length(value.groupState.state))", "max(length(value.groupState.state))").first();
        System.out.printf(Locale.ROOT, "state: %d assets, window state %.0f characters on average, %s at most%n", state.count(), sizes.getDouble(0),
                sizes.get(1));

        List<byte[]> files = new ArrayList<>();
        for (int i = 0; i < assets; i++) {
            files.add(null);
        }
        for (Row m : models.collectAsList()) {
            files.set(Integer.parseInt(m.getString(0).substring(1)), m.getAs("model"));
        }
        List<TimeFrame> frames = IntStream.range(0, assets).parallel().mapToObj(i -> generate(i, train + stream).unlabelled()).toList();
        long c0 = cpu();
        long w0 = System.nanoTime();
        long answered = IntStream.range(0, assets).parallel().mapToLong(i -> {
            TimeFrame f = frames.get(i);
            WindowModel model = WindowModel.read(files.get(i), "a" + i, AssetJobs.registry());
            String s = null;
            long last = f.time(train - 1);
            long n = 0;
            for (int d = 0; d < drops; d++) {
                Scored scored = model.score(f.slice(cuts[d], cuts[d + 1]), last, f.time(cuts[d + 1] - 1), s);
                s = scored.state();
                last = f.time(cuts[d + 1] - 1);
                n += scored.rows();
            }
            return n;
        }).sum();
        long w = System.nanoTime() - w0;
        System.out.printf(Locale.ROOT, "plain windows (model reading included): %d rows in %.1f s wall, %.1f s CPU: "
                + "%.0f rows/s, %.0f rows/s per core; %d answers; load %s%n", total, w / 1e9, (cpu() - c0) / 1e9, total / (w / 1e9),
                total / (w / 1e9) / cores, answered, load());
        spark.stop();
    }

    /** The rows {@code [from, to)} of each asset id. */
    private static FlatMapFunction<Integer, Row> rows(int train, int stream, int from, int to) {
        return i -> {
            TimeFrame f = generate(i, train + stream).unlabelled();
            return FleetBenchmark.rows(i, f, from, to).iterator();
        };
    }

    private static GeneratedData generate(int asset, int rows) {
        return KpiDataGenerator.create().rows(rows).influencers(1).distractors(1).seed(asset).generate();
    }

    private static long cpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static String load() {
        return String.format(Locale.ROOT, "%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
}
