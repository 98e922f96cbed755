package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.core.plugin.PluginRegistry;
import dev.vigil.evaluation.system.SystemJob;
import dev.vigil.evaluation.system.SystemJobSettings;
import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.spi.log.JobLog;
import dev.vigil.spi.settings.RowSelection;
import dev.vigil.spi.settings.RowUnit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vigil scheduler}: the whole lifecycle from the command line on the demo's pump. */
class SchedulerCommandTest {
    @TempDir
    Path dir;

    @Test
    void createRunOnceListDescribeStopAndDeleteFromTheCommandLine() throws Exception {
        TimeFrame frame = DemoMachine.frame(DemoMachine.generate());
        Path model = dir.resolve("model.json");
        SystemJob.build(frame, RowSelection.first(2500, RowUnit.Sample), List.of(), null, SystemJobSettings.DEFAULT, PluginRegistry.load(),
                new JobLog(), f -> { }).model().write(model);
        Path in = Files.createDirectories(dir.resolve("in"));
        Instant start = Instant.ofEpochMilli(frame.time(2500));
        DateTimeFormatter name = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);
        Map<String, List<String>> tags = new LinkedHashMap<>();
        for (String s : DemoMachine.SIGNALS) {
            tags.computeIfAbsent(s.split("\\\\")[0], k -> new java.util.ArrayList<>()).add(s.split("\\\\")[1]);
        }
        for (int w = 0; w < 4; w++) {
            long from = start.toEpochMilli() + w * 300_000L;
            for (var e : tags.entrySet()) {
                StringBuilder b = new StringBuilder("Timestamp," + String.join(",", e.getValue()) + "\n");
                for (int r = 0; r < frame.rows(); r++) {
                    if (frame.time(r) > from && frame.time(r) <= from + 300_000) {
                        b.append(Instant.ofEpochMilli(frame.time(r)));
                        for (String t : e.getValue()) {
                            b.append(',').append(frame.values(e.getKey() + "\\" + t)[r]);
                        }
                        b.append('\n');
                    }
                }
                Files.writeString(in.resolve(e.getKey() + "_" + name.format(Instant.ofEpochMilli(from)) + ".csv"), b);
            }
        }
        String home = dir.resolve("home").toString();
        CliRun bad = CliRun.of("scheduler", "create", "pump", "--home", home, "--model", model.toString(), "--input", in.toString(), "--output",
                dir.resolve("out").toString(), "--frequency", "PT7M", "--delimiter", "+");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("--frequency 'PT7M' (DataUploadFrequency) is not valid").contains("--delimiter '+' (ComponentTimestampDelimiter) is not valid");
        CliRun created = CliRun.of("scheduler", "create", "pump", "--home", home, "--model", model.toString(), "--input", in.toString(), "--output",
                dir.resolve("out").toString(), "--frequency", "PT5M", "--start", start.toString());
        assertThat(created.exitCode()).as(created.err()).isZero();
        assertThat(created.out()).contains("Created scheduler 'pump' (PENDING)").contains("the first runs at " + start.plusSeconds(300))
                .contains("beyond the catch-up cap (--max-catch-up 288)").contains("vigil scheduler run-once pump --until TS");
        String until = start.plusSeconds(5 * 300).toString();
        CliRun ran = CliRun.of("scheduler", "run-once", "pump", "--home", home, "--until", until);
        assertThat(ran.exitCode()).as(ran.err()).isZero();
        assertThat(ran.err()).doesNotContain("FAILED");
        assertThat(ran.out()).contains("5 windows run (1 FAILED: a failed window is not retried").contains("SUCCESS").contains("[not retried]")
                .doesNotContain("files ignored")
                .contains("Could not find data file for sensor bearing within expected range of (" + start.plusSeconds(4 * 300) + ", ");
        CliRun failed = CliRun.of("scheduler", "list-executions", "pump", "--home", home, "--status", "FAILED");
        assertThat(failed.out().lines()).hasSize(1).allSatisfy(l -> assertThat(l).contains("\"Status\":\"FAILED\""));
        CliRun all = CliRun.of("scheduler", "list-executions", "pump", "--home", home);
        assertThat(all.out().lines()).hasSize(5);
        assertThat(all.out().lines().findFirst().orElseThrow()).contains("\"DataEndTime\":\"" + start.plusSeconds(5 * 300) + "\"");
        assertThat(CliRun.of("scheduler", "events", "pump", "--home", home).exitCode()).isZero();
        assertThat(CliRun.of("scheduler", "describe", "pump", "--home", home).out()).contains("\"Status\" : \"RUNNING\"")
                .contains("\"SUCCESS\" : 4").contains("\"RunByProcessNow\" : false");
        // between two run-once (cron) no process runs it: list says so rather than suggesting a live daemon
        assertThat(CliRun.of("scheduler", "list", "--home", home).out()).containsPattern("pump +RUNNING +none ")
                .contains("PROCESS none: no serve or run-once runs the scheduler now");
        CliRun refused = CliRun.of("scheduler", "delete", "pump", "--home", home);
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains("only a STOPPED scheduler is deleted");
        assertThat(CliRun.of("scheduler", "stop", "pump", "--home", home).out()).contains("is STOPPED");
        assertThat(CliRun.of("scheduler", "delete", "pump", "--home", home).out()).contains("its results stay in");
        assertThat(dir.resolve("out").resolve(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC)
                .format(start.plusSeconds(300))).resolve("results.jsonl")).exists();
        CliRun help = CliRun.of("scheduler", "run-once", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("--until").contains("--home");
    }

    @Test
    void runOnceRefusesAnUntilAfterNowAndLeavesTheSchedulerAsItWas() throws Exception {
        Path model = systemModel();
        Path in = Files.createDirectories(dir.resolve("in"));
        String home = dir.resolve("home").toString();
        CliRun created = CliRun.of("scheduler", "create", "pump", "--home", home, "--model", model.toString(), "--input", in.toString(), "--output",
                dir.resolve("out").toString(), "--frequency", "PT5M");
        assertThat(created.exitCode()).as(created.err()).isZero();
        String next = CliRun.of("scheduler", "describe", "pump", "--home", home).out();
        String future = Instant.now().plus(java.time.Duration.ofDays(400)).toString();
        CliRun ran = CliRun.of("scheduler", "run-once", "pump", "--home", home, "--until", future);
        assertThat(ran.exitCode()).isEqualTo(2);
        assertThat(ran.err()).contains("--until '" + future + "' is after now (");
        assertThat(CliRun.of("scheduler", "list-executions", "pump", "--home", home).out()).isBlank();
        assertThat(CliRun.of("scheduler", "describe", "pump", "--home", home).out()).isEqualTo(next);
    }

    @Test
    void aHomeWithoutSchedulersIsRefusedByEveryCommandButCreateAndIsNotCreated() throws Exception {
        Path typo = dir.resolve("hom");
        for (String[] args : List.of(new String[] {"list"}, new String[] {"describe", "pump"}, new String[] {"list-executions", "pump"},
                new String[] {"events", "pump"}, new String[] {"run-once", "pump"}, new String[] {"stop", "pump"})) {
            List<String> line = new java.util.ArrayList<>(List.of("scheduler"));
            line.addAll(List.of(args));
            line.addAll(List.of("--home", typo.toString()));
            CliRun run = CliRun.of(line.toArray(String[]::new));
            assertThat(run.exitCode()).as(String.join(" ", line)).isEqualTo(2);
            assertThat(run.err()).contains("No scheduler was created in " + typo).contains("Give the --home the schedulers were created with");
        }
        assertThat(typo).doesNotExist();
    }

    @Test
    void createRefusesAnOutputThatIsAFileAndSaysNothingOfCatchUpForAStartOfNow() throws Exception {
        Path model = systemModel();
        Path in = Files.createDirectories(dir.resolve("in"));
        Path file = Files.writeString(dir.resolve("out.txt"), "x");
        String home = dir.resolve("home").toString();
        CliRun refused = CliRun.of("scheduler", "create", "pump", "--home", home, "--model", model.toString(), "--input", in.toString(), "--output",
                file.toString(), "--frequency", "PT5M");
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains("The output " + file + " is a file, not a folder");
        assertThat(CliRun.of("scheduler", "list", "--home", home).out()).contains("No scheduler");
        CliRun created = CliRun.of("scheduler", "create", "pump", "--home", home, "--model", model.toString(), "--input", in.toString(), "--output",
                dir.resolve("out").toString(), "--frequency", "PT5M");
        assertThat(created.exitCode()).as(created.err()).isZero();
        assertThat(created.out()).doesNotContain("catch-up cap");
    }

    @Test
    void aWindowWhoseFilesAreAllIgnoredSaysHowManyAndWhyForOne() throws Exception {
        Path model = systemModel();
        Path in = Files.createDirectories(dir.resolve("in"));
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        Files.writeString(in.resolve("pump-20260101000000.csv"), "Timestamp,x\n");
        Files.writeString(in.resolve("pump-20260101000500.csv"), "Timestamp,x\n");
        String home = dir.resolve("home").toString();
        assertThat(CliRun.of("scheduler", "create", "pump", "--home", home, "--model", model.toString(), "--input", in.toString(), "--output",
                dir.resolve("out").toString(), "--frequency", "PT5M", "--start", start.toString()).exitCode()).isZero();
        CliRun ran = CliRun.of("scheduler", "run-once", "pump", "--home", home, "--until", start.plusSeconds(300).toString());
        assertThat(ran.exitCode()).as(ran.err()).isZero();
        assertThat(ran.out()).contains("FAILED").contains("[not retried; 2 input files ignored]")
                .contains("2 files of the input folder are ignored, e.g. 'pump-20260101000000.csv' does not parse as {component}_{timestamp}.csv");
        assertThat(ran.err()).doesNotContain("FAILED");
    }

    private Path systemModel() throws Exception {
        TimeFrame frame = DemoMachine.frame(DemoMachine.generate());
        Path model = dir.resolve("model.json");
        SystemJob.build(frame, RowSelection.first(2500, RowUnit.Sample), List.of(), null, SystemJobSettings.DEFAULT, PluginRegistry.load(),
                new JobLog(), f -> { }).model().write(model);
        return model;
    }
}
