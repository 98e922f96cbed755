package dev.vigil.spark;

import dev.vigil.core.detection.DetectionResult;
import dev.vigil.spi.ColumnLayout;
import dev.vigil.spi.frame.TimeFrame;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.CoGroupFunction;
import org.apache.spark.api.java.function.FlatMapGroupsFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.KeyValueGroupedDataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * A fleet on Spark: one Vigil model per asset, built and applied inside Spark jobs. Each asset's rows reach Vigil
 * sorted by time inside the engine (Spark's sorted groups), as one frame; models travel as the bytes of Vigil's own
 * model files, so a model built here is read by {@code vigil detect --model} and the other way round.
 *
 * <p>{@link #buildModels} gives the models table ({@link #MODELS_SCHEMA}'s columns after the asset column): an
 * asset whose build fails is a row with status {@code failed} and its error, never a failed job. {@link #detect}
 * gives the results table: the asset, {@code timestamp}, then the columns {@code vigil detect} writes for each
 * asset's model (the union over the fleet's models, empty where an asset's model has no such column), and {@code
 * error}, set on the one row of an asset that could not be judged (no model, or detection refused its data).
 *
 * <p>Doubles are Vigil's to the bit: the same rows give the same models and results as the single-machine path.
 * {@code NaN} (Vigil's missing value) is a null in Spark's tables.
 */
public final class Fleet {
    /** Models table: status of a built model. */
    public static final String BUILT = "built";
    /** Models table: status of an asset whose build failed. */
    public static final String FAILED = "failed";
    /** Results table: the time column, named as {@code vigil detect} names it. */
    public static final String TIMESTAMP = ColumnLayout.DEFAULT.timestampColumn();
    /** Results table: why an asset has no results. */
    public static final String ERROR = "error";
    /** The models table's columns after the asset column. */
    public static final StructType MODELS_SCHEMA = new StructType()
            .add("status", DataTypes.StringType, false)
            .add("approach", DataTypes.StringType, false)
            .add("time_column", DataTypes.StringType, false)
            .add("model", DataTypes.BinaryType, true)
            .add("log", DataTypes.StringType, false)
            .add(ERROR, DataTypes.StringType, true)
            .add("result_columns", DataTypes.createArrayType(DataTypes.StringType, false), false);

    private Fleet() {
    }

    /**
     * Builds one model per asset.
     *
     * @param data one row per asset and time; the values are its numeric columns but the asset and time columns
     *     (a column with no value for an asset is not that asset's)
     * @param assetColumn the column naming the asset
     * @return the models table: the asset (as a string), then {@link #MODELS_SCHEMA}; one row per asset
     */
    public static Dataset<Row> buildModels(Dataset<Row> data, String assetColumn, FleetConfig config) {
        AssetFrames frames = AssetFrames.numericColumns(data.schema(), config.timeColumn(), assetColumn);
        StructType schema = modelsSchema(assetColumn);
        FlatMapGroupsFunction<String, Row, Row> build = (asset, rows) -> {
            TimeFrame frame = AssetFrames.withoutEmptyColumns(frames.frame(rows, asset));
            AssetJobs.Built built = AssetJobs.build(config, frame);
            return List.of(RowFactory.create(asset, built.ok() ? BUILT : FAILED, config.approach(), config.timeColumn(), built.model(),
                    built.log(), built.error(), built.resultColumns().toArray(String[]::new))).iterator();
        };
        return byAsset(data, assetColumn).flatMapSortedGroups(new Column[] {data.col(config.timeColumn())}, build, Encoders.row(schema));
    }

    /**
     * Applies each asset's model to its rows, as {@code vigil detect --model} does: on the rows after the model's
     * in-sample period (or all when there are none after it), earlier rows giving history.
     *
     * @param data one row per asset and time, with the models table's asset column (its one column not in {@link
     *     #MODELS_SCHEMA}) and the time column the models were built with
     * @param models a models table {@link #buildModels} gave, or read back from its files (in any column order)
     */
    public static Dataset<Row> detect(Dataset<Row> data, Dataset<Row> models) {
        String assetColumn = assetColumn(models);
        String timeColumn = timeColumn(models);
        requireColumn(data, assetColumn, "the models' asset column");
        requireColumn(data, timeColumn, "the models' time column");
        List<String> columns = resultColumns(models);
        StructType schema = resultsSchema(assetColumn, columns);
        AssetFrames frames = AssetFrames.numericColumns(data.schema(), timeColumn, assetColumn);
        int modelIndex = models.schema().fieldIndex("model");
        int statusIndex = models.schema().fieldIndex("status");
        int errorIndex = models.schema().fieldIndex(ERROR);
        CoGroupFunction<String, Row, Row, Row> detect = (asset, rows, model) -> {
            if (!rows.hasNext()) {
                return List.<Row>of().iterator();
            }
            if (!model.hasNext()) {
                return List.of(errorRow(schema, asset, "No model for asset '" + asset + "' in the models table")).iterator();
            }
            Row m = model.next();
            if (!BUILT.equals(m.getString(statusIndex)) || m.isNullAt(modelIndex)) {
                return List.of(errorRow(schema, asset, "No model: the build failed: " + m.getString(errorIndex))).iterator();
            }
            TimeFrame frame = AssetFrames.withoutEmptyColumns(frames.frame(rows, asset));
            AssetJobs.Detected detected;
            try {
                detected = AssetJobs.detect((byte[]) m.get(modelIndex), frame);
            } catch (RuntimeException e) {
                return List.of(errorRow(schema, asset, e.getMessage() == null ? e.toString() : e.getMessage())).iterator();
            }
            return results(schema, asset, detected.table()).iterator();
        };
        KeyValueGroupedDataset<String, Row> modelsByAsset = byAsset(models, assetColumn);
        return byAsset(data, assetColumn).cogroupSorted(modelsByAsset, new Column[] {data.col(timeColumn)}, new Column[0], detect,
                Encoders.row(schema));
    }

    /**
     * The asset column of a models table: its one column besides {@link #MODELS_SCHEMA}'s.
     *
     * @throws IllegalArgumentException naming the columns a models table has, and those this one has, when it is not one
     */
    public static String assetColumn(Dataset<Row> models) {
        List<String> present = List.of(models.columns());
        List<String> others = new ArrayList<>(present);
        others.removeAll(List.of(MODELS_SCHEMA.fieldNames()));
        if (others.size() != 1 || !present.containsAll(List.of(MODELS_SCHEMA.fieldNames()))) {
            throw new IllegalArgumentException("not a models table: a models table has the asset column and "
                    + String.join(", ", MODELS_SCHEMA.fieldNames()) + "; this one has " + String.join(", ", present));
        }
        return others.get(0);
    }

    /** The time column a models table's models were built with ({@link FleetConfig#DEFAULT_TIME_COLUMN} when it has no rows). */
    static String timeColumn(Dataset<Row> models) {
        List<Row> times = models.select("time_column").distinct().collectAsList();
        if (times.size() > 1) {
            throw new IllegalArgumentException("The models were built with different time columns: " + times);
        }
        return times.isEmpty() ? FleetConfig.DEFAULT_TIME_COLUMN : times.get(0).getString(0);
    }

    private static void requireColumn(Dataset<Row> data, String column, String what) {
        if (!List.of(data.columns()).contains(column)) {
            throw new IllegalArgumentException("the data has no column '" + column + "' (" + what + "); its columns: "
                    + String.join(", ", data.columns()));
        }
    }

    /** The models table's schema with the given asset column. */
    public static StructType modelsSchema(String assetColumn) {
        StructType schema = new StructType().add(assetColumn, DataTypes.StringType, false);
        for (var field : MODELS_SCHEMA.fields()) {
            schema = schema.add(field);
        }
        return schema;
    }

    /**
     * The results table's schema: asset, {@link #TIMESTAMP}, the given columns (integers where {@code vigil detect}
     * writes them as integers: {@link DetectionResult#TABLE_LAYOUT}), {@link #ERROR}.
     */
    public static StructType resultsSchema(String assetColumn, List<String> columns) {
        StructType schema = new StructType().add(assetColumn, DataTypes.StringType, false).add(TIMESTAMP, DataTypes.TimestampType, true);
        Map<String, ColumnLayout.ValueType> types = DetectionResult.TABLE_LAYOUT.types();
        for (String c : columns) {
            DataType type = types.get(c) == ColumnLayout.ValueType.INT32 ? DataTypes.IntegerType : DataTypes.DoubleType;
            schema = schema.add(c, type, true);
        }
        return schema.add(ERROR, DataTypes.StringType, true);
    }

    /**
     * The columns of the fleet's results tables, in the order the models give them (a column first given at
     * position i comes before one first given at j &gt; i; ties by name). Runs a small job over the models table.
     */
    static List<String> resultColumns(Dataset<Row> models) {
        List<Row> rows = models.select(functions.posexplode(functions.col("result_columns")))
                .groupBy("col").agg(functions.min("pos").as("pos"))
                .orderBy("pos", "col").collectAsList();
        List<String> columns = new ArrayList<>();
        for (Row r : rows) {
            columns.add(r.getString(0));
        }
        return columns;
    }

    private static KeyValueGroupedDataset<String, Row> byAsset(Dataset<Row> data, String assetColumn) {
        int index = data.schema().fieldIndex(assetColumn);
        return data.groupByKey((MapFunction<Row, String>) row -> String.valueOf(row.get(index)), Encoders.STRING());
    }

    private static Row errorRow(StructType schema, String asset, String error) {
        Object[] values = new Object[schema.size()];
        values[0] = asset;
        values[values.length - 1] = error;
        return RowFactory.create(values);
    }

    /** The rows of one asset's results table, NaN as null, in the results schema's columns. */
    static List<Row> results(StructType schema, String asset, TimeFrame table) {
        int columns = schema.size() - 3;
        int[] source = new int[columns];
        boolean[] integer = new boolean[columns];
        for (int c = 0; c < columns; c++) {
            var field = schema.fields()[c + 2];
            source[c] = table.hasColumn(field.name()) ? table.columnIndex(field.name()) : -1;
            integer[c] = field.dataType().equals(DataTypes.IntegerType);
        }
        List<Row> rows = new ArrayList<>(table.rows());
        for (int r = 0; r < table.rows(); r++) {
            Object[] values = new Object[schema.size()];
            values[0] = asset;
            values[1] = new Timestamp(table.time(r));
            for (int c = 0; c < columns; c++) {
                if (source[c] >= 0) {
                    double v = table.value(source[c], r);
                    values[c + 2] = Double.isNaN(v) ? null : integer[c] ? (Object) (int) v : (Object) v;
                }
            }
            rows.add(RowFactory.create(values));
        }
        return rows;
    }
}
