package dev.vigil.io.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.vigil.core.detection.DetectionResult;
import dev.vigil.spi.ColumnLayout;
import dev.vigil.spi.ReadOptions;
import dev.vigil.spi.ReadResult;
import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.spi.log.JobLog;
import dev.vigil.testing.KpiDataGenerator;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Files cross over between Vigil and DuckDB, an independent Parquet implementation (C++), in both
 * directions, with every timestamp and numeric type, codec and row-group layout DuckDB writes.
 * DuckDB also computes the expected values, from the same file.
 */
class DuckDbInteropTest extends WithDuckDb {
    @TempDir
    Path dir;

    private final ParquetFormat parquet = new ParquetFormat();
    private final JobLog log = new JobLog();

    /** 5,000 minutes from 2024-03-30 22:00, across the spring-forward night in Europe, with a sub-millisecond part. */
    private static final String STAMPS = "SELECT TIMESTAMP '2024-03-30 22:00:00.123456' + INTERVAL (i) MINUTE AS local_time, "
            + "i::DOUBLE / 4 AS v FROM range(5000) t(i)";

    @ParameterizedTest(name = "{0} is stored as {1}")
    @CsvSource(delimiter = '|', value = {
        "local_time::TIMESTAMP_MS | INT64 TIMESTAMP(MILLIS,false)",
        "local_time::TIMESTAMP    | INT64 TIMESTAMP(MICROS,false)",
        "local_time::TIMESTAMP_NS | INT64 TIMESTAMP(NANOS,false)",
        "local_time::TIMESTAMPTZ  | INT64 TIMESTAMP(MICROS,true)",
        "local_time::DATE         | INT32 DATE",
        "strftime(local_time, '%Y-%m-%d %H:%M:%S.%g') | BINARY STRING"})
    void readsEveryTimestampTypeDuckDbWrites(String expression, String parquetType) throws SQLException {
        Path file = duck.copy("SELECT v, " + expression + " AS ts FROM (" + STAMPS + ")", dir.resolve("t.parquet"),
                "ROW_GROUP_SIZE 2048");
        assertThat(duck.longs("SELECT count(DISTINCT row_group_id) FROM parquet_metadata('" + file + "')")[0]).isEqualTo(3);
        assertThat(parquetTypeOf(file, "ts")).isEqualTo(parquetType);
        long[] expected = duck.longs("SELECT epoch_ms(ts::TIMESTAMP) FROM '" + file + "'");

        TimeFrame f = parquet.read(file, ReadOptions.DEFAULT, log);
        assertThat(f.times()).containsExactly(expected);
        assertThat(f.columnNames()).containsExactly("v");
        assertThat(f.column("v").toArray()).containsExactly(duck.doubles("SELECT v FROM '" + file + "'"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"TIMESTAMP_MS", "TIMESTAMP", "TIMESTAMP_NS", "DATE"})
    void localTimestampsAreReadInTheGivenZoneAndInstantsAreNot(String type) throws SQLException {
        Path file = duck.copy("SELECT local_time::" + type + " AS ts, local_time::TIMESTAMPTZ AS instant, v FROM (" + STAMPS + ")",
                dir.resolve("zone.parquet"));
        ZoneId brussels = ZoneId.of("Europe/Brussels");
        TimeFrame f = parquet.read(file, ReadOptions.DEFAULT.withZone(brussels), log);
        List<Object[]> wall = duck.rows("SELECT strftime(ts::TIMESTAMP, '%Y-%m-%dT%H:%M:%S.%f') FROM '" + file + "'");
        for (int r = 0; r < f.rows(); r++) {
            LocalDateTime local = LocalDateTime.parse((String) wall.get(r)[0]);
            assertThat(f.time(r)).as("row %d, %s", r, local).isEqualTo(local.atZone(brussels).toInstant().toEpochMilli());
        }
        TimeFrame instants = parquet.read(file, ReadOptions.DEFAULT.withZone(brussels).withTimestampColumn("instant"), log);
        assertThat(instants.times()).containsExactly(duck.longs("SELECT epoch_ms(instant) FROM '" + file + "'"));
        assertThat(f.zone()).isEqualTo(brussels);
    }

    @Test
    void subMillisecondPartsAreCutTowardsThePast() throws SQLException {
        Path file = duck.copy("SELECT * FROM (VALUES (TIMESTAMP_NS '1969-12-31 23:59:59.999999999', 1.0), "
                + "(TIMESTAMP_NS '2024-01-01 00:00:00.123999999', 2.0)) t(ts, v)", dir.resolve("ns.parquet"));
        TimeFrame f = parquet.read(file, ReadOptions.DEFAULT, log);
        assertThat(f.times()).containsExactly(-1, 1_704_067_200_123L);
        assertThat(log.entries().get(0).message()).contains("cut to milliseconds");
    }

    @Test
    void readsEveryNumericTypeDuckDbWrites() throws SQLException {
        String[][] columns = {
            {"d", "(i * 0.1 - 3)::DOUBLE", "DOUBLE"},
            {"f", "(i * 0.1 - 3)::REAL", "FLOAT"},
            {"i8", "(i % 200 - 100)::TINYINT", "INT32 INTEGER(8,true)"},
            {"i16", "(i * 7 - 3000)::SMALLINT", "INT32 INTEGER(16,true)"},
            {"i32", "(i * 1000003 - 500000000)::INTEGER", "INT32 INTEGER(32,true)"},
            {"i64", "(i * 9007199254740 - 1)::BIGINT", "INT64 INTEGER(64,true)"},
            {"u32", "(4294967295 - i)::UINTEGER", "INT32 INTEGER(32,false)"},
            {"u64", "(18446744073709551615 - i * 1000)::UBIGINT", "INT64 INTEGER(64,false)"},
            {"dec4", "(i % 100 * 0.37 - 18)::DECIMAL(4,2)", "INT32 DECIMAL(4,2)"},
            {"dec18", "(i * 123456.789 - 9999)::DECIMAL(18,3)", "INT64 DECIMAL(18,3)"},
            {"dec38", "(i * 1234567.0123456789 - 42)::DECIMAL(38,10)", "FIXED_LEN_BYTE_ARRAY DECIMAL(38,10)"},
            {"flag", "i % 3 = 0", "BOOLEAN"}};
        StringBuilder select = new StringBuilder("SELECT TIMESTAMPTZ '2024-01-01 00:00:00+00' + INTERVAL (i) SECOND AS ts");
        for (String[] c : columns) {
            select.append(", CASE WHEN i % 7 = 3 THEN NULL ELSE ").append(c[1]).append(" END AS ").append(c[0]);
        }
        Path file = duck.copy(select + " FROM range(2000) t(i)", dir.resolve("numbers.parquet"));

        TimeFrame f = parquet.read(file, ReadOptions.DEFAULT, log);
        List<String> names = new ArrayList<>();
        for (String[] c : columns) {
            names.add(c[0]);
            assertThat(parquetTypeOf(file, c[0])).as(c[0]).isEqualTo(c[2]);
            double[] expected = duck.doubles("SELECT " + c[0] + "::DOUBLE FROM '" + file + "'");
            if (c[0].equals("dec38")) { // DuckDB divides a 128-bit integer; Vigil rounds the exact decimal once
                assertThat(f.column(c[0]).toArray()).as(c[0]).containsExactly(expected, within(1e-6));
            } else {
                assertThat(f.column(c[0]).toArray()).as(c[0]).containsExactly(expected);
            }
            assertThat(f.missing(c[0])).as(c[0]).isEqualTo(286);
        }
        assertThat(f.columnNames()).containsExactlyElementsOf(names);
        assertThat(f.column("u64").get(0)).isEqualTo(1.8446744073709552E19);
        assertThat(f.column("dec4").get(1)).isEqualTo(-17.63);
    }

    @ParameterizedTest
    @ValueSource(strings = {"uncompressed", "snappy", "gzip", "zstd", "lz4", "lz4_raw"})
    void readsEveryCodecButBrotliAcrossRowGroupsAndDictionaries(String codec) throws SQLException {
        Path file = duck.copy("SELECT TIMESTAMPTZ '2024-01-01 00:00:00+00' + INTERVAL (i) MINUTE AS ts, "
                + "sin(i / 10) AS wave, (i % 3)::DOUBLE AS state, CASE WHEN i % 11 = 0 THEN NULL ELSE i END AS n "
                + "FROM range(10000) t(i)", dir.resolve(codec + ".parquet"), "COMPRESSION " + codec + ", ROW_GROUP_SIZE 2048");
        assertThat(duck.longs("SELECT count(DISTINCT row_group_id) FROM parquet_metadata('" + file + "')")[0]).isGreaterThan(1);

        TimeFrame f = parquet.read(file, ReadOptions.DEFAULT, log);
        assertThat(f.rows()).isEqualTo(10_000);
        assertThat(f.isRegular()).isTrue();
        assertThat(f.column("wave").toArray()).containsExactly(duck.doubles("SELECT wave FROM '" + file + "'"));
        assertThat(f.column("state").toArray()).containsExactly(duck.doubles("SELECT state FROM '" + file + "'"));
        assertThat(f.column("n").toArray()).containsExactly(duck.doubles("SELECT n FROM '" + file + "'"));
    }

    @Test
    void readsVersion2PagesAndTheirEncodings() throws SQLException {
        Path file = duck.copy("SELECT TIMESTAMPTZ '2024-01-01 00:00:00+00' + INTERVAL (i) MINUTE AS ts, sin(i / 10) AS wave, "
                + "(i * 0.5)::REAL AS half, (i % 3)::DOUBLE AS state, CASE WHEN i % 11 = 0 THEN NULL ELSE i END AS n "
                + "FROM range(10000) t(i)", dir.resolve("v2.parquet"), "PARQUET_VERSION V2");
        assertThat(duck.rows("SELECT DISTINCT encodings FROM parquet_metadata('" + file + "') ORDER BY 1"))
                .extracting(row -> row[0]).contains("BYTE_STREAM_SPLIT", "DELTA_BINARY_PACKED", "RLE_DICTIONARY");

        TimeFrame f = parquet.read(file, ReadOptions.DEFAULT, log);
        assertThat(f.times()).containsExactly(duck.longs("SELECT epoch_ms(ts) FROM '" + file + "'"));
        for (String c : List.of("wave", "half", "state", "n")) {
            assertThat(f.column(c).toArray()).as(c).containsExactly(duck.doubles("SELECT " + c + " FROM '" + file + "'"));
        }
    }

    /** After 1970 only: before, DuckDB's epoch_ms rounds towards zero where Vigil rounds towards the past. */
    @Test
    void int96AsDuckDbReadsIt() throws Exception {
        Path file = ExampleFiles.write(dir.resolve("int96.parquet"), "message m { optional int96 ts; optional double v; }", 500,
                (g, r) -> g.append("ts", ParquetFormatTest.int96(2_440_588 + r * 97, (r * 7_777_777_777L) % 86_400_000_000_000L))
                        .append("v", r / 3.0));
        TimeFrame f = parquet.read(file, ReadOptions.DEFAULT, log);
        assertThat(f.times()).containsExactly(duck.longs("SELECT epoch_ms(ts) FROM '" + file + "'"));
    }

    @Test
    void duckDbReadsWhatVigilWritesWithTheSameValuesAndTypes() throws SQLException {
        TimeFrame frame = KpiDataGenerator.create().rows(5000).seed(7).generate().frame();
        double[] gappy = frame.column("x1").toArray();
        for (int r = 0; r < gappy.length; r += 13) {
            gappy[r] = Double.NaN;
        }
        frame = frame.withColumn("x1", gappy).withColumn("odd name, with \"quotes\" é", frame.column("kpi").toArray());
        Path file = dir.resolve("vigil.parquet");
        parquet.write(frame, file);

        List<Object[]> types = duck.rows("SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM '" + file + "')");
        assertThat(types.get(0)).containsExactly("timestamp", "TIMESTAMP WITH TIME ZONE");
        assertThat(types).hasSize(frame.columnCount() + 1);
        for (int c = 0; c < frame.columnCount(); c++) {
            assertThat(types.get(c + 1)).containsExactly(frame.columnNames().get(c), "DOUBLE");
        }
        assertThat(duck.longs("SELECT epoch_ms(timestamp) FROM '" + file + "'")).containsExactly(frame.times());
        for (String name : frame.columnNames()) {
            String quoted = "\"" + name.replace("\"", "\"\"") + "\"";
            assertThat(duck.doubles("SELECT " + quoted + " FROM '" + file + "'")).as(name).containsExactly(frame.column(name).toArray());
        }
        assertThat(duck.longs("SELECT count(*) FROM '" + file + "' WHERE x1 IS NULL")[0]).isEqualTo(385);
        assertThat(duck.rows("SELECT compression FROM parquet_metadata('" + file + "')")).allSatisfy(
                row -> assertThat(row[0]).isEqualTo("SNAPPY"));
    }

    @Test
    void aFileWrittenBackInItsLayoutKeepsColumnOrderNamesIntegerTypesAndValues() throws SQLException {
        Path in = duck.copy("SELECT CASE WHEN i % 7 = 0 THEN NULL ELSE i::INTEGER END AS count32, "
                + "TIMESTAMPTZ '2024-01-01 00:00:00+00' + INTERVAL (i) SECOND AS \"Datetime\", i::BIGINT * 1000000000000 AS big, "
                + "i / 4.0 AS ratio, 'x' || i AS label, (i % 3)::INTEGER AS code FROM range(100) t(i)", dir.resolve("in.parquet"));
        ReadResult read = parquet.readFile(in, ReadOptions.DEFAULT, log);
        assertThat(read.layout()).isEqualTo(new ColumnLayout("Datetime", 1, Map.of("count32", ColumnLayout.ValueType.INT32,
                "big", ColumnLayout.ValueType.INT64, "code", ColumnLayout.ValueType.INT32)));
        assertThat(read.dropped()).containsExactly("label");
        Path out = dir.resolve("out.parquet");
        parquet.write(read.frame(), out, read.layout());

        assertThat(duck.rows("SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM '" + out + "')"))
                .containsExactly(new Object[] {"count32", "INTEGER"}, new Object[] {"Datetime", "TIMESTAMP WITH TIME ZONE"},
                        new Object[] {"big", "BIGINT"}, new Object[] {"ratio", "DOUBLE"}, new Object[] {"code", "INTEGER"});
        String columns = "count32, \"Datetime\", big, ratio::DOUBLE, code";
        assertThat(duck.longs("SELECT count(*) FROM (SELECT " + columns + " FROM '" + in + "' EXCEPT ALL SELECT " + columns
                + " FROM '" + out + "')")[0]).isZero();
        assertThat(duck.longs("SELECT count(*) FROM '" + out + "' WHERE count32 IS NULL")[0]).isEqualTo(15);
    }

    @Test
    void resultsTablesStoreModelIndexAndAnomalyCodeAsInt32() throws SQLException {
        long[] time = {0, 1000, 2000, 3000};
        Map<String, double[]> columns = new java.util.LinkedHashMap<>();
        columns.put(DetectionResult.MODEL_INDEX, new double[] {1, 1, 2, 2});
        columns.put(DetectionResult.KPI, new double[] {0.5, 1, 1.5, 2});
        columns.put(DetectionResult.ANOMALY_CODE, new double[] {Double.NaN, 0, 1, 3});
        Path file = dir.resolve("results.parquet");
        parquet.write(TimeFrame.of(time, columns), file, DetectionResult.TABLE_LAYOUT);

        assertThat(duck.rows("SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM '" + file + "')"))
                .containsExactly(new Object[] {"timestamp", "TIMESTAMP WITH TIME ZONE"}, new Object[] {"model_index", "INTEGER"},
                        new Object[] {"kpi", "DOUBLE"}, new Object[] {"anomaly_code", "INTEGER"});
        assertThat(duck.rows("SELECT model_index, anomaly_code FROM '" + file + "'")).containsExactly(
                new Object[] {1, null}, new Object[] {1, 0}, new Object[] {2, 1}, new Object[] {2, 3});
        ReadResult back = parquet.readFile(file, ReadOptions.DEFAULT, log);
        assertThat(back.layout().types()).isEqualTo(Map.of(DetectionResult.MODEL_INDEX, ColumnLayout.ValueType.INT32,
                DetectionResult.ANOMALY_CODE, ColumnLayout.ValueType.INT32));
        assertThat(back.frame().column(DetectionResult.ANOMALY_CODE).toArray()).containsExactly(Double.NaN, 0, 1, 3);

        columns.put(DetectionResult.ANOMALY_CODE, new double[] {0, 0.5, 1, 3}); // not whole numbers: stays DOUBLE, exact
        parquet.write(TimeFrame.of(time, columns), file, DetectionResult.TABLE_LAYOUT);
        assertThat(parquetTypeOf(file, DetectionResult.ANOMALY_CODE)).isEqualTo("DOUBLE");
        assertThat(parquetTypeOf(file, DetectionResult.MODEL_INDEX)).isEqualTo("INT32");
        assertThat(parquet.read(file, ReadOptions.DEFAULT, log).column(DetectionResult.ANOMALY_CODE).toArray()).containsExactly(0, 0.5, 1, 3);
    }

    @Test
    void namedTextAndIntegerColumnsHoldingEpochNumbers() throws SQLException {
        Path file = duck.copy("SELECT (1551869553 + i)::BIGINT AS epoch_s, (1551869553000 + i * 500)::VARCHAR AS epoch_ms_text, "
                + "i::DOUBLE AS v FROM range(10) t(i)", dir.resolve("epoch.parquet"));
        TimeFrame seconds = parquet.read(file, ReadOptions.DEFAULT.withTimestampColumn("epoch_s"), log);
        assertThat(seconds.time(0)).isEqualTo(1_551_869_553_000L);
        assertThat(seconds.samplingPeriodMillis()).isEqualTo(1000);
        TimeFrame millis = parquet.read(file, ReadOptions.DEFAULT.withTimestampColumn("epoch_ms_text").withRequired(Map.of("v", "KPI column")), log);
        assertThat(millis.time(1)).isEqualTo(1_551_869_553_500L);
        assertThat(millis.columnNames()).containsExactly("epoch_s", "v");
    }

    private static String parquetTypeOf(Path file, String column) {
        return ParquetFormatTest.describe(file, column);
    }
}
