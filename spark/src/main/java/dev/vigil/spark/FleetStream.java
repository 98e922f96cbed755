package dev.vigil.spark;

import static java.util.Objects.requireNonNull;

import dev.vigil.evaluation.window.Scored;
import dev.vigil.evaluation.window.WindowModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeoutException;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapGroupsWithStateFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.streaming.DataStreamReader;
import org.apache.spark.sql.streaming.GroupState;
import org.apache.spark.sql.streaming.GroupStateTimeout;
import org.apache.spark.sql.streaming.OutputMode;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fleet judged as its data arrives: Spark Structured Streaming over a folder of Parquet or CSV files (an asset
 * column, a time column, values: the batch path's layout), one Vigil model per asset from the models table {@link
 * Fleet#buildModels} gives, and per asset the state the scheduler carries between windows (vigil-evaluation's {@link
 * WindowModel}) kept in Spark's state store ({@code groupByKey(asset).flatMapGroupsWithState}, {@link
 * FleetStreamState}). Each micro-batch is one window per asset: a KPI-driven model answers as one {@code
 * DetectionStream} over every row so far (rows it holds back are written by the batch that decides them), a
 * system-driven model scores the rows with the history carried over. The results are written once (Spark's file
 * sink with a checkpoint: exactly once across restarts) as Parquet partitioned by asset, timestamps {@code
 * TIMESTAMP_MICROS}, with the columns of {@link Fleet#detect}.
 *
 * <p>Rows never fail the query: a row at or before the asset's newest timestamp taken in (late, or a duplicate of an
 * earlier batch's row) and a second row with the same timestamp in one batch are skipped and counted; an asset
 * without a model, or whose rows its model refuses, gets a row with its {@link Fleet#ERROR} (as {@link Fleet#detect}
 * gives) for each micro-batch that brings it rows. Every micro-batch's counts are in the query's progress, {@code
 * query.lastProgress().observedMetrics().get(}{@value #METRICS}{@code )}: {@value #ROWS_SCORED}, {@value
 * #ROWS_LATE}, {@value #ROWS_DUPLICATE}, {@value #ROWS_WITHOUT_MODEL}, {@value #ROWS_REFUSED}, {@value
 * #ROWS_WITHOUT_TIME} (a row whose time is null, e.g. a CSV value that could not be read as a timestamp: skipped alone,
 * with an error row naming its file); the totals of late and
 * duplicate rows per asset are in its state.
 *
 * <p>Models are read from the models table when the query starts (broadcast to the executors, each reading a model
 * file once per JVM); a model that changed since an asset's state was made (another checksum) starts the asset's
 * state afresh: a KPI stream from no history, a system model with no rows of history; rows already taken in stay
 * taken (late rows are still skipped). See docs/spark.md, "Streaming".
 */
public final class FleetStream {
    /** The name of the metrics in each micro-batch's progress. */
    public static final String METRICS = "vigil";
    /** Metric: result rows written. */
    public static final String ROWS_SCORED = "rows_scored";
    /** Metric: rows skipped because their timestamp was not after the asset's newest one taken in by an earlier batch. */
    public static final String ROWS_LATE = "rows_late";
    /** Metric: rows skipped because another row of the asset in the same batch had the same timestamp. */
    public static final String ROWS_DUPLICATE = "rows_duplicate";
    /** Metric: rows of assets without a model (no row in the models table, or its build failed). */
    public static final String ROWS_WITHOUT_MODEL = "rows_without_model";
    /** Metric: rows the asset's model refused (e.g. a KPI-driven model's rows off its time grid). */
    public static final String ROWS_REFUSED = "rows_refused";
    /** Metric: rows skipped because their time column is null (for CSV: a value that could not be read as a timestamp). */
    public static final String ROWS_WITHOUT_TIME = "rows_without_time";
    /** The metrics, in the order of each micro-batch's observed row. */
    public static final List<String> METRIC_NAMES = List.of(ROWS_SCORED, ROWS_LATE, ROWS_DUPLICATE, ROWS_WITHOUT_MODEL, ROWS_REFUSED,
            ROWS_WITHOUT_TIME);

    private static final Logger LOG = LoggerFactory.getLogger(FleetStream.class);
    /** Internal columns: why a row is not a result ({@code null} for a result), and how many input rows it stands for. */
    private static final String SKIPPED = "_vigil_skipped";
    private static final String COUNT = "_vigil_count";
    private static final String LATE = "late";
    private static final String DUPLICATE = "duplicate";
    private static final String NO_MODEL = "no_model";
    private static final String REFUSED = "refused";
    private static final String WITHOUT_TIME = "without_time";
    /** Internal column of a file source's rows: the file a row was read from, for messages. */
    static final String FILE = "_vigil_file";

    private FleetStream() {
    }

    /** A streaming job to configure and start. */
    public static Builder builder(SparkSession spark) {
        return new Builder(spark);
    }

    /**
     * The results of a streaming fleet data set (any source: a folder, Kafka, …): the columns of {@link Fleet#detect}
     * for the assets of {@code models}, with this class's metrics observed. Write it with a sink in append mode.
     *
     * @param data a streaming data set with the asset column the models table names (its first column), the time
     *     column the models were built with, and the values the models read
     * @param models a models table {@link Fleet#buildModels} gave (or read back from its files); read now, once
     */
    public static Dataset<Row> results(Dataset<Row> data, Dataset<Row> models) {
        String assetColumn = models.columns()[0];
        String timeColumn = Fleet.timeColumn(models);
        StructType resultsSchema = Fleet.resultsSchema(assetColumn, Fleet.resultColumns(models));
        StructType schema = resultsSchema.add(SKIPPED, DataTypes.StringType, true).add(COUNT, DataTypes.LongType, true);
        Map<String, FleetStreamModels.Entry> entries = new HashMap<>();
        for (Row m : models.select(functions.col(assetColumn), functions.col("status"), functions.col("model"), functions.col(Fleet.ERROR))
                .collectAsList()) {
            entries.put(String.valueOf(m.get(0)), Fleet.BUILT.equals(m.getString(1)) && !m.isNullAt(2)
                    ? FleetStreamModels.Entry.of((byte[]) m.get(2))
                    : FleetStreamModels.Entry.failed("No model: the build failed: " + m.getString(3)));
        }
        Broadcast<Map<String, FleetStreamModels.Entry>> broadcast = JavaSparkContext.fromSparkContext(data.sparkSession().sparkContext())
                .broadcast(entries);
        List<String> valueColumns = Columns.numeric(data.schema(), timeColumn, assetColumn);
        Score score = new Score(broadcast, AssetFrames.of(timeColumn, valueColumns), schema);
        int assetIndex = data.schema().fieldIndex(assetColumn);
        Dataset<Row> all = data.groupByKey((MapFunction<Row, String>) row -> String.valueOf(row.get(assetIndex)), Encoders.STRING())
                .flatMapGroupsWithState(score, OutputMode.Append(), Encoders.bean(FleetStreamState.class), Encoders.row(schema),
                        GroupStateTimeout.NoTimeout());
        Column skipped = functions.col(SKIPPED);
        Column count = functions.col(COUNT);
        Dataset<Row> observed = all.observe(METRICS,
                functions.count(functions.when(skipped.isNull(), 1)).as(ROWS_SCORED),
                sum(skipped, count, LATE).as(ROWS_LATE),
                sum(skipped, count, DUPLICATE).as(ROWS_DUPLICATE),
                sum(skipped, count, NO_MODEL).as(ROWS_WITHOUT_MODEL),
                sum(skipped, count, REFUSED).as(ROWS_REFUSED),
                sum(skipped, count, WITHOUT_TIME).as(ROWS_WITHOUT_TIME));
        return observed.filter(skipped.isNull().or(skipped.isin(NO_MODEL, REFUSED, WITHOUT_TIME))).drop(SKIPPED, COUNT);
    }

    private static Column sum(Column skipped, Column count, String reason) {
        return functions.coalesce(functions.sum(functions.when(skipped.equalTo(reason), count)), functions.lit(0L));
    }

    /** Scores one asset's rows of a micro-batch with its model and state. */
    static final class Score implements FlatMapGroupsWithStateFunction<String, Row, FleetStreamState, Row> {
        private static final long serialVersionUID = 1L;
        private final Broadcast<Map<String, FleetStreamModels.Entry>> models;
        private final AssetFrames frames;
        private final StructType schema;

        Score(Broadcast<Map<String, FleetStreamModels.Entry>> models, AssetFrames frames, StructType schema) {
            this.models = models;
            this.frames = frames;
            this.schema = schema;
        }

        @Override
        public Iterator<Row> call(String asset, Iterator<Row> input, GroupState<FleetStreamState> group) {
            List<Row> rows = new ArrayList<>();
            input.forEachRemaining(rows::add);
            List<Row> out = new ArrayList<>();
            FleetStreamModels.Entry entry = models.value().get(asset);
            if (entry == null || entry.file() == null) {
                String why = entry == null ? "No model for asset '" + asset + "' in the models table" : entry.error();
                out.add(skipped(asset, NO_MODEL, rows.size(), why + " (" + rows.size() + " rows skipped)"));
                return out.iterator();
            }
            int timeIndex = rows.get(0).fieldIndex(frames.timeColumn());
            List<Row> untimed = rows.stream().filter(r -> r.isNullAt(timeIndex)).toList();
            if (!untimed.isEmpty()) {
                out.add(skipped(asset, WITHOUT_TIME, untimed.size(), withoutTime(asset, untimed)));
                rows = rows.stream().filter(r -> !r.isNullAt(timeIndex)).toList();
                if (rows.isEmpty()) {
                    return out.iterator();
                }
            }
            List<Row> notes = List.copyOf(out);
            FleetStreamState state = group.exists() ? group.get() : null;
            long last = state == null ? Long.MIN_VALUE : state.getLastTime();
            long late = 0;
            long duplicate = 0;
            List<Row> kept = new ArrayList<>(rows.size());
            try {
                long[] times = new long[rows.size()];
                Integer[] order = new Integer[rows.size()];
                for (int i = 0; i < times.length; i++) {
                    times[i] = AssetFrames.epochMillis(rows.get(i).get(timeIndex));
                    order[i] = i;
                }
                Arrays.sort(order, Comparator.comparingLong(i -> times[i]));
                long newest = last;
                for (int i : order) {
                    if (times[i] <= last) {
                        late++;
                    } else if (times[i] == newest) {
                        duplicate++;
                    } else {
                        kept.add(rows.get(i));
                        newest = times[i];
                    }
                }
                if (late > 0) {
                    out.add(skipped(asset, LATE, late, null));
                }
                if (duplicate > 0) {
                    out.add(skipped(asset, DUPLICATE, duplicate, null));
                }
                WindowModel model = FleetStreamModels.model(asset, entry);
                String carried = state == null ? null : state.getState();
                if (state != null && !model.version().equals(state.getModel())) {
                    LOG.info("Asset '{}': its model changed ({} → {}); its state starts afresh", asset, state.getModel(), model.version());
                    carried = null;
                }
                long lateTotal = (state == null ? 0 : state.getLateRows()) + late;
                long duplicateTotal = (state == null ? 0 : state.getDuplicateRows()) + duplicate;
                if (kept.isEmpty()) {
                    group.update(new FleetStreamState(model.version(), carried, last, lateTotal, duplicateTotal));
                    return out.iterator();
                }
                Scored scored = model.score(frames.frame(kept.iterator(), asset), last, newest, carried);
                StructType results = resultsSchema();
                for (Row r : Fleet.results(results, asset, scored.table())) {
                    Object[] values = new Object[schema.size()];
                    for (int c = 0; c < results.size(); c++) {
                        values[c] = r.get(c);
                    }
                    out.add(RowFactory.create(values));
                }
                group.update(new FleetStreamState(model.version(), scored.state(), newest, lateTotal, duplicateTotal));
                return out.iterator();
            } catch (RuntimeException e) {
                String message = e.getMessage() == null ? e.toString() : e.getMessage();
                out.clear(); // every row of the batch (with a time) is refused, the state is left as it was
                out.addAll(notes);
                out.add(skipped(asset, REFUSED, rows.size(), message + " (" + rows.size() + " rows of this micro-batch skipped)"));
                return out.iterator();
            }
        }

        /** The error of rows without a time: how many, the column, the files they were read from when known. */
        private String withoutTime(String asset, List<Row> untimed) {
            Set<String> files = new TreeSet<>();
            for (Row r : untimed) {
                int index = Arrays.asList(r.schema().fieldNames()).indexOf(FILE);
                if (index >= 0 && !r.isNullAt(index) && !r.getString(index).isEmpty()) {
                    files.add(r.getString(index));
                }
            }
            return untimed.size() + (untimed.size() == 1 ? " row" : " rows") + " of asset '" + asset + "' skipped: no "
                    + frames.timeColumn() + " (empty, or a value that could not be read as a timestamp: a CSV file's must be"
                    + " as 2026-12-07 03:00:00 or 2026-12-07T03:00:00Z)" + (files.isEmpty() ? "" : "; in " + String.join(", ", files));
        }

        /** The results table's schema: this function's output without the internal columns. */
        private StructType resultsSchema() {
            return new StructType(Arrays.copyOf(schema.fields(), schema.size() - 2, StructField[].class));
        }

        private Row skipped(String asset, String reason, long count, String error) {
            Object[] values = new Object[schema.size()];
            values[0] = asset;
            values[schema.size() - 3] = error;
            values[schema.size() - 2] = reason;
            values[schema.size() - 1] = count;
            return RowFactory.create(values);
        }
    }

    /** A streaming job over a folder of files: where the data, models, results and checkpoint are; how often to run. */
    public static final class Builder {
        private final SparkSession spark;
        private String format = "parquet";
        private String input;
        private StructType schema;
        private Dataset<Row> models;
        private String output;
        private String checkpoint;
        private Trigger trigger = Trigger.ProcessingTime(0);
        private Integer maxFilesPerTrigger;
        private String name;

        private Builder(SparkSession spark) {
            this.spark = requireNonNull(spark, "spark is null");
        }

        /** The folder the data files arrive in, Parquet files (the default format). */
        public Builder parquet(String folder) {
            this.format = "parquet";
            this.input = requireNonNull(folder, "folder is null");
            return this;
        }

        /**
         * The folder the data files arrive in, CSV files with a header line, every file with the same columns in the
         * same order.
         */
        public Builder csv(String folder) {
            this.format = "csv";
            this.input = requireNonNull(folder, "folder is null");
            return this;
        }

        /**
         * The files' columns. By default, for Parquet, the schema of the files in the folder when the query starts;
         * for CSV, the first file's header: the asset column a string, the time column a timestamp, the others doubles.
         */
        public Builder schema(StructType schema) {
            this.schema = schema;
            return this;
        }

        /** The models table ({@link Fleet#buildModels}, or read back from its files). */
        public Builder models(Dataset<Row> models) {
            this.models = requireNonNull(models, "models is null");
            return this;
        }

        /** The results folder: Parquet, partitioned by asset. */
        public Builder output(String folder) {
            this.output = requireNonNull(folder, "folder is null");
            return this;
        }

        /** The checkpoint folder: the offsets, the sink's log and the per-asset state; a restart resumes from it. */
        public Builder checkpoint(String folder) {
            this.checkpoint = requireNonNull(folder, "folder is null");
            return this;
        }

        /** When micro-batches run (default: one after the other, as soon as files arrive). */
        public Builder trigger(Trigger trigger) {
            this.trigger = requireNonNull(trigger, "trigger is null");
            return this;
        }

        /** At most this many new files per micro-batch (default: all that arrived). */
        public Builder maxFilesPerTrigger(int files) {
            this.maxFilesPerTrigger = files;
            return this;
        }

        /** The query's name, in Spark's UI and progress. */
        public Builder name(String queryName) {
            this.name = queryName;
            return this;
        }

        /**
         * Starts the query. Sets the session's Parquet timestamp type to {@code TIMESTAMP_MICROS} (as {@link
         * FleetFiles#write} does).
         *
         * @throws TimeoutException as Spark's {@code start}
         */
        public StreamingQuery start() throws TimeoutException {
            requireNonNull(input, "no input folder: parquet(folder) or csv(folder)");
            requireNonNull(models, "no models table: models(table)");
            requireNonNull(output, "no output folder: output(folder)");
            requireNonNull(checkpoint, "no checkpoint folder: checkpoint(folder)");
            String assetColumn = models.columns()[0];
            StructType files = schema != null ? schema : schemaOfFiles(assetColumn, Fleet.timeColumn(models));
            DataStreamReader reader = spark.readStream().format(format).schema(files);
            if (format.equals("csv")) {
                reader = reader.option("header", "true");
            }
            if (maxFilesPerTrigger != null) {
                reader = reader.option("maxFilesPerTrigger", maxFilesPerTrigger);
            }
            Dataset<Row> results = results(reader.load(input).withColumn(FILE, functions.input_file_name()), models);
            spark.conf().set(FleetFiles.OUTPUT_TIMESTAMP_TYPE, "TIMESTAMP_MICROS");
            var writer = results.writeStream().format("parquet").outputMode(OutputMode.Append()).option("checkpointLocation", checkpoint)
                    .partitionBy(assetColumn).trigger(trigger);
            if (name != null) {
                writer = writer.queryName(name);
            }
            return writer.start(output);
        }

        private StructType schemaOfFiles(String assetColumn, String timeColumn) {
            if (format.equals("parquet")) {
                return spark.read().parquet(input).schema();
            }
            StructType s = new StructType();
            for (String c : spark.read().option("header", "true").csv(input).columns()) {
                s = s.add(c, c.equals(assetColumn) ? DataTypes.StringType : c.equals(timeColumn) ? DataTypes.TimestampType : DataTypes.DoubleType,
                        true);
            }
            return s;
        }
    }
}
