package dev.vigil.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.Guice;
import com.google.inject.Injector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LifecycleTest {
    @TempDir
    Path dir;

    @Test
    void createStartStopDeleteFollowLookoutsStatesAndDeleteKeepsTheResults() throws Exception {
        ManualClock clock = new ManualClock(Pump.START);
        Schedulers s = Pump.schedulers(dir.resolve("home"), clock);
        Path model = Pump.model(dir);
        SchedulerConfig c = Pump.config("pump", model, Files.createDirectories(dir.resolve("in")), dir.resolve("out"));
        assertThat(s.create(c).status()).isEqualTo(SchedulerStatus.PENDING);
        assertThatThrownBy(() -> s.create(c)).hasMessageContaining("A scheduler named 'pump' exists already");
        assertThatThrownBy(() -> s.create(Pump.config("other", model, c.input(), dir.resolve("o2"))))
                .hasMessageContaining("is watched by scheduler 'pump' already");
        assertThatThrownBy(() -> s.delete("pump")).hasMessageContaining("only a STOPPED scheduler is deleted");
        Pump.drop(c, Pump.window(c, 0));
        s.runOnce("pump", Pump.window(c, 0).scheduledStart(), ExecutionListener.NONE);
        assertThat(s.describe("pump").status()).isEqualTo(SchedulerStatus.RUNNING);
        assertThat(s.describe("pump").toMap()).containsEntry("LatestInferenceResult", "NORMAL").containsEntry("Status", "RUNNING")
                .containsEntry("NextScheduledStartTime", Pump.window(c, 1).scheduledStart().toString());
        assertThat(s.stop("pump").status()).isEqualTo(SchedulerStatus.STOPPED);
        assertThatThrownBy(() -> s.runOnce("pump", Pump.window(c, 1).scheduledStart(), ExecutionListener.NONE))
                .hasMessageContaining("Scheduler 'pump' is stopped; start it first");
        assertThat(s.start("pump").status()).isEqualTo(SchedulerStatus.PENDING);
        s.stop("pump");
        Path results = c.output().resolve(Pump.window(c, 0).folder()).resolve("results.jsonl");
        assertThat(results).exists();
        s.delete("pump");
        assertThat(s.list()).isEmpty();
        assertThat(results).exists();
        assertThatThrownBy(() -> s.describe("pump")).hasMessageContaining("There is no scheduler named 'pump'");
    }

    @Test
    void aStoppedSchedulerCatchesUpTheWindowsItMissedUpToItsCap() throws Exception {
        ManualClock clock = new ManualClock(Pump.START);
        Schedulers s = Pump.schedulers(dir.resolve("home"), clock);
        SchedulerConfig base = Pump.config("pump", Pump.model(dir), dir.resolve("in"), dir.resolve("out"));
        SchedulerConfig c = new SchedulerConfig(base.name(), base.model(), base.input(), base.output(), base.frequency(), base.delay(),
                base.timeZoneOffset(), base.timestampFormat(), base.delimiter(), base.start(), 4);
        for (int k = 0; k < 12; k++) {
            Pump.drop(c, Pump.window(c, k));
        }
        s.create(c);
        assertThat(s.runOnce("pump", Pump.window(c, 1).scheduledStart(), ExecutionListener.NONE)).hasSize(2);
        s.stop("pump");
        s.start("pump");
        List<Execution> caught = s.runOnce("pump", Pump.window(c, 11).scheduledStart(), ExecutionListener.NONE);
        assertThat(caught).extracting(e -> e.window().end()).containsExactly(Pump.window(c, 8).end(), Pump.window(c, 9).end(),
                Pump.window(c, 10).end(), Pump.window(c, 11).end());
        assertThat(s.describe("pump").skippedWindows()).isEqualTo(6);
        assertThat(s.store().executions("pump", null, Pump.window(c, 9).start(), Pump.window(c, 10).end(), 10))
                .extracting(e -> e.window().end()).containsExactly(Pump.window(c, 10).end(), Pump.window(c, 9).end());
    }

    /** The daemon as Guice assembles it: one thread per scheduler, stepped by the manual clock; /health and /metrics answer. */
    @Test
    void theDaemonRunsSeveralSchedulersEachOnItsThreadAsTheClockSteps() throws Exception {
        ManualClock clock = new ManualClock(Pump.START);
        Path home = dir.resolve("home");
        Injector injector = Guice.createInjector(new SchedulerModule(home, clock, true));
        Schedulers s = injector.getInstance(Schedulers.class);
        Path model = Pump.model(dir);
        Path second = dir.resolve("second-model.json");
        Files.copy(model, second);
        SchedulerConfig a = Pump.config("a", model, dir.resolve("in"), dir.resolve("out-a"));
        SchedulerConfig b = Pump.config("b", second, dir.resolve("in"), dir.resolve("out-b"));
        for (int k = 0; k < 6; k++) {
            Pump.drop(a, Pump.window(a, k));
        }
        s.create(a);
        s.create(b);
        List<String> threads = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        try (SchedulerDaemon daemon = injector.getInstance(SchedulerDaemon.class);
                MetricsServer http = MetricsServer.start("127.0.0.1", 0, s.metrics(), daemon::health)) {
            daemon.start((step, w) -> {
                if (step.equals("committed")) {
                    threads.add(Thread.currentThread().getName());
                }
            }, Duration.ofMinutes(1));
            clock.awaitSleeping(3); // the supervisor and two workers wait for the first window
            assertThat(daemon.running()).containsExactly("a", "b");
            assertThat(s.describe("a").status()).isEqualTo(SchedulerStatus.RUNNING);
            for (int k = 0; k < 6; k++) {
                clock.set(Pump.window(a, k).scheduledStart());
                clock.awaitSleeping(3);
            }
            assertThat(s.store().executions("a", ExecutionStatus.SUCCESS, null, null, 100)).hasSize(6);
            assertThat(s.store().executions("b", ExecutionStatus.SUCCESS, null, null, 100)).hasSize(6);
            assertThat(threads).filteredOn("vigil-scheduler-a"::equals).hasSize(6);
            assertThat(threads).filteredOn("vigil-scheduler-b"::equals).hasSize(6);
            HttpClient client = HttpClient.newHttpClient();
            String metrics = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http.port() + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertThat(metrics).contains("vigil_scheduler_executions_total{scheduler=\"a\",status=\"SUCCESS\"} 6")
                    .contains("vigil_scheduler_executions_total{scheduler=\"b\",status=\"FAILED\"} 0")
                    .contains("vigil_scheduler_rows_scored_total{scheduler=\"a\"} 30")
                    .contains("vigil_scheduler_execution_seconds_count{scheduler=\"b\"} 6");
            HttpResponse<String> health = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http.port() + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("\"status\":\"UP\"").contains("\"a\":{").contains("RUNNING");
            s.stop("a");
            clock.advance(Duration.ofMinutes(1));
            daemon.join("a"); // a's worker saw STOPPING, stopped the scheduler and ended
            assertThat(s.describe("a").status()).isEqualTo(SchedulerStatus.STOPPED);
            assertThat(daemon.running()).containsExactly("b");
        }
        injector.getInstance(SchedulerStore.class).close();
    }
}
