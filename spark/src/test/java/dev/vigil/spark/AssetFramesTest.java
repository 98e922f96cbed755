package dev.vigil.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.spi.frame.TimeFrame;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.apache.spark.api.java.function.FlatMapGroupsFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** Rows go through Spark's sorted groups into Vigil's frames and back, on the shared local[2] Spark. */
class AssetFramesTest {
    private static final StructType SCHEMA = new StructType()
            .add("asset", DataTypes.StringType)
            .add("time", DataTypes.TimestampType)
            .add("load", DataTypes.DoubleType)
            .add("count", DataTypes.IntegerType, true);

    @Test
    void aDatasetRoundTripsThroughFramesSortedByTimePerAsset() {
        List<Row> rows = new ArrayList<>();
        long start = 1_700_000_000_000L;
        for (String asset : List.of("a", "b", "c")) {
            for (int i = 0; i < 50; i++) {
                Integer count = i % 7 == 3 ? null : i * asset.charAt(0);
                rows.add(RowFactory.create(asset, new Timestamp(start + i * 60_000L), i * 0.5 + asset.charAt(0), count));
            }
        }
        List<Row> shuffled = new ArrayList<>(rows);
        Collections.shuffle(shuffled, new Random(19));
        Dataset<Row> data = LocalSpark.session().createDataFrame(shuffled, SCHEMA).repartition(3);

        AssetFrames frames = AssetFrames.numericColumns(data.schema(), "time", "asset");
        assertThat(frames.valueColumns()).containsExactly("load", "count");
        StructType out = new StructType().add("asset", DataTypes.StringType).add("time", DataTypes.LongType)
                .add("load", DataTypes.DoubleType).add("count", DataTypes.DoubleType).add("increasing", DataTypes.BooleanType);
        FlatMapGroupsFunction<String, Row, Row> toFrameAndBack = (asset, group) -> {
            TimeFrame frame = frames.frame(group, asset);
            List<Row> back = new ArrayList<>();
            for (int r = 0; r < frame.rows(); r++) {
                back.add(RowFactory.create(asset, frame.time(r), frame.value(0, r), frame.value(1, r), frame.isStrictlyIncreasing()));
            }
            return back.iterator();
        };
        List<Row> result = data.groupByKey((MapFunction<Row, String>) row -> row.getString(0), Encoders.STRING())
                .flatMapSortedGroups(new Column[] {data.col("time")}, toFrameAndBack, Encoders.row(out))
                .collectAsList();

        List<Row> sorted = new ArrayList<>(result);
        sorted.sort(Comparator.comparing((Row r) -> r.getString(0)).thenComparingLong(r -> r.getLong(1)));
        assertThat(sorted).hasSize(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            Row in = rows.get(i);
            Row back = sorted.get(i);
            assertThat(back.getString(0)).isEqualTo(in.getString(0));
            assertThat(back.getLong(1)).isEqualTo(((Timestamp) in.get(1)).getTime());
            assertThat(back.getDouble(2)).isEqualTo(in.getDouble(2));
            if (in.isNullAt(3)) {
                assertThat(back.getDouble(3)).isNaN();
            } else {
                assertThat(back.getDouble(3)).isEqualTo(in.getInt(3));
            }
            assertThat(back.getBoolean(4)).as("the group reached the frame sorted by time").isTrue();
        }
    }
}
