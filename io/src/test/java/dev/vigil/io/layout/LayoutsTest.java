package dev.vigil.io.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.core.quality.DataQuality;
import dev.vigil.core.quality.DataQualityReport;
import dev.vigil.core.quality.SensorStatisticsSummary;
import dev.vigil.io.layout.LayoutOptions.AlignMode;
import dev.vigil.io.layout.LayoutOptions.FillMethod;
import dev.vigil.io.layout.LayoutOptions.Kind;
import dev.vigil.io.layout.LayoutOptions.Leftover;
import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.ReadOptions;
import dev.vigil.spi.VigilException;
import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.spi.log.JobLog;
import dev.vigil.spi.log.LogEntry;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every layout read into one frame by {@link Layouts}: what comes out, and what is refused with which message. */
class LayoutsTest {
    @TempDir
    Path dir;

    private final JobLog log = new JobLog();

    private Path file(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
        return p;
    }

    private Path zip(String name, Map<String, String> entries) throws IOException {
        Path p = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(p); ZipOutputStream z = new ZipOutputStream(out)) {
            for (Map.Entry<String, String> e : entries.entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                z.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                z.closeEntry();
            }
        }
        return p;
    }

    private static long t(String iso) {
        return Instant.parse(iso).toEpochMilli();
    }

    private LayoutData read(Path p, LayoutOptions options) {
        return Layouts.read(p, options, ReadOptions.DEFAULT, log);
    }

    private static void fails(ThrowingCallable call, ErrorCode code, String... fragments) {
        assertThatThrownBy(call).isInstanceOfSatisfying(VigilException.class, e -> assertThat(e.code()).isEqualTo(code))
                .message().contains(fragments);
    }

    private static final String TEMP = "timestamp,value\n2024-01-01T00:00:00Z,1\n2024-01-01T00:01:00Z,2\n2024-01-01T00:03:00Z,4\n";
    private static final String PRESSURE = "timestamp,value\n2024-01-01T00:00:00Z,10\n2024-01-01T00:02:00Z,30\n2024-01-01T00:03:00Z,40\n";

    @Test
    void oneFileIsReadAsItIsInFileOrder() throws IOException {
        Path p = file("line.csv", "time,b,a\n2024-01-01T00:01:00Z,1,2\n2024-01-01T00:00:00Z,3,4\n");
        LayoutData d = read(p, LayoutOptions.DEFAULT);
        assertThat(d.kind()).isEqualTo(Kind.FILE);
        assertThat(d.frame().columnNames()).containsExactly("b", "a");
        assertThat(d.frame().times()).containsExactly(t("2024-01-01T00:01:00Z"), t("2024-01-01T00:00:00Z"));
        assertThat(d.signals()).containsExactly(SignalId.of("b"), SignalId.of("a"));
        assertThat(d.quality().sources()).hasSize(1);
    }

    @Test
    void perVariableFolderIsJoinedOnEveryTimestampSortedByNameAndFilledLinearly() throws IOException {
        file("mv/temperature.csv", TEMP);
        file("mv/pressure.csv", PRESSURE);
        LayoutData d = read(dir.resolve("mv"), LayoutOptions.DEFAULT);
        assertThat(d.kind()).isEqualTo(Kind.PER_VARIABLE);
        TimeFrame f = d.frame();
        assertThat(f.columnNames()).containsExactly("pressure", "temperature");
        assertThat(f.times()).containsExactly(t("2024-01-01T00:00:00Z"), t("2024-01-01T00:01:00Z"), t("2024-01-01T00:02:00Z"),
                t("2024-01-01T00:03:00Z"));
        assertThat(f.values("pressure")).containsExactly(10, 20, 30, 40);
        assertThat(f.values("temperature")).containsExactly(1, 2, 3, 4);
        assertThat(d.quality().totalFiles()).isEqualTo(2);
    }

    @Test
    void innerAlignmentKeepsOnlySharedTimestamps() throws IOException {
        file("mv/temperature.csv", TEMP);
        file("mv/pressure.csv", PRESSURE);
        TimeFrame f = read(dir.resolve("mv"), LayoutOptions.DEFAULT.withAlignMode(AlignMode.Inner)).frame();
        assertThat(f.times()).containsExactly(t("2024-01-01T00:00:00Z"), t("2024-01-01T00:03:00Z"));
        assertThat(f.values("temperature")).containsExactly(1, 4);
    }

    @Test
    void innerAlignmentWithoutSharedTimestampsIsRefusedAdvisingRounding() throws IOException {
        file("mv/a.csv", "timestamp,value\n2024-01-01T00:00:01Z,1\n2024-01-01T00:01:01Z,2\n");
        file("mv/b.csv", "timestamp,value\n2024-01-01T00:00:02Z,1\n2024-01-01T00:01:02Z,2\n");
        fails(() -> read(dir.resolve("mv"), LayoutOptions.DEFAULT.withAlignMode(AlignMode.Inner)), ErrorCode.INSUFFICIENT_DATA,
                "leaves no row", "roundTo");
        TimeFrame rounded = read(dir.resolve("mv"), LayoutOptions.DEFAULT.withAlignMode(AlignMode.Inner).withRoundTo(Duration.ofMinutes(1))).frame();
        assertThat(rounded.times()).containsExactly(t("2024-01-01T00:00:00Z"), t("2024-01-01T00:01:00Z"));
    }

    @Test
    void eachFillMethodFillsAsAzureDoes() throws IOException {
        // a: values at minutes 1 and 3 only; b defines the grid 0..4
        file("mv/a.csv", "timestamp,value\n2024-01-01T00:01:00Z,10\n2024-01-01T00:03:00Z,30\n");
        file("mv/b.csv", "timestamp,value\n2024-01-01T00:00:00Z,0\n2024-01-01T00:01:00Z,0\n2024-01-01T00:02:00Z,0\n"
                + "2024-01-01T00:03:00Z,0\n2024-01-01T00:04:00Z,0\n");
        Map<LayoutOptions, double[]> expected = Map.of(
                LayoutOptions.DEFAULT, new double[] {10, 10, 20, 30, 30},
                LayoutOptions.DEFAULT.withFillMethod(FillMethod.Previous), new double[] {10, 10, 10, 30, 30},
                LayoutOptions.DEFAULT.withFillMethod(FillMethod.Subsequent), new double[] {10, 10, 30, 30, 30},
                LayoutOptions.DEFAULT.withFillMethod(FillMethod.Zero), new double[] {0, 10, 0, 30, 0},
                LayoutOptions.DEFAULT.withFixedFill(-1), new double[] {-1, 10, -1, 30, -1});
        expected.forEach((options, values) -> assertThat(read(dir.resolve("mv"), options).frame().values("a"))
                .as(options.fillMethod().name()).containsExactly(values));
        assertThat(read(dir.resolve("mv"), LayoutOptions.DEFAULT.withFillMethod(FillMethod.None)).frame().values("a"))
                .containsExactly(Double.NaN, 10, Double.NaN, 30, Double.NaN);
    }

    @Test
    void fixedFillWithoutAPaddingValueIsRefused() {
        fails(() -> LayoutOptions.DEFAULT.withFillMethod(FillMethod.Fixed), ErrorCode.INVALID_CONFIGURATION, "paddingValue");
    }

    @Test
    void aSignalWithoutValuesStaysMissingOrBecomesZeroAsAzure() throws IOException {
        file("mv/a.csv", TEMP);
        file("mv/b.csv", "timestamp,value\n2024-01-01T00:00:00Z,\n");
        assertThat(read(dir.resolve("mv"), LayoutOptions.DEFAULT).frame().values("b")).containsOnly(Double.NaN);
        assertThat(log.entries()).extracting(LogEntry::message).anyMatch(m -> m.contains("no value at all") && m.contains("b"));
        assertThat(read(dir.resolve("mv"), LayoutOptions.DEFAULT.withLeftover(Leftover.Zero)).frame().values("b")).containsOnly(0.0);
    }

    @Test
    void aZipOfPerVariableFilesIsReadAndItsEntriesNamedInMessages() throws IOException {
        Path z = zip("machine.zip", Map.of("temperature.csv", TEMP, "pressure.csv", PRESSURE));
        LayoutData d = read(z, LayoutOptions.DEFAULT);
        assertThat(d.kind()).isEqualTo(Kind.PER_VARIABLE);
        assertThat(d.frame().columnNames()).containsExactly("pressure", "temperature");
        assertThat(d.frame().values("temperature")).containsExactly(1, 2, 3, 4);

        Path bad = zip("bad.zip", Map.of("temperature.csv", TEMP, "pressure.csv", "timestamp,value\n2024-01-01T00:00:00Z,high\n"));
        fails(() -> read(bad, LayoutOptions.DEFAULT), ErrorCode.BAD_VALUE, bad + "!/pressure.csv", "line 2", "'value'", "'high'");
    }

    @Test
    void perVariableFilesNeedTwoColumnsAndNoSubFolders() throws IOException {
        file("mv/a.csv", "timestamp,value,extra\n2024-01-01T00:00:00Z,1,2\n");
        fails(() -> read(dir.resolve("mv"), LayoutOptions.DEFAULT), ErrorCode.MALFORMED_DATA, "a.csv line 1", "3 columns", "timestamp,value");
        Files.delete(dir.resolve("mv/a.csv"));
        file("mv/a.csv", TEMP);
        file("mv/sub/b.csv", TEMP);
        fails(() -> read(dir.resolve("mv"), LayoutOptions.DEFAULT), ErrorCode.MALFORMED_DATA, "b.csv lies in a sub-folder", "--layout components");
    }

    @Test
    void twoFilesNamingOneSignalAreRefused() throws IOException {
        file("mv/a.csv", TEMP);
        try (OutputStream out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(dir.resolve("mv/a.csv.gz")))) {
            out.write(PRESSURE.getBytes(StandardCharsets.UTF_8));
        }
        fails(() -> read(dir.resolve("mv"), LayoutOptions.DEFAULT), ErrorCode.MALFORMED_DATA, "'a' comes from both", "unique name");
    }

    @Test
    void componentFoldersNameColumnsComponentBackslashTagAndConcatenateAComponentsFiles() throws IOException {
        file("plant/pump-01/pump-01_2024a.csv", "Timestamp,Sensor0,Sensor1\n2024-01-01T00:00:00Z,1,10\n2024-01-01T00:01:00Z,2,20\n");
        file("plant/pump-01/pump-01_2024b.csv", "Timestamp,Sensor0,Sensor1\n2024-01-01T00:02:00Z,3,30\n");
        file("plant/motor/motor.csv", "Timestamp,Sensor0\n2024-01-01T00:00:00Z,5\n2024-01-01T00:02:00Z,7\n");
        LayoutData d = read(dir.resolve("plant"), LayoutOptions.DEFAULT);
        assertThat(d.kind()).isEqualTo(Kind.COMPONENTS);
        TimeFrame f = d.frame();
        assertThat(f.columnNames()).containsExactly("motor\\Sensor0", "pump-01\\Sensor0", "pump-01\\Sensor1");
        assertThat(f.values("pump-01\\Sensor1")).containsExactly(10, 20, 30);
        assertThat(f.values("motor\\Sensor0")).containsExactly(5, 6, 7);
        assertThat(d.signals()).contains(new SignalId("pump-01", "Sensor1"));
        assertThat(d.quality().sources()).extracting(s -> s.component()).containsExactly("motor", "pump-01");
    }

    @Test
    void componentFilesSideBySideTakeTheirComponentFromTheNameUpToTheDelimiter() throws IOException {
        file("flat/pump_jan.csv", "Timestamp,Sensor0\n2024-01-01T00:00:00Z,1\n");
        file("flat/pump_feb.csv", "Timestamp,Sensor0\n2024-02-01T00:00:00Z,2\n");
        file("flat/fan_jan.csv", "Timestamp,Speed\n2024-01-01T00:00:00Z,9\n");
        LayoutData d = read(dir.resolve("flat"), LayoutOptions.DEFAULT.withKind(Kind.COMPONENTS).withComponentDelimiter('_'));
        assertThat(d.frame().columnNames()).containsExactly("fan\\Speed", "pump\\Sensor0");
        assertThat(d.frame().values("pump\\Sensor0")).containsExactly(1, 2);
    }

    @Test
    void aComponentsFilesMustShareTheirColumns() throws IOException {
        file("plant/pump/a.csv", "Timestamp,Sensor0\n2024-01-01T00:00:00Z,1\n");
        file("plant/pump/b.csv", "Timestamp,Sensor1\n2024-01-01T00:01:00Z,1\n");
        fails(() -> read(dir.resolve("plant"), LayoutOptions.DEFAULT), ErrorCode.MALFORMED_DATA, "b.csv", "[Sensor1] differ from those of",
                "same columns");
    }

    @Test
    void theSchemaSelectsComponentsAndSensorsAndRefusesWhatIsAbsent() throws IOException {
        file("plant/pump/pump.csv", "Timestamp,Sensor0,Sensor1\n2024-01-01T00:00:00Z,1,10\n");
        file("plant/fan/fan.csv", "Timestamp,Speed\n2024-01-01T00:00:00Z,9\n");
        DatasetSchema schema = DatasetSchema.parse("{\"Components\":[{\"ComponentName\":\"pump\",\"Columns\":[{\"Name\":\"Timestamp\","
                + "\"Type\":\"DATETIME\"},{\"Name\":\"Sensor1\",\"Type\":\"DOUBLE\"}]}]}", "schema.json");
        LayoutData d = read(dir.resolve("plant"), LayoutOptions.DEFAULT.withSchema(schema));
        assertThat(d.frame().columnNames()).containsExactly("pump\\Sensor1");
        assertThat(d.quality().discarded()).extracting(x -> x.reason()).containsExactly("component 'fan' is not in the schema");

        DatasetSchema wrong = DatasetSchema.of(java.util.List.of(new SignalId("pump", "Sensor7")));
        fails(() -> read(dir.resolve("plant"), LayoutOptions.DEFAULT.withSchema(wrong)), ErrorCode.UNKNOWN_COLUMN, "[Sensor7]",
                "component 'pump'");
        assertThat(DatasetSchema.parse(schema.toJson(), "again")).isEqualTo(schema);
    }

    @Test
    void aZipOfComponentFoldersIsRead() throws IOException {
        Path z = zip("plant.zip", Map.of("pump/pump.csv", "Timestamp,Sensor0\n2024-01-01T00:00:00Z,1\n2024-01-01T00:01:00Z,2\n"));
        LayoutData d = read(z, LayoutOptions.DEFAULT);
        assertThat(d.kind()).isEqualTo(Kind.COMPONENTS);
        assertThat(Layouts.detect(z)).isEqualTo(Kind.COMPONENTS);
        assertThat(d.frame().columnNames()).containsExactly("pump\\Sensor0");
    }

    @Test
    void strictReadsRefuseBadCellsNamingFileLineColumnAndValue() throws IOException {
        file("plant/pump/pump.csv", "Timestamp,Sensor0\n2024-01-01T00:00:00Z,1\n2024-01-01T00:01:00Z,n/a?\n");
        fails(() -> read(dir.resolve("plant"), LayoutOptions.DEFAULT), ErrorCode.BAD_VALUE, "pump.csv line 3", "'Sensor0'", "'n/a?'");
        file("plant/pump/pump.csv", "Timestamp,Sensor0\n2024-01-01T00:00:00Z,1\nyesterday,2\n");
        fails(() -> read(dir.resolve("plant"), LayoutOptions.DEFAULT), ErrorCode.BAD_TIMESTAMP, "pump.csv line 3", "'yesterday'");
    }

    @Test
    void leniently_badCellsRowsAndFilesAreCountedForTheQualityReport() throws IOException {
        file("plant/pump/pump.csv", "Timestamp,Sensor0,Sensor1\n"
                + "2024-01-01T00:00:00Z,1,10\n"
                + "2024-01-01T00:02:00Z,oops,20\n" // invalid value
                + "2024-01-01T00:01:00Z,2,\n" // out of order; missing value
                + "2024-01-01T00:01:00Z,3,30\n" // duplicate timestamp
                + "someday,4,40\n"); // invalid date entry
        file("plant/pump/notes.txt", "not data");
        file("plant/fan/fan.csv", "Timestamp\n2024-01-01T00:00:00Z\n"); // no sensor column: discarded
        LayoutData d = read(dir.resolve("plant"), LayoutOptions.DEFAULT.withLenient(true));
        DataQualityReport r = DataQuality.assess(d.quality());
        Map<String, SensorStatisticsSummary> s = r.sensorStatisticsSummaries().stream()
                .collect(Collectors.toMap(SensorStatisticsSummary::signal, Function.identity()));
        assertThat(s.get("pump\\Sensor0").invalidValues().count()).isEqualTo(1);
        assertThat(s.get("pump\\Sensor0").missingValues().count()).isZero();
        assertThat(s.get("pump\\Sensor1").missingValues().count()).isEqualTo(1);
        assertThat(s.get("pump\\Sensor0").invalidDateEntries().count()).isEqualTo(1);
        assertThat(s.get("pump\\Sensor0").duplicateTimestamps().count()).isEqualTo(1);
        assertThat(s.get("pump\\Sensor0").unorderedTimestamps().count()).isEqualTo(1);
        assertThat(r.ingestedFilesSummary().totalNumberOfFiles()).isEqualTo(3);
        assertThat(r.ingestedFilesSummary().ingestedNumberOfFiles()).isEqualTo(1);
        assertThat(r.ingestedFilesSummary().discardedFiles()).extracting(x -> x.file())
                .containsExactlyInAnyOrder(dir.resolve("plant/pump/notes.txt").toString(), dir.resolve("plant/fan/fan.csv").toString());
        assertThat(r.dataQualitySummary().totalNumberOfDuplicateTimestamps()).isEqualTo(1);
        // the aligned frame: sorted, the last row of 00:01 kept, the bad cell filled
        assertThat(d.frame().values("pump\\Sensor0")).containsExactly(1, 3, 3);
    }

    @Test
    void leniently_perVariableFilesAreReportedUnderTheirVariablesName() throws IOException {
        file("mv/temperature.csv", "timestamp,value\n2024-01-01T00:00:00Z,1\n2024-01-01T00:01:00Z,hot\n");
        file("mv/pressure.csv", PRESSURE);
        DataQualityReport r = DataQuality.assess(read(dir.resolve("mv"), LayoutOptions.DEFAULT.withLenient(true)).quality());
        assertThat(r.sensorStatisticsSummaries()).extracting(SensorStatisticsSummary::signal).containsExactly("pressure", "temperature");
        assertThat(r.sensorStatisticsSummaries().get(1).invalidValues().count()).isEqualTo(1);
    }

    @Test
    void autoDetectionTellsTheLayouts() throws IOException {
        file("mv/a.csv", TEMP);
        file("plant/pump/pump.csv", "Timestamp,S\n2024-01-01T00:00:00Z,1\n");
        Path one = file("one.csv", TEMP);
        assertThat(Layouts.detect(dir.resolve("mv"))).isEqualTo(Kind.PER_VARIABLE);
        assertThat(Layouts.detect(dir.resolve("plant"))).isEqualTo(Kind.COMPONENTS);
        assertThat(Layouts.detect(one)).isEqualTo(Kind.FILE);
        fails(() -> read(one, LayoutOptions.DEFAULT.withKind(Kind.COMPONENTS)), ErrorCode.MALFORMED_DATA, "is a file");
        fails(() -> read(dir.resolve("nothing"), LayoutOptions.DEFAULT), ErrorCode.FILE_NOT_FOUND, "does not exist");
    }

    @Test
    void anEmptyFolderIsRefused() throws IOException {
        Files.createDirectories(dir.resolve("empty"));
        fails(() -> read(dir.resolve("empty"), LayoutOptions.DEFAULT), ErrorCode.EMPTY_DATA, "holds no CSV file");
    }
}
