package dev.vigil.tablesaw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.spi.ColumnLayout;
import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.VigilException;
import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.spi.log.JobLog;
import dev.vigil.spi.log.MessageType;
import dev.vigil.testing.ProductionLineGenerator;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DateColumn;
import tech.tablesaw.api.DateTimeColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.FloatColumn;
import tech.tablesaw.api.InstantColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.ShortColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.api.TimeColumn;

class TableFramesTest {
    private static final double[] AWKWARD = {0.1, -0.0, Double.NaN, Double.MIN_VALUE, -Double.MAX_VALUE, 1e-310, 3, 2.5e15,
        Math.nextUp(1.0), Double.NaN};

    private static InstantColumn instants(String name, int rows) {
        List<Instant> t = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            t.add(Instant.parse("2024-03-04T06:00:00.250Z").plusMillis(1001L * r));
        }
        return InstantColumn.create(name, t);
    }

    @Test
    void aTableOfEveryNumberTypeBecomesAFrameAndComesBackValueForValue() {
        int n = AWKWARD.length;
        IntColumn ints = IntColumn.create("ints", 1, -2, Integer.MAX_VALUE, 0, 5, 6, 7, 8, 9, 10);
        ints.setMissing(3);
        LongColumn longs = LongColumn.create("longs", 1L << 53, -(1L << 53), 0, 1, 2, 3, 4, 5, 6, 7);
        longs.setMissing(9);
        ShortColumn shorts = ShortColumn.create("shorts", new short[] {1, 2, 3, 4, 5, 6, 7, 8, 9, Short.MAX_VALUE});
        shorts.setMissing(0);
        FloatColumn floats = FloatColumn.create("floats", new float[] {0.1f, Float.NaN, Float.MIN_VALUE, -0f, 1, 2, 3, 4, 5, 6});
        BooleanColumn flags = BooleanColumn.create("flags", new boolean[] {true, false, true, true, false, false, true, false, true, false});
        flags.setMissing(4);
        Table table = Table.create("sensors", instants("time", n), DoubleColumn.create("doubles", AWKWARD), ints, longs,
                shorts, floats, flags);

        TimeFrame frame = TableFrames.toFrame(table);

        assertThat(frame.source()).isEqualTo("table 'sensors'");
        assertThat(frame.columnNames()).containsExactly("doubles", "ints", "longs", "shorts", "floats", "flags");
        assertThat(frame.times()).containsExactly(table.instantColumn("time").asEpochMillisArray());
        assertBitsEqual(frame.values("doubles"), AWKWARD);
        assertBitsEqual(frame.values("ints"), new double[] {1, -2, Integer.MAX_VALUE, Double.NaN, 5, 6, 7, 8, 9, 10});
        assertBitsEqual(frame.values("longs"), new double[] {1L << 53, -(1L << 53), 0, 1, 2, 3, 4, 5, 6, Double.NaN});
        assertBitsEqual(frame.values("shorts"), new double[] {Double.NaN, 2, 3, 4, 5, 6, 7, 8, 9, Short.MAX_VALUE});
        assertBitsEqual(frame.values("floats"), new double[] {0.1f, Double.NaN, Float.MIN_VALUE, -0.0, 1, 2, 3, 4, 5, 6});
        assertBitsEqual(frame.values("flags"), new double[] {1, 0, 1, 1, Double.NaN, 0, 1, 0, 1, 0});

        Table back = TableFrames.toTable(frame);
        assertThat(back.name()).isEqualTo("table 'sensors'");
        assertThat(back.columnNames()).containsExactly("timestamp", "doubles", "ints", "longs", "shorts", "floats", "flags");
        InstantColumn time = back.instantColumn("timestamp");
        for (int r = 0; r < n; r++) {
            assertThat(time.getLongInternal(r)).isEqualTo(table.instantColumn("time").getLongInternal(r));
        }
        for (String name : frame.columnNames()) {
            DoubleColumn c = back.doubleColumn(name);
            assertBitsEqual(c.asDoubleArray(), frame.values(name));
            for (int r = 0; r < n; r++) {
                assertThat(c.isMissing(r)).as("%s row %d", name, r).isEqualTo(Double.isNaN(frame.value(frame.columnIndex(name), r)));
            }
        }
        TimeFrame again = TableFrames.toFrame(back);
        assertThat(again.times()).containsExactly(frame.times());
        for (String name : frame.columnNames()) {
            assertBitsEqual(again.values(name), frame.values(name));
        }
    }

    @Test
    void aFrameBecomesATableAndComesBackBitForBit() {
        TimeFrame line = ProductionLineGenerator.create().generate().frame().slice(0, 2000);
        double[] output = line.values("Output");
        for (int r = 0; r < output.length; r += 7) {
            output[r] = Double.NaN;
        }
        TimeFrame frame = line.withColumn("Output", output);

        Table table = TableFrames.toTable(frame);
        TimeFrame back = TableFrames.toFrame(table);

        assertThat(table.rowCount()).isEqualTo(2000);
        assertThat(table.doubleColumn("Output").countMissing()).isEqualTo(286);
        assertThat(back.columnNames()).isEqualTo(frame.columnNames());
        assertThat(back.times()).containsExactly(frame.times());
        for (String name : frame.columnNames()) {
            assertBitsEqual(back.values(name), frame.values(name));
        }
    }

    @Test
    void localDateTimesAreReadInTheGivenZoneThroughSummerTime() {
        ZoneId paris = ZoneId.of("Europe/Paris");
        List<LocalDateTime> local = new ArrayList<>();
        for (LocalDateTime t = LocalDateTime.of(2024, 3, 31, 0, 0); t.isBefore(LocalDateTime.of(2024, 3, 31, 5, 0)); t = t.plusMinutes(20)) {
            local.add(t);
        }
        for (LocalDateTime t = LocalDateTime.of(2024, 10, 27, 0, 0); t.isBefore(LocalDateTime.of(2024, 10, 27, 5, 0)); t = t.plusMinutes(20)) {
            local.add(t);
        }
        DateTimeColumn when = DateTimeColumn.create("when", local);
        double[] v = new double[local.size()];
        Table table = Table.create("paris", DoubleColumn.create("v", v), when);

        TimeFrame frame = TableFrames.toFrame(table, TableOptions.DEFAULT.withZone(paris), new JobLog());

        assertThat(frame.zone()).isEqualTo(paris);
        assertThat(frame.times()).containsExactly(when.asInstantColumn(paris).asEpochMillisArray());
        assertThat(frame.instant(0)).isEqualTo(Instant.parse("2024-03-30T23:00:00Z"));
        assertThat(frame.instant(local.size() - 1)).isEqualTo(Instant.parse("2024-10-27T03:40:00Z"));
        Table back = TableFrames.toTable(frame);
        for (int r = 0; r < local.size(); r++) {
            assertThat(back.instantColumn("timestamp").get(r)).isEqualTo(local.get(r).atZone(paris).toInstant());
        }
        // The same wall-clock times read as UTC are one or two hours later.
        TimeFrame utc = TableFrames.toFrame(table);
        assertThat(utc.zone()).isEqualTo(ZoneOffset.UTC);
        assertThat(utc.time(0) - frame.time(0)).isEqualTo(3_600_000L);
        assertThat(utc.time(12) - frame.time(12)).isEqualTo(7_200_000L);
    }

    @Test
    void datesAreMidnightInTheZoneAndLongsAreEpochMillisecondsWhenNamed() {
        ZoneId newYork = ZoneId.of("America/New_York");
        List<LocalDate> days = List.of(LocalDate.of(2024, 3, 9), LocalDate.of(2024, 3, 10), LocalDate.of(2024, 3, 11));
        Table daily = Table.create("daily", DateColumn.create("day", days), IntColumn.create("count", 3, 4, 5));
        TimeFrame frame = TableFrames.toFrame(daily, TableOptions.DEFAULT.withZone(newYork), new JobLog());
        for (int r = 0; r < days.size(); r++) {
            assertThat(frame.instant(r)).isEqualTo(days.get(r).atStartOfDay(newYork).toInstant());
        }

        long[] millis = {1_709_532_000_000L, 1_709_532_001_000L, 1_709_532_002_500L};
        Table epoch = Table.create("epoch", DoubleColumn.create("x", 1, 2, 3), LongColumn.create("t", millis));
        assertThat(TableFrames.toFrame(epoch, TableOptions.DEFAULT.withTimestamp("t"), new JobLog()).times()).containsExactly(millis);
        assertThatThrownBy(() -> TableFrames.toFrame(epoch))
                .isInstanceOf(VigilException.class).hasMessageContaining("table 'epoch' has no timestamp column")
                .hasMessageContaining("x DOUBLE, t LONG").hasMessageContaining("TableOptions.withTimestamp");
    }

    @Test
    void theFirstTemporalColumnIsTheTimestampAndNamedColumnsAreTakenInTheirOrder() {
        Table table = Table.create("t", DoubleColumn.create("a", 1, 2), instants("first", 2), IntColumn.create("b", 3, 4),
                DoubleColumn.create("c", 5, 6));
        TimeFrame frame = TableFrames.toFrame(table, TableOptions.DEFAULT.withColumns(List.of("c", "a")), new JobLog());
        assertThat(frame.columnNames()).containsExactly("c", "a");
        assertThat(frame.times()).containsExactly(table.instantColumn("first").asEpochMillisArray());
    }

    @Test
    void aTableWithoutATimestampColumnIsRefusedWithItsColumnsAndTheValidTypes() {
        Table table = Table.create("plant", DoubleColumn.create("Output", 1, 2), StringColumn.create("time", "2024-01-01", "2024-01-02"));
        assertThatThrownBy(() -> TableFrames.toFrame(table))
                .isInstanceOfSatisfying(VigilException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_TIMESTAMP))
                .hasMessage("table 'plant' has no timestamp column: none of its columns (Output DOUBLE, time STRING) is INSTANT,"
                        + " LOCAL_DATE_TIME or LOCAL_DATE; name a LONG column of milliseconds since 1970-01-01T00:00Z with"
                        + " TableOptions.withTimestamp, or convert a column to one of those types");
        assertThatThrownBy(() -> TableFrames.toFrame(table, TableOptions.DEFAULT.withTimestamp("time"), new JobLog()))
                .isInstanceOfSatisfying(VigilException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_TIMESTAMP))
                .hasMessageStartingWith("table 'plant': timestamp column 'time' holds STRING values; a timestamp column is INSTANT,"
                        + " LOCAL_DATE_TIME (read in the zone of the options), LOCAL_DATE");
    }

    @Test
    void unknownNamesGetTheNearestName() {
        Table table = Table.create("plant", instants("Time", 2), DoubleColumn.create("Output", 1, 2), DoubleColumn.create("Pressure", 1, 2));
        assertThatThrownBy(() -> TableFrames.toFrame(table, TableOptions.DEFAULT.withTimestamp("time"), new JobLog()))
                .isInstanceOfSatisfying(VigilException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_COLUMN))
                .hasMessage("table 'plant' has no timestamp column 'time'; did you mean 'Time'? columns: Output, Pressure, Time");
        assertThatThrownBy(() -> TableFrames.toFrame(table, TableOptions.DEFAULT.withColumns(List.of("Outpt")), new JobLog()))
                .isInstanceOfSatisfying(VigilException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_COLUMN))
                .hasMessage("table 'plant' has no value column 'Outpt'; did you mean 'Output'? columns: Output, Pressure, Time");
    }

    @Test
    void aTextColumnIsRefusedUnlessSkippedAndThenNamedInAWarning() {
        Table table = Table.create("plant", instants("time", 2), DoubleColumn.create("Output", 1, 2),
                StringColumn.create("status", "ok", "ok"), TimeColumn.create("shift", 2));
        assertThatThrownBy(() -> TableFrames.toFrame(table))
                .isInstanceOfSatisfying(VigilException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.BAD_VALUE);
                    assertThat(e.problems()).containsExactly(
                            "table 'plant': column 'status' holds STRING values, not numbers; a value column is DOUBLE, FLOAT,"
                                    + " INTEGER, LONG, SHORT or BOOLEAN (read as 1 and 0); leave it out with TableOptions.withColumns"
                                    + " or skip such columns with TableOptions.skippingNonNumeric",
                            "table 'plant': column 'shift' holds LOCAL_TIME values, not numbers; a value column is DOUBLE, FLOAT,"
                                    + " INTEGER, LONG, SHORT or BOOLEAN (read as 1 and 0); leave it out with TableOptions.withColumns"
                                    + " or skip such columns with TableOptions.skippingNonNumeric");
                })
                .hasMessageStartingWith("table 'plant' has columns that do not hold numbers");

        JobLog log = new JobLog();
        TimeFrame frame = TableFrames.toFrame(table, TableOptions.DEFAULT.skippingNonNumeric(), log);
        assertThat(frame.columnNames()).containsExactly("Output");
        assertThat(log.entries()).singleElement().satisfies(e -> {
            assertThat(e.messageType()).isEqualTo(MessageType.Warning);
            assertThat(e.message()).isEqualTo("Skipped 2 columns of table 'plant' that do not hold numbers: status (STRING), shift (LOCAL_TIME).");
        });

        // A column the user names must hold numbers, whatever the policy.
        assertThatThrownBy(() -> TableFrames.toFrame(table, TableOptions.DEFAULT.skippingNonNumeric().withColumns(List.of("Output", "status")),
                new JobLog()))
                .isInstanceOf(VigilException.class)
                .hasMessage("table 'plant': column 'status' holds STRING values, not numbers; a value column is DOUBLE, FLOAT,"
                        + " INTEGER, LONG, SHORT or BOOLEAN (read as 1 and 0)");
    }

    @Test
    void duplicateNamesAreRefused() {
        Table table = Table.create("twice", instants("time", 2), DoubleColumn.create("x", 1, 2));
        table.internalAddWithoutValidation(DoubleColumn.create("x", 3, 4));
        assertThatThrownBy(() -> TableFrames.toFrame(table))
                .isInstanceOfSatisfying(VigilException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_DATA))
                .hasMessage("table 'twice': columns 1 and 2 (counting from 0) are both named 'x'; a time frame needs each name once");

        TimeFrame cased = TimeFrame.builder(new long[] {0, 1000}).source("line.csv")
                .column("Pressure", new double[] {1, 2}).column("pressure", new double[] {3, 4}).build();
        assertThatThrownBy(() -> TableFrames.toTable(cased))
                .isInstanceOfSatisfying(VigilException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_DATA))
                .hasMessage("line.csv has columns 'Pressure' and 'pressure', which a Tablesaw table cannot both hold: it compares"
                        + " column names ignoring case; rename one");
        TimeFrame clash = TimeFrame.builder(new long[] {0, 1000}).source("line.csv").column("Timestamp", new double[] {1, 2}).build();
        assertThatThrownBy(() -> TableFrames.toTable(clash))
                .isInstanceOf(VigilException.class)
                .hasMessage("line.csv has columns 'timestamp' and 'Timestamp', which a Tablesaw table cannot both hold: it compares"
                        + " column names ignoring case ('timestamp' is the table's timestamp column); rename one");
        TimeFrame same = TimeFrame.builder(new long[] {0, 1000}).source("line.csv").column("timestamp", new double[] {1, 2}).build();
        assertThatThrownBy(() -> TableFrames.toTable(same))
                .isInstanceOf(VigilException.class)
                .hasMessage("line.csv has a value column named 'timestamp', the name of the table's timestamp column; rename it");
    }

    @Test
    void missingTimestampsAndInfinitiesAreRefusedWithTheirRow() {
        InstantColumn time = instants("time", 4);
        time.setMissing(1);
        time.setMissing(3);
        Table gaps = Table.create("gaps", time, DoubleColumn.create("x", 1, 2, 3, 4));
        assertThatThrownBy(() -> TableFrames.toFrame(gaps))
                .isInstanceOfSatisfying(VigilException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_TIMESTAMP))
                .hasMessageStartingWith("table 'gaps': timestamp column 'time' has no value in 2 rows, the first row 1 (counting from 0);");

        Table infinite = Table.create("inf", instants("time", 3), FloatColumn.create("x", new float[] {1, 2, Float.NEGATIVE_INFINITY}));
        assertThatThrownBy(() -> TableFrames.toFrame(infinite))
                .isInstanceOfSatisfying(VigilException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_VALUE))
                .hasMessage("table 'inf': column 'x' row 2 (counting from 0) holds -Infinity; values must be finite numbers, or missing");
    }

    @Test
    void timestampsATablesawInstantCannotHoldAreRefused() {
        TimeFrame far = TimeFrame.builder(new long[] {0, 1_100_000_000_000_000L}).source("far").column("x", new double[] {1, 2}).build();
        assertThatThrownBy(() -> TableFrames.toTable(far))
                .isInstanceOfSatisfying(VigilException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_TIMESTAMP))
                .hasMessage("far row 1 (counting from 0): 1100000000000000 ms since 1970 is outside the years a Tablesaw INSTANT"
                        + " column holds (-32768 to 32767)");
    }

    @Test
    void integerColumnsOfALayoutStayIntegersOnlyWhenEveryValueFits() {
        TimeFrame frame = TimeFrame.builder(new long[] {0, 1000, 2000}).source("f")
                .column("whole", new double[] {1, Double.NaN, -3})
                .column("half", new double[] {1, 2.5, 3})
                .column("big", new double[] {1, 0x1p31, 3})
                .column("wide", new double[] {1, 0x1p40, Double.NaN})
                .column("plain", new double[] {1, 2, 3}).build();
        ColumnLayout layout = new ColumnLayout("at", 2, Map.of("whole", ColumnLayout.ValueType.INT32,
                "half", ColumnLayout.ValueType.INT32, "big", ColumnLayout.ValueType.INT32, "wide", ColumnLayout.ValueType.INT64));
        Table table = TableFrames.toTable(frame, layout, "f");
        assertThat(table.columnNames()).containsExactly("whole", "half", "at", "big", "wide", "plain");
        assertThat(table.column("whole")).isInstanceOf(IntColumn.class);
        assertThat(table.column("half")).isInstanceOf(DoubleColumn.class);
        assertThat(table.column("big")).isInstanceOf(DoubleColumn.class);
        assertThat(table.column("wide")).isInstanceOf(LongColumn.class);
        assertThat(table.column("plain")).isInstanceOf(DoubleColumn.class);
        for (String name : frame.columnNames()) {
            assertBitsEqual(((NumericColumn<?>) table.column(name)).asDoubleArray(), frame.values(name));
        }
        assertThat(table.intColumn("whole").isMissing(1)).isTrue();
        assertThat(table.longColumn("wide").isMissing(2)).isTrue();
    }

    private static void assertBitsEqual(double[] actual, double[] expected) {
        assertThat(actual).hasSameSizeAs(expected);
        Map<Integer, String> differences = new LinkedHashMap<>();
        for (int i = 0; i < actual.length; i++) {
            if (Double.doubleToLongBits(actual[i]) != Double.doubleToLongBits(expected[i])) {
                differences.put(i, actual[i] + " != " + expected[i]);
            }
        }
        assertThat(differences).isEmpty();
    }
}
