package dev.vigil.spark;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * A fleet's tables as Parquet folders, partitioned by asset ({@code <folder>/<asset column>=<asset>/part-….parquet}),
 * timestamps as {@code TIMESTAMP_MICROS}: the files vigil-io-parquet reads, so one asset's partition is a data file
 * (or results table) for {@code vigil detect}, {@code vigil inspect} and the rest of the single-machine path.
 */
public final class FleetFiles {
    /** Spark's setting for how Parquet files store timestamps (its default, INT96, is not what Vigil reads). */
    static final String OUTPUT_TIMESTAMP_TYPE = "spark.sql.parquet.outputTimestampType";

    private FleetFiles() {
    }

    /** Reads a table written by {@link #write} (or any Parquet folder); the asset comes from the folder names. */
    public static Dataset<Row> read(SparkSession spark, String folder) {
        return spark.read().option("mergeSchema", "true").parquet(folder);
    }

    /**
     * Writes a table as Parquet under {@code folder}, one partition per asset, replacing what the folder held.
     * Sets the session's {@value #OUTPUT_TIMESTAMP_TYPE} to {@code TIMESTAMP_MICROS}.
     */
    public static void write(Dataset<Row> table, String assetColumn, String folder) {
        table.sparkSession().conf().set(OUTPUT_TIMESTAMP_TYPE, "TIMESTAMP_MICROS");
        table.write().mode(SaveMode.Overwrite).partitionBy(assetColumn).parquet(folder);
    }
}
