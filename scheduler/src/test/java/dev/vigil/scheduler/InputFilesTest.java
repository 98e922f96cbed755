package dev.vigil.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputFilesTest {
    @TempDir
    Path dir;

    private SchedulerConfig config(NameFormat format, String delimiter, ZoneOffset offset) {
        return new SchedulerConfig("s", Path.of("m"), dir, dir.resolve("out"), Duration.ofMinutes(5), Duration.ZERO, offset, format, delimiter,
                Instant.parse("2022-05-13T12:00:00Z"), 288);
    }

    @Test
    void theFirstIgnoredFileIsNamedWithWhyItIsIgnored() throws IOException {
        SchedulerConfig c = config(NameFormat.COMPACT, "_", ZoneOffset.UTC);
        Files.writeString(dir.resolve("pump_20220513121000.csv"), "");
        Files.writeString(dir.resolve(".hidden.csv"), "");
        assertThat(InputFiles.ignoredExample(c, Set.of("pump"))).isNull();
        Files.writeString(dir.resolve("valve_20220513121000.csv"), "");
        assertThat(InputFiles.ignoredExample(c, Set.of("pump", "motor")))
                .isEqualTo("'valve_20220513121000.csv' names component 'valve', which the model lacks (it has motor, pump)");
        Files.writeString(dir.resolve("pump-20220513121000.csv"), "");
        assertThat(InputFiles.ignoredExample(c, Set.of("pump")))
                .isEqualTo("'pump-20220513121000.csv' does not parse as {component}_{timestamp}.csv (timestamp yyyyMMddHHmmss, delimiter '_')");
    }

    @Test
    void aNameIsReadFromItsEndSoTheComponentMayHoldTheDelimiter() {
        SchedulerConfig c = config(NameFormat.COMPACT, "-", ZoneOffset.UTC);
        InputFiles.Input in = InputFiles.parse("centrifugal-pump-20220513121000.csv", dir, c, Set.of());
        assertThat(in.component()).isEqualTo("centrifugal-pump");
        assertThat(in.stamp()).isEqualTo(Instant.parse("2022-05-13T12:10:00Z"));
        assertThat(InputFiles.parse("centrifugal-pump-20220513121000.CSV", dir, c, Set.of("centrifugal-pump"))).isNotNull();
        assertThat(InputFiles.parse("centrifugal-pump-20220513121000.csv", dir, c, Set.of("motor"))).isNull();
        assertThat(InputFiles.parse("centrifugal-pump_20220513121000.csv", dir, c, Set.of())).isNull();
        assertThat(InputFiles.parse("pump-2022051312100.csv", dir, c, Set.of())).isNull();
        assertThat(InputFiles.parse("pump-20220513121000.json", dir, c, Set.of())).isNull();
        assertThat(InputFiles.parse("-20220513121000.csv", dir, c, Set.of())).isNull();
        SchedulerConfig none = config(NameFormat.DASHED, "", ZoneOffset.UTC);
        assertThat(InputFiles.parse("pump2022-05-13-12-10-00.csv", dir, none, Set.of()).component()).isEqualTo("pump");
        SchedulerConfig space = config(NameFormat.EPOCH, " ", ZoneOffset.UTC);
        InputFiles.Input epoch = InputFiles.parse("pump 1652443800.csv", dir, space, Set.of());
        assertThat(epoch.stamp()).isEqualTo(Instant.parse("2022-05-13T12:10:00Z"));
    }

    @Test
    void fileNameTimestampsAreReadInTheConfiguredOffset() {
        // reference §5.6 (L4E-GS 5): with +05:30, a run at 13:00 UTC finds …20210405183000
        SchedulerConfig c = config(NameFormat.COMPACT, "_", ZoneOffset.ofHoursMinutes(5, 30));
        assertThat(InputFiles.parse("pump_20210405183000.csv", dir, c, Set.of()).stamp()).isEqualTo(Instant.parse("2021-04-05T13:00:00Z"));
        assertThat(NameFormat.COMPACT.format(Instant.parse("2021-04-05T13:00:00Z"), c.timeZoneOffset())).isEqualTo("20210405183000");
    }

    @Test
    void theCandidatesAreStampedWithinOneWindowEitherSide() throws IOException {
        SchedulerConfig c = config(NameFormat.COMPACT, "_", ZoneOffset.UTC);
        for (String ts : List.of("20220513120000", "20220513120500", "20220513121000", "20220513121500", "20220513122000", "20220513122500")) {
            Files.writeString(dir.resolve("pump_" + ts + ".csv"), "Timestamp,a\n");
        }
        Files.writeString(dir.resolve("notes.txt"), "x");
        Files.writeString(dir.resolve(".pump_20220513121000.csv.part"), "x");
        Window w = new Window(Instant.parse("2022-05-13T12:10:00Z"), Instant.parse("2022-05-13T12:15:00Z"), Instant.parse("2022-05-13T12:15:00Z"));
        int[] ignored = {0};
        Map<String, List<Path>> files = InputFiles.candidates(c, Set.of(), w, ignored);
        assertThat(files.get("pump")).extracting(p -> p.getFileName().toString())
                .containsExactly("pump_20220513120500.csv", "pump_20220513121000.csv", "pump_20220513121500.csv", "pump_20220513122000.csv");
        assertThat(ignored[0]).isEqualTo(1);
    }

    @Test
    void theFailedReasonIsLookoutsWordForWord() {
        SchedulerConfig c = new SchedulerConfig("s", Path.of("m"), Path.of("/data/input"), Path.of("/data/out"), Duration.ofMinutes(5),
                Duration.ZERO, ZoneOffset.UTC, NameFormat.COMPACT, "_", Instant.parse("2022-05-13T12:00:00Z"), 288);
        Window w = new Window(Instant.parse("2022-05-13T12:10:00Z"), Instant.parse("2022-05-13T12:15:00Z"), Instant.parse("2022-05-13T12:15:00Z"));
        assertThat(InputFiles.missingData(c, "centrifugal-pump", w)).isEqualTo("Could not find data file for sensor centrifugal-pump within expected "
                + "range of (2022-05-13T12:10:00Z, 2022-05-13T12:15:00Z]. Please ensure data is present for all sensors of the machine under prefix "
                + "'/data/input/centrifugal-pump_20220513120500' ~ '/data/input/centrifugal-pump_20220513122000'");
    }
}
