package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vigil inspect} on data sets of several files, with tags, an off condition and the data-quality report. */
class InspectLayoutsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Path file(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        return Files.writeString(p, content);
    }

    /** Two components, 15 days of 10-minute rows; the fan is off (speed 0) for the first 100 rows; the pump's Sensor1 never changes. */
    private Path plant() throws IOException {
        StringBuilder pump = new StringBuilder("Timestamp,Sensor0,Sensor1\n");
        StringBuilder fan = new StringBuilder("Timestamp,Speed\n");
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 15 * 144; i++) {
            String t = java.time.Instant.parse("2024-01-01T00:00:00Z").plusSeconds(600L * i).toString();
            pump.append(t).append(',').append(50 + random.nextGaussian()).append(",7\n");
            fan.append(t).append(',').append(i < 100 ? 0 : 1000 + i % 17).append('\n');
        }
        file("plant/pump/pump.csv", pump.toString());
        file("plant/fan/fan.csv", fan.toString());
        return dir.resolve("plant");
    }

    @Test
    void componentFoldersShowTheLayoutTagsOffTimeAndEachSignalsIssues() throws IOException {
        Path tags = file("tags.csv", "Tag,UOM,Subsystem\npump\\Sensor0,bar,hydraulics\nSpeed,rpm,drive\n");
        CliRun run = CliRun.of("inspect", plant().toString(), "--tags", tags.toString(), "--off-time", "fan\\Speed<1");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Columns               3 (fan\\Speed, pump\\Sensor0, pump\\Sensor1)")
                .contains("Layout                components")
                .contains("Tags                  2 signals described in " + tags + "; groups: drive (1), hydraulics (1)")
                .contains("Off-time              100 of 2,160 rows (4.6 %) where fan\\Speed<1")
                .contains("Data quality          3 signals, 1 with a potential issue; 2 of 2 files read")
                .containsPattern("pump\\\\Sensor1 +static \\(one value\\)");
    }

    @Test
    void jsonCarriesLookoutsReportAndTheLayout() throws IOException {
        CliRun run = CliRun.of("inspect", plant().toString(), "--json", "--off-time", "fan\\Speed<1");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode j = JSON.readTree(run.out());
        assertThat(j.get("layout").asText()).isEqualTo("components");
        assertThat(j.get("offTime").get("offRows").asInt()).isEqualTo(100);
        JsonNode q = j.get("quality");
        assertThat(q.get("IngestedFilesSummary").get("TotalNumberOfFiles").asInt()).isEqualTo(2);
        assertThat(q.get("SensorStatisticsSummaries")).hasSize(3);
        JsonNode sensor1 = q.get("SensorStatisticsSummaries").get(2);
        assertThat(sensor1.get("ComponentName").asText()).isEqualTo("pump");
        assertThat(sensor1.get("SensorName").asText()).isEqualTo("Sensor1");
        assertThat(sensor1.get("MonotonicValues").get("Monotonicity").asText()).isEqualTo("STATIC");
        assertThat(q.get("DataQualitySummary").get("DuplicateTimestamps").get("TotalNumberOfDuplicateTimestamps").asInt()).isZero();
    }

    @Test
    void aZipOfPerVariableFilesIsAlignedInnerWhenAsked() throws IOException {
        Path z = dir.resolve("machine.zip");
        try (OutputStream out = Files.newOutputStream(z); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("a.csv"));
            zip.write("timestamp,value\n2024-01-01T00:00:00Z,1\n2024-01-01T00:01:00Z,2\n2024-01-01T00:02:00Z,3\n".getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry("b.csv"));
            zip.write("timestamp,value\n2024-01-01T00:01:00Z,5\n2024-01-01T00:02:00Z,6\n".getBytes(StandardCharsets.UTF_8));
        }
        CliRun outer = CliRun.of("inspect", z.toString());
        assertThat(outer.exitCode()).as(outer.err()).isZero();
        assertThat(outer.out()).contains("Rows                  3").contains("Layout                per-variable");
        CliRun inner = CliRun.of("inspect", z.toString(), "--align", "inner", "--fill", "previous");
        assertThat(inner.out()).contains("Rows                  2");
    }

    @Test
    void lenientCountsBadCellsInsteadOfRefusingThem() throws IOException {
        Path p = file("bad.csv", "time,v\n2020-01-01,1\n2020-01-02,oops\nnever,3\n2020-01-03,4\n");
        assertThat(CliRun.of("inspect", p.toString()).exitCode()).isEqualTo(2);
        CliRun run = CliRun.of("inspect", p.toString(), "--lenient");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Rows                  3").containsPattern("v +1 value that is not a number \\(25 %\\); "
                + "1 row with a bad timestamp \\(25 %\\)");
        assertThat(run.err()).contains("Warning: Counted 1 cell of " + p).contains("Warning: Left out 1 row of " + p);
    }

    @Test
    void badInputsExitTwoWithOneClearLine() throws IOException {
        Path plant = plant();
        Path tags = file("tags.csv", "Tag,UOM\npump\\Sensor9,bar\n");
        CliRun unknownTag = CliRun.of("inspect", plant.toString(), "--tags", tags.toString());
        assertThat(unknownTag.exitCode()).isEqualTo(2);
        assertThat(unknownTag.err()).startsWith("vigil: " + tags + " line 2, column 'Tag': the data have no signal 'pump\\Sensor9'");
        CliRun off = CliRun.of("inspect", plant.toString(), "--off-time", "fan\\Speed=1");
        assertThat(off.exitCode()).isEqualTo(2);
        assertThat(off.err()).contains("is not an off condition; write SIGNAL<VALUE or SIGNAL>VALUE");
        CliRun fill = CliRun.of("inspect", plant.toString(), "--fill", "linaer");
        assertThat(fill.exitCode()).isEqualTo(2);
        assertThat(fill.err()).contains("--fill 'linaer'; did you mean 'linear'?");
        CliRun fixed = CliRun.of("inspect", plant.toString(), "--fill", "fixed");
        assertThat(fixed.exitCode()).isEqualTo(2);
        assertThat(fixed.err()).contains("paddingValue");
    }
}
