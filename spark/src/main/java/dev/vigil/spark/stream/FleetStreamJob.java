package dev.vigil.spark.stream;

import dev.vigil.spark.Fleet;
import dev.vigil.spark.FleetFiles;
import dev.vigil.spark.FleetStream;
import dev.vigil.spi.VigilException;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryException;
import org.apache.spark.sql.streaming.Trigger;

/**
 * The fleet's streaming job for {@code spark-submit} (docs/spark.md, "Streaming"): {@link FleetStream} over a folder
 * where Parquet or CSV files arrive, with the models folder {@code FleetJob build} wrote, results to a Parquet folder
 * partitioned by asset and the state in a checkpoint folder. Runs until stopped, or with {@code --trigger
 * available-now} until the files present are done. Exit code 0 when the query ended normally, 1 when it failed, 2 for
 * a mistake in the arguments.
 */
public final class FleetStreamJob {
    static final String USAGE = String.join("\n",
            "Usage: FleetStreamJob --data DIR --models DIR --out DIR --checkpoint DIR [--format parquet|csv]",
            "                      [--trigger available-now|SECONDS] [--max-files N]",
            "",
            "  --data        the folder the data files arrive in (an asset column, the models' time column, values)",
            "  --models      the models folder FleetJob build wrote",
            "  --out         the results folder: Parquet, partitioned by asset, the columns of FleetJob detect's",
            "  --checkpoint  the query's checkpoint (offsets, the sink's log, each asset's state): restart on the same",
            "  --format      parquet (default) or csv (with a header line)",
            "  --trigger     available-now: take in the files present, then stop; SECONDS: a micro-batch every so many",
            "                seconds (default 0: one after the other, as files arrive)",
            "  --max-files   at most N new files a micro-batch",
            "  --help        this text.");
    private static final Set<String> OPTIONS = Set.of("--data", "--models", "--out", "--checkpoint", "--format", "--trigger", "--max-files");

    private FleetStreamJob() {
    }

    /** Runs the streaming job on the session spark-submit gives, and exits with its code when it is not 0. */
    public static void main(String[] args) throws Exception {
        int code;
        if (args.length == 0 || Arrays.asList(args).contains("--help")) {
            code = run(args, null, System.out, System.err);
        } else {
            SparkSession spark = SparkSession.builder().appName("vigil-fleet stream").getOrCreate();
            try {
                code = run(args, spark, System.out, System.err);
            } finally {
                spark.stop();
            }
        }
        if (code != 0) {
            System.exit(code);
        }
    }

    /** Runs the job until its query ends: 0 when it ended normally, 1 when it failed, 2 for a mistake in the arguments. */
    static int run(String[] args, SparkSession spark, PrintStream out, PrintStream err) throws Exception {
        if (args.length == 0 || Arrays.asList(args).contains("--help")) {
            out.println(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        StreamingQuery query;
        try {
            Map<String, String> o = options(args);
            FleetStream.Builder job = FleetStream.builder(spark).models(models(spark, o.get("--models"))).output(o.get("--out"))
                    .checkpoint(o.get("--checkpoint")).trigger(trigger(o.getOrDefault("--trigger", "0")));
            String format = o.getOrDefault("--format", "parquet");
            if (format.equals("parquet")) {
                job.parquet(o.get("--data"));
            } else if (format.equals("csv")) {
                job.csv(o.get("--data"));
            } else {
                throw new IllegalArgumentException("--format '" + format + "': parquet or csv");
            }
            if (o.containsKey("--max-files")) {
                job.maxFilesPerTrigger(positive(o, "--max-files"));
            }
            query = job.name("vigil-fleet-stream").start();
        } catch (Exception e) {
            if (!(e instanceof IllegalArgumentException || e instanceof VigilException || e instanceof AnalysisException)) {
                throw e;
            }
            // a mistake: an unknown option, a folder that does not exist or holds no table
            err.println("Error: " + e.getMessage());
            err.println("FleetStreamJob --help lists the options.");
            return 2;
        }
        out.printf("Streaming %s into %s (checkpoint %s), query %s%n", args[Arrays.asList(args).indexOf("--data") + 1],
                args[Arrays.asList(args).indexOf("--out") + 1], args[Arrays.asList(args).indexOf("--checkpoint") + 1], query.id());
        try {
            query.awaitTermination();
        } catch (StreamingQueryException e) {
            err.println("The streaming query failed: " + e.getMessage());
            return 1;
        }
        out.println("The streaming query ended.");
        return 0;
    }

    /** The models table read back from the folder {@code FleetJob build} wrote: the asset (its partition column) first. */
    static Dataset<Row> models(SparkSession spark, String folder) {
        Dataset<Row> models = FleetFiles.read(spark, folder);
        String asset = models.columns()[models.columns().length - 1];
        return models.select(asset, Fleet.MODELS_SCHEMA.fieldNames());
    }

    private static Trigger trigger(String value) {
        if (value.equals("available-now")) {
            return Trigger.AvailableNow();
        }
        try {
            long seconds = Long.parseLong(value);
            if (seconds < 0) {
                throw new NumberFormatException();
            }
            return Trigger.ProcessingTime(seconds * 1000);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--trigger '" + value + "': available-now or a whole number of seconds, 0 or more");
        }
    }

    private static int positive(Map<String, String> o, String option) {
        try {
            int n = Integer.parseInt(o.get(option));
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException(option + " '" + o.get(option) + "': a whole number, 1 or more");
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> o = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!OPTIONS.contains(args[i])) {
                throw new IllegalArgumentException("Unknown option '" + args[i] + "'");
            }
            if (i + 1 == args.length) {
                throw new IllegalArgumentException(args[i] + " needs a value");
            }
            o.put(args[i], args[++i]);
        }
        for (String r : new String[] {"--data", "--models", "--out", "--checkpoint"}) {
            if (!o.containsKey(r)) {
                throw new IllegalArgumentException("FleetStreamJob needs " + r);
            }
        }
        return o;
    }
}
