package dev.vigil.spark.stream;

import dev.vigil.spark.Fleet;
import dev.vigil.spark.FleetStream;
import dev.vigil.spark.JobArguments;
import dev.vigil.spi.VigilException;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryException;
import org.apache.spark.sql.streaming.StreamingQueryProgress;
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
            "  --checkpoint  the query's checkpoint (offsets, the sink's log, each asset's state): a restart with the same",
            "                checkpoint resumes where the query stopped",
            "  --format      parquet (default) or csv (with a header line)",
            "  --trigger     available-now: take in the files present, then stop; SECONDS: a micro-batch every so many",
            "                seconds (default 0: one after the other, as files arrive)",
            "  --max-files   at most N new files a micro-batch",
            "  --help        this text.",
            "",
            "Prints one line per micro-batch and the totals at the end: rows scored, late, duplicate, without a model,",
            "refused, without a time. Without spark-submit's --master (java -cp), Spark runs on local[*];",
            "-Dspark.master=URL sets another. Exit code: 0 the query ended, 1 it failed, 2 a mistake in the arguments.");
    /** How often the job looks at the query's progress, to print the new micro-batches' counts. */
    private static final long PROGRESS_MILLIS = 1000;
    private static final Set<String> OPTIONS = Set.of("--data", "--models", "--out", "--checkpoint", "--format", "--trigger", "--max-files");

    private FleetStreamJob() {
    }

    /** Runs the streaming job on the session spark-submit gives, and exits with its code when it is not 0. */
    public static void main(String[] args) throws Exception {
        JobArguments.main(args, "vigil-fleet stream", FleetStreamJob::run);
    }

    /** Runs the job until its query ends: 0 when it ended normally, 1 when it failed, 2 for a mistake in the arguments. */
    static int run(String[] args, SparkSession spark, PrintStream out, PrintStream err) throws Exception {
        if (JobArguments.help(args)) {
            out.println(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        StreamingQuery query;
        try {
            Map<String, String> o = JobArguments.parse(List.of(args), "FleetStreamJob", OPTIONS, "--data", "--models", "--out", "--checkpoint");
            JobArguments.separate(o, List.of("--out", "--checkpoint"), List.of("--data", "--models"));
            FleetStream.Builder job = FleetStream.builder(spark).models(models(spark, o)).output(o.get("--out"))
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
        Counts counts = new Counts();
        try {
            while (!query.awaitTermination(PROGRESS_MILLIS)) {
                counts.report(query.recentProgress(), out);
            }
        } catch (StreamingQueryException e) {
            counts.report(query.recentProgress(), out);
            out.println("Total: " + counts.total());
            err.println("The streaming query failed: " + e.getMessage());
            return 1;
        }
        counts.report(query.recentProgress(), out);
        out.println("The streaming query ended. Total: " + counts.total());
        return 0;
    }

    /** The counts of the micro-batches reported so far, and their totals. */
    static final class Counts {
        private final long[] totals = new long[FleetStream.METRIC_NAMES.size()];
        private long lastBatch = -1;

        /** Prints one line per micro-batch of {@code progress} not yet reported that observed the metrics. */
        void report(StreamingQueryProgress[] progress, PrintStream out) {
            for (StreamingQueryProgress p : progress) {
                if (p.batchId() <= lastBatch) {
                    continue;
                }
                lastBatch = p.batchId();
                Row metrics = p.observedMetrics().get(FleetStream.METRICS);
                if (metrics == null) {
                    continue; // a batch without data
                }
                long[] batch = new long[totals.length];
                for (int i = 0; i < batch.length; i++) {
                    batch[i] = metrics.getLong(metrics.fieldIndex(FleetStream.METRIC_NAMES.get(i)));
                    totals[i] += batch[i];
                }
                out.println("Micro-batch " + p.batchId() + ": " + line(batch));
            }
        }

        /** The totals, as a line. */
        String total() {
            return line(totals);
        }

        private static String line(long[] counts) {
            return String.format("%d rows scored, %d late, %d duplicate, %d without a model, %d refused, %d without a time", counts[0],
                    counts[1], counts[2], counts[3], counts[4], counts[5]);
        }
    }

    /** The models table read back from the folder {@code FleetJob build} wrote: the asset (its partition column) first. */
    static Dataset<Row> models(SparkSession spark, Map<String, String> o) {
        Dataset<Row> models = JobArguments.models(spark, o);
        String asset = Fleet.assetColumn(models);
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
}
