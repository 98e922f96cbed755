package dev.vigil.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.core.detection.AnomalyDetector;
import dev.vigil.core.detection.DetectionModel;
import dev.vigil.core.stream.DetectionStream;
import dev.vigil.io.model.ModelFiles;
import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.spi.settings.RowSelection;
import dev.vigil.spi.settings.RowUnit;
import dev.vigil.testing.KpiDataGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A KPI-driven model scheduled: its rows are answered as one stream over every window, restarted or not. */
class KpiSchedulerTest {
    @TempDir
    Path dir;

    @Test
    void aKpiModelAnswersEachWindowAsOneStreamDoesAcrossRestarts() throws Exception {
        TimeFrame data = KpiDataGenerator.create().rows(2600).period(Duration.ofMinutes(1)).seed(11).anomalies(4, 0, 0, 0)
                .anomaliesBetween(0.8, 1).generate().unlabelled();
        DetectionModel m = AnomalyDetector.builder().kpi("kpi").rows(RowSelection.first(2000, RowUnit.Sample)).build().build(data).model();
        Path model = dir.resolve("kpi-model.json");
        ModelFiles.write(m, model);
        Instant start = Instant.ofEpochMilli(data.time(1999));
        Path in = Files.createDirectories(dir.resolve("in"));
        SchedulerConfig c = new SchedulerConfig("plant", model, in, dir.resolve("out"), Duration.ofMinutes(10), Duration.ofMinutes(2),
                ZoneOffset.ofHours(2), NameFormat.DASHED, "-", start, 1000);
        int windows = 60;
        StringBuilder header = new StringBuilder("Timestamp");
        data.columnNames().forEach(n -> header.append(',').append(n));
        for (int k = 0; k < windows; k++) {
            Window w = Pump.window(c, k);
            StringBuilder b = new StringBuilder(header).append('\n');
            for (int r = 0; r < data.rows(); r++) {
                if (data.time(r) > w.start().toEpochMilli() && data.time(r) <= w.end().toEpochMilli()) {
                    b.append(Instant.ofEpochMilli(data.time(r)));
                    for (String n : data.columnNames()) {
                        b.append(',').append(data.values(n)[r]);
                    }
                    b.append('\n');
                }
            }
            Files.writeString(in.resolve("plant-line-1-" + NameFormat.DASHED.format(w.end(), c.timeZoneOffset()) + ".csv"), b);
        }
        Path home = dir.resolve("home");
        try (SchedulerStore store = SchedulerStore.open(home)) {
            new Schedulers(home, store, Pump.REGISTRY, new ManualClock(start), new Metrics()).create(c);
        }
        for (int until : new int[] {7, 8, 31, windows - 1}) { // restarts between runs
            try (SchedulerStore store = SchedulerStore.open(home)) {
                List<Execution> done = new Schedulers(home, store, Pump.REGISTRY, new ManualClock(start), new Metrics())
                        .runOnce("plant", Pump.window(c, until).scheduledStart(), ExecutionListener.NONE);
                assertThat(done).allSatisfy(e -> assertThat(e.status()).as(e.failedReason()).isEqualTo(ExecutionStatus.SUCCESS));
            }
        }
        List<Long> times = new ArrayList<>();
        List<Integer> predictions = new ArrayList<>();
        for (int k = 0; k < windows; k++) {
            for (String line : Files.readAllLines(c.output().resolve(Pump.window(c, k).folder()).resolve("results.jsonl"))) {
                JsonNode j = Json.MAPPER.readTree(line);
                times.add(LocalDateTime.parse(j.get("timestamp").asText()).toInstant(ZoneOffset.UTC).toEpochMilli());
                predictions.add(j.get("prediction").asInt());
                if (j.get("prediction").asInt() == 1) {
                    double sum = 0;
                    for (JsonNode d : j.get("diagnostics")) {
                        sum += d.get("value").asDouble();
                    }
                    assertThat(sum).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
                }
            }
        }
        DetectionStream stream = DetectionStream.of(m, ZoneOffset.UTC, DetectionStream.LateRows.SKIP);
        List<Long> expectedTimes = new ArrayList<>();
        List<Integer> expected = new ArrayList<>();
        double[] values = new double[stream.columns().size()];
        long end = Pump.window(c, windows - 1).end().toEpochMilli();
        long from = Pump.window(c, 0).start().toEpochMilli(); // the first window holds the start: its rows before it too
        for (int r = 0; r < data.rows() && data.time(r) <= end; r++) {
            if (data.time(r) <= from) {
                continue;
            }
            for (int i = 0; i < values.length; i++) {
                values[i] = data.values(stream.columns().get(i))[r];
            }
            stream.push(data.time(r), values, row -> {
                expectedTimes.add(row.time());
                expected.add(row.anomalous() ? 1 : 0);
            });
        }
        assertThat(times).isEqualTo(expectedTimes);
        assertThat(predictions).isEqualTo(expected);
        assertThat(predictions).contains(1);
    }
}
