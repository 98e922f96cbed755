package dev.vigil.spark;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * What the fleet's jobs ({@link FleetJob}, {@code FleetStreamJob}) share: their {@code --option value} arguments, the
 * Spark session (on {@code local[*]} when no master is set, as when run by {@code java -cp} without spark-submit),
 * and a folder read with a mistake said as the option's.
 */
public final class JobArguments {
    /** The master when none is set (neither spark-submit's {@code --master} nor {@code -Dspark.master}). */
    public static final String DEFAULT_MASTER = "local[*]";

    private JobArguments() {
    }

    /**
     * The {@code --option value} pairs of {@code args}, in order.
     *
     * @param job the job's name, for messages
     * @throws IllegalArgumentException for an option not in {@code known}, an option without a value, or a required one missing
     */
    public static Map<String, String> parse(List<String> args, String job, Set<String> known, String... required) {
        Map<String, String> o = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            if (!known.contains(args.get(i))) {
                throw new IllegalArgumentException("Unknown option '" + args.get(i) + "' for " + job);
            }
            if (i + 1 == args.size()) {
                throw new IllegalArgumentException(args.get(i) + " needs a value");
            }
            o.put(args.get(i), args.get(++i));
        }
        for (String r : required) {
            if (!o.containsKey(r)) {
                throw new IllegalArgumentException(job + " needs " + r);
            }
        }
        return o;
    }

    /**
     * Refuses an output folder that is, holds or lies in an input folder (or another output): a job replaces its
     * output folders whole, so the data it reads would be lost.
     *
     * @param outputs the options naming folders the job writes
     * @param inputs the options naming folders the job reads
     * @throws IllegalArgumentException naming both options and folders
     */
    public static void separate(Map<String, String> o, List<String> outputs, List<String> inputs) {
        List<String> all = new java.util.ArrayList<>(outputs);
        all.addAll(inputs);
        for (String out : outputs) {
            for (String other : all) {
                if (other.equals(out) || !o.containsKey(out) || !o.containsKey(other)) {
                    continue;
                }
                String a = normal(o.get(out));
                String b = normal(o.get(other));
                if (a.equals(b) || a.startsWith(b + "/") || b.startsWith(a + "/")) {
                    throw new IllegalArgumentException(out + " '" + o.get(out) + "': " + (a.equals(b) ? "the same folder as " : "overlaps ")
                            + other + " '" + o.get(other) + "'; " + out + " is replaced whole, so it must be a folder of its own, "
                            + "neither holding nor inside the folders the job reads or writes");
                }
            }
        }
    }

    /** A folder's name for comparison: a local one absolute and normalised, a URI ({@code hdfs://…}) as given. */
    private static String normal(String folder) {
        String f = folder.startsWith("file:") ? folder.substring("file:".length()).replaceFirst("^//", "") : folder;
        if (f.contains("://")) {
            return f.replaceAll("/+$", "");
        }
        return java.nio.file.Path.of(f).toAbsolutePath().normalize().toString();
    }

    /** A job's body: its exit code for the arguments, on the session ({@code null} when the arguments ask for help). */
    @FunctionalInterface
    public interface Job {
        /** Runs the job: 0 when it ran, another code when not. */
        int run(String[] args, SparkSession spark, PrintStream out, PrintStream err) throws Exception;
    }

    /**
     * A job's {@code main}: its usage without a session when the arguments ask for help, else the job on the session
     * spark-submit configured (or {@link #DEFAULT_MASTER}), stopped at the end; the JVM exits with the job's code when
     * it is not 0.
     */
    public static void main(String[] args, String appName, Job job) throws Exception {
        int code;
        if (help(args)) {
            code = job.run(args, null, System.out, System.err);
        } else {
            SparkSession spark = session(appName, System.out);
            try {
                code = job.run(args, spark, System.out, System.err);
            } finally {
                spark.stop();
            }
        }
        if (code != 0) {
            System.exit(code);
        }
    }

    /** Whether the arguments ask for the usage text: none, or {@code --help}. */
    public static boolean help(String[] args) {
        return args.length == 0 || Arrays.asList(args).contains("--help");
    }

    /**
     * The session spark-submit configured, or one on {@link #DEFAULT_MASTER} when no master is set; says which on its
     * first line of {@code out}.
     */
    public static SparkSession session(String appName, PrintStream out) {
        SparkConf conf = new SparkConf();
        SparkSession.Builder builder = SparkSession.builder().appName(appName);
        if (conf.contains("spark.master")) {
            out.println("Spark master: " + conf.get("spark.master"));
        } else {
            builder.master(DEFAULT_MASTER);
            out.println("Spark master: " + DEFAULT_MASTER + " (none set: spark-submit --master or -Dspark.master=URL sets one)");
        }
        SparkSession spark = builder.getOrCreate();
        // Spark's INFO lines would bury the job's own messages on stderr; its warnings and errors stay
        spark.sparkContext().setLogLevel("WARN");
        return spark;
    }

    /**
     * The table in the folder an option names ({@link FleetFiles#read}).
     *
     * @throws IllegalArgumentException naming the option and the folder when it does not exist or holds no table
     */
    public static Dataset<Row> read(SparkSession spark, Map<String, String> o, String option) {
        String folder = o.get(option);
        if (!exists(spark, folder)) {
            // said before Spark reads it: Spark would log a warning with a stack trace first
            throw new IllegalArgumentException(option + " '" + folder + "': no such folder");
        }
        try {
            return FleetFiles.read(spark, folder);
        } catch (Exception e) {
            if (!(e instanceof AnalysisException a)) {
                throw e;
            }
            String why = "PATH_NOT_FOUND".equals(a.getCondition()) ? "no such folder"
                    : "UNABLE_TO_INFER_SCHEMA".equals(a.getCondition()) ? "no Parquet files in it" : a.getMessage();
            throw new IllegalArgumentException(option + " '" + folder + "': " + why);
        }
    }

    /**
     * The models table in the folder {@code --models} names, checked ({@link Fleet#assetColumn}).
     *
     * @throws IllegalArgumentException naming the option and the folder when it is not a models table
     */
    public static Dataset<Row> models(SparkSession spark, Map<String, String> o) {
        Dataset<Row> models = read(spark, o, "--models");
        try {
            Fleet.assetColumn(models);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--models '" + o.get("--models") + "': " + e.getMessage(), e);
        }
        return models;
    }

    private static boolean exists(SparkSession spark, String folder) {
        org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(folder);
        try {
            return path.getFileSystem(spark.sparkContext().hadoopConfiguration()).exists(path);
        } catch (IOException | RuntimeException e) {
            return true; // let Spark's read say what is wrong
        }
    }
}
