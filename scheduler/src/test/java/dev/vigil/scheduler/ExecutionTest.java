package dev.vigil.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.evaluation.Event;
import dev.vigil.evaluation.system.EventRules;
import dev.vigil.evaluation.system.SystemEvents;
import dev.vigil.evaluation.system.SystemJob;
import dev.vigil.evaluation.system.SystemJobModel;
import dev.vigil.spi.log.JobLog;
import dev.vigil.system.SystemDetection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExecutionTest {
    /** Every window of the pump's second half (5 rows each). */
    private static final int WINDOWS = (Pump.ROWS - Pump.TRAIN - 1) / 5;
    @TempDir
    static Path shared;
    private static Path model;
    private static Path input;

    @TempDir
    Path dir;

    @BeforeAll
    static void dropEveryWindow() {
        model = Pump.model(shared);
        input = shared.resolve("in");
        SchedulerConfig c = Pump.config("pump", model, input, shared.resolve("unused"));
        for (int k = 0; k < WINDOWS; k++) {
            Pump.drop(c, Pump.window(c, k));
        }
    }

    private Schedulers create(Path home, Path output) {
        Schedulers s = Pump.schedulers(home, new ManualClock(Pump.START));
        s.create(Pump.config("pump", model, input, output));
        return s;
    }

    @Test
    void everyRowOfAWindowGetsLookoutsLineAndTheAnomalousOnesDiagnosticsSummingToOne() throws IOException {
        Path out = dir.resolve("out");
        Schedulers s = create(dir.resolve("home"), out);
        SchedulerConfig c = s.describe("pump").config();
        List<Execution> done = s.runOnce("pump", Pump.window(c, 59).scheduledStart(), ExecutionListener.NONE);
        assertThat(done).hasSize(60).allSatisfy(e -> assertThat(e.status()).isEqualTo(ExecutionStatus.SUCCESS));
        int anomalous = 0;
        boolean scored = false;
        for (Execution e : done) {
            assertThat(e.resultFile()).isEqualTo(out.resolve(e.window().folder()).resolve("results.jsonl"));
            String text = Files.readString(e.resultFile());
            assertThat(text).endsWith("\n");
            List<String> lines = text.lines().toList();
            assertThat(lines).hasSize(5).hasSize(e.rowsScored());
            for (String line : lines) {
                JsonNode j = Json.MAPPER.readTree(line);
                Instant t = LocalDateTime.parse(j.get("timestamp").asText()).toInstant(ZoneOffset.UTC);
                assertThat(j.get("timestamp").asText()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{6}");
                assertThat(t).isAfter(e.window().start()).isBeforeOrEqualTo(e.window().end());
                int prediction = j.get("prediction").asInt();
                if (j.has("anomaly_score")) { // not on the first rows, before the indicator's window is full
                    double score = j.get("anomaly_score").asDouble();
                    assertThat(score).isBetween(0.0, 1.0);
                    assertThat(prediction == 1).isEqualTo(score > 0.5);
                    scored = true;
                } else {
                    assertThat(scored).as("only the first rows lack a score").isFalse();
                }
                assertThat(j.get("prediction_reason").asText()).isEqualTo(prediction == 1 ? "ANOMALY_DETECTED" : "NO_ANOMALY_DETECTED");
                assertThat(j.has("diagnostics")).isEqualTo(prediction == 1);
                if (prediction == 1) {
                    anomalous++;
                    double sum = 0;
                    List<String> names = new ArrayList<>();
                    for (JsonNode d : j.get("diagnostics")) {
                        sum += d.get("value").asDouble();
                        names.add(d.get("name").asText());
                    }
                    assertThat(names).containsExactlyElementsOf(Pump.SIGNALS);
                    assertThat(sum).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
                }
            }
        }
        assertThat(done.stream().mapToInt(Execution::anomalousRows).sum()).isEqualTo(anomalous);
        assertThat(s.store().executions("pump", null, null, null, 1000)).hasSize(60);
    }

    /**
     * The scheduler carries the model's history over windows, so apart from the first rows (which have no history
     * before them) its indicators are batch detect's on the whole second half, and its events those of batch's rows.
     */
    @Test
    void windowByWindowScoresAsBatchDetectDoesAndAnEventSpanningWindowsStaysOne() throws IOException {
        Path out = dir.resolve("out");
        Schedulers s = create(dir.resolve("home"), out);
        SchedulerConfig c = s.describe("pump").config();
        List<Execution> done = s.runOnce("pump", Pump.window(c, WINDOWS - 1).scheduledStart(), ExecutionListener.NONE);
        assertThat(done).hasSize(WINDOWS).allSatisfy(e -> assertThat(e.status()).isEqualTo(ExecutionStatus.SUCCESS));
        List<Long> times = new ArrayList<>();
        List<Double> scores = new ArrayList<>();
        for (Execution e : done) {
            for (String line : Files.readAllLines(e.resultFile())) {
                JsonNode j = Json.MAPPER.readTree(line);
                times.add(LocalDateTime.parse(j.get("timestamp").asText()).toInstant(ZoneOffset.UTC).toEpochMilli());
                scores.add(j.has("anomaly_score") ? j.get("anomaly_score").asDouble() : Double.NaN);
            }
        }
        SystemJobModel m = SystemJobModel.read(model, Pump.REGISTRY);
        SystemDetection batch = SystemJob.detect(m, Pump.frame().slice(Pump.TRAIN + 1, Pump.TRAIN + 1 + times.size()), null, null, new JobLog())
                .detection();
        assertThat(batch.rows()).isEqualTo(times.size());
        int warm = 100;
        int anomalous = 0;
        for (int r = warm; r < times.size(); r++) {
            assertThat(times.get(r)).isEqualTo(batch.time()[r]);
            double expected = Math.round(Math.min(1, Math.max(0, batch.indicator()[r] / 2)) * 100_000) / 100_000.0;
            assertThat(scores.get(r)).as("row %d", r).isEqualTo(expected);
            anomalous += batch.anomalous(r) ? 1 : 0;
        }
        assertThat(anomalous).as("the faults are in the second half").isGreaterThan(10);
        List<Event> expected = SystemEvents.merge(batch.time(), batch.flags(), null, new EventRules(m.settings().events().mergeGapRows(), Duration.ZERO));
        List<StoredEvent> events = s.store().events("pump", null, null);
        long after = batch.time()[warm];
        List<long[]> stored = events.stream().filter(e -> e.start() > after).map(e -> new long[] {e.start(), e.end()}).toList();
        List<long[]> wanted = expected.stream().filter(e -> e.start() > after).map(e -> new long[] {e.start(), e.end()}).toList();
        assertThat(stored).isNotEmpty().usingRecursiveFieldByFieldElementComparator().containsExactlyElementsOf(wanted);
        boolean spansWindows = events.stream().anyMatch(e -> Math.floorDiv(e.start() - 1, 300_000) != Math.floorDiv(e.end() - 1, 300_000));
        assertThat(spansWindows).as("some event spans two windows").isTrue();
        for (StoredEvent e : events) {
            assertThat(java.util.Arrays.stream(e.diagnostics()).sum()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
            assertThat(e.toMap()).containsKeys("EventStartTime", "EventEndTime", "Diagnostics", "EventDurationInSeconds");
        }
    }

    @Test
    void restartsBetweenWindowsChangeNoResultNorEvent() throws IOException {
        Path outA = dir.resolve("a");
        Schedulers a = create(dir.resolve("homeA"), outA);
        SchedulerConfig c = a.describe("pump").config();
        int n = 120;
        a.runOnce("pump", Pump.window(c, n - 1).scheduledStart(), ExecutionListener.NONE);
        Path outB = dir.resolve("b");
        Path homeB = dir.resolve("homeB");
        create(homeB, outB).store().close();
        java.util.SplittableRandom random = new java.util.SplittableRandom(5);
        int k = 0;
        while (k < n) {
            k = Math.min(n, k + 1 + random.nextInt(15));
            try (SchedulerStore store = SchedulerStore.open(homeB)) {
                new Schedulers(homeB, store, Pump.REGISTRY, new ManualClock(Pump.START), new Metrics())
                        .runOnce("pump", Pump.window(c, k - 1).scheduledStart(), ExecutionListener.NONE);
            }
        }
        try (SchedulerStore store = SchedulerStore.open(homeB)) {
            assertThat(store.executions("pump", null, null, null, 1000)).hasSize(n);
            for (int w = 0; w < n; w++) {
                String folder = Pump.window(c, w).folder();
                assertThat(Files.readString(outB.resolve(folder).resolve("results.jsonl"))).isEqualTo(Files.readString(outA.resolve(folder)
                        .resolve("results.jsonl")));
            }
            assertThat(store.events("pump", null, null)).map(StoredEvent::toMap)
                    .containsExactlyElementsOf(a.store().events("pump", null, null).stream().map(StoredEvent::toMap).toList());
        }
    }

    @Test
    void missingComponentDataFailsWithLookoutsReasonAndTheSchedulerGoesOn() throws IOException {
        Path in = Files.createDirectories(dir.resolve("in"));
        Schedulers s = Pump.schedulers(dir.resolve("home"), new ManualClock(Pump.START));
        SchedulerConfig c = s.create(Pump.config("pump", model, in, dir.resolve("out"))).config();
        // a window reads the files stamped from one window before it to one after (four here): a bad file fails each window that reads it
        Pump.drop(c, Pump.window(c, 0), List.of("motor", "pump"));
        for (int k = 1; k <= 12; k++) {
            Pump.drop(c, Pump.window(c, k));
        }
        Path broken = c.input().resolve("pump_" + NameFormat.COMPACT.format(Pump.window(c, 5).start(), ZoneOffset.UTC) + ".csv");
        List<String> lines = new ArrayList<>(Files.readAllLines(broken));
        lines.set(3, lines.get(3).substring(0, lines.get(3).lastIndexOf(',') + 1) + "12.5x");
        Files.write(broken, lines);
        Path cut = c.input().resolve("motor_" + NameFormat.COMPACT.format(Pump.window(c, 10).start(), ZoneOffset.UTC) + ".csv");
        String text = Files.readString(cut);
        int last = text.lastIndexOf('\n', text.length() - 2) + 1;
        Files.writeString(cut, text.substring(0, text.indexOf(',', last) + 4)); // half written: the last line ends in its second field
        List<Execution> done = s.runOnce("pump", Pump.window(c, 12).scheduledStart(), ExecutionListener.NONE);
        ExecutionStatus ok = ExecutionStatus.SUCCESS;
        ExecutionStatus failed = ExecutionStatus.FAILED;
        assertThat(done).extracting(Execution::status).containsExactly(failed, ok, ok, failed, failed, failed, failed, ok, failed, failed, failed,
                failed, ok);
        assertThat(done.get(0).failedReason()).isEqualTo(InputFiles.missingData(c, "bearing", Pump.window(c, 0)));
        assertThat(done.get(0).resultFile()).isNull();
        assertThat(done.get(0).toMap()).doesNotContainKey("CustomerResultObject").containsEntry("Status", "FAILED");
        for (int k = 3; k <= 6; k++) {
            assertThat(done.get(k).failedReason()).contains(broken.getFileName().toString()).contains("line 4").contains("12.5x").contains("column");
        }
        for (int k = 8; k <= 11; k++) {
            assertThat(done.get(k).failedReason()).contains(cut.getFileName().toString()).contains("line");
        }
        assertThat(Files.exists(dir.resolve("out").resolve(Pump.window(c, 5).folder()))).isFalse();
        assertThat(s.store().executions("pump", ExecutionStatus.FAILED, null, null, 100)).hasSize(9);
        assertThat(s.store().executions("pump", null, null, null, 100).get(0).window().end()).isEqualTo(Pump.window(c, 12).end());
    }

    @Test
    void anOutputFolderThatCannotBeWrittenFailsTheExecutionWithoutAPartialFile() throws IOException {
        Path out = dir.resolve("out");
        Files.writeString(out, "a file where the output folder should be");
        assertThatThrownBy(() -> create(dir.resolve("home0"), out)).hasMessageContaining("The output " + out + " is a file, not a folder");
        Files.delete(out);
        Schedulers s = create(dir.resolve("home"), out);
        Files.writeString(out, "a file where the output folder should be"); // appears after create: each window fails
        SchedulerConfig c = s.describe("pump").config();
        List<Execution> done = s.runOnce("pump", Pump.window(c, 1).scheduledStart(), ExecutionListener.NONE);
        assertThat(done).extracting(Execution::status).containsOnly(ExecutionStatus.FAILED);
        assertThat(done.get(0).failedReason()).startsWith("Cannot write " + out.resolve(Pump.window(c, 0).folder()).resolve("results.jsonl"));
        assertThat(Files.readString(out)).isEqualTo("a file where the output folder should be");
        Path readOnly = dir.resolve("ro");
        Files.createDirectories(readOnly);
        if (readOnly.toFile().setWritable(false) && !Files.isWritable(readOnly)) { // not as root, who writes anywhere
            Schedulers r = Pump.schedulers(dir.resolve("home2"), new ManualClock(Pump.START));
            r.create(Pump.config("pump", model, input, readOnly));
            Execution e = r.runOnce("pump", Pump.window(c, 0).scheduledStart(), ExecutionListener.NONE).get(0);
            assertThat(e.status()).isEqualTo(ExecutionStatus.FAILED);
            try (var files = Files.list(readOnly)) {
                assertThat(files).isEmpty();
            }
        }
    }
}
