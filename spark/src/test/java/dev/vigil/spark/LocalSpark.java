package dev.vigil.spark;

import org.apache.spark.sql.SparkSession;

/**
 * The one local Spark every test class of this module shares (surefire runs them in one JVM): two cores, no web UI,
 * two shuffle partitions (Spark's default of 200 would make every small test's shuffle two hundred tasks). Started
 * on first use; Spark's own shutdown hook stops it when the JVM ends.
 */
public final class LocalSpark {
    private LocalSpark() {
    }

    /** The shared session. */
    public static SparkSession session() {
        return Holder.SESSION;
    }

    private static final class Holder {
        static final SparkSession SESSION = SparkSession.builder()
                .master("local[2]")
                .appName("vigil-spark-tests")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "2")
                .config("spark.sql.session.timeZone", "UTC")
                .getOrCreate();
    }
}
