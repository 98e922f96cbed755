package dev.vigil.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scheduler in real processes: killed with SIGKILL ({@link Process#destroyForcibly()}) at seeded random points of
 * its progress, then restarted, it loses nothing, duplicates nothing, and gives the results and events of a run that
 * was never killed; the store is never corrupt. Two processes on one scheduler: the second is refused. The kill
 * points are chosen by the child's progress lines, never by time. {@code -Dvigil.scheduler.kills=50} runs 50 kills
 * (the default build runs 10, to keep it short on a shared machine).
 */
class ProcessTest {
    private static final int KILLS = Integer.getInteger("vigil.scheduler.kills", 10);

    @TempDir
    Path dir;

    @Test
    void killedAtRandomPointsAndRestartedItLosesAndDuplicatesNothing() throws Exception {
        Path model = Pump.model(dir);
        Path input = dir.resolve("in");
        int windows = KILLS + 6;
        SchedulerConfig reference = Pump.config("pump", model, input, dir.resolve("ref-out"));
        for (int k = 0; k < windows; k++) {
            Pump.drop(reference, Pump.window(reference, k));
        }
        java.time.Instant until = Pump.window(reference, windows - 1).scheduledStart();
        Schedulers ref = Pump.schedulers(dir.resolve("ref-home"), new ManualClock(Pump.START));
        ref.create(reference);
        ref.runOnce("pump", until, ExecutionListener.NONE);

        Path home = dir.resolve("home");
        Path out = dir.resolve("out");
        try (SchedulerStore store = SchedulerStore.open(home)) {
            new Schedulers(home, store, Pump.REGISTRY, new ManualClock(Pump.START), new Metrics()).create(Pump.config("pump", model, input, out));
        }
        SplittableRandom random = new SplittableRandom(18);
        int kills = 0;
        int runs = 0;
        while (kills < KILLS) {
            int after = 1 + random.nextInt(8); // 6 steps per window: a kill lands anywhere in the next window or so
            Process p = SchedulerChild.start(home, "pump", until);
            runs++;
            boolean killed = false;
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                int seen = 0;
                String line;
                while ((line = r.readLine()) != null) {
                    if (line.startsWith("step") && ++seen == after) {
                        p.destroyForcibly();
                        killed = true;
                        break;
                    }
                }
            }
            p.waitFor();
            kills += killed ? 1 : 0;
            try (SchedulerStore store = SchedulerStore.open(home)) {
                assertThat(store.integrityCheck()).isEqualTo("ok");
                List<Execution> e = store.executions("pump", null, null, null, 10_000);
                // never more than one record per window, only the newest may be IN_PROGRESS, the older ones all succeeded
                assertThat(e.stream().map(x -> x.window().end()).distinct().count()).isEqualTo(e.size());
                for (int i = 1; i < e.size(); i++) {
                    assertThat(e.get(i).status()).isEqualTo(ExecutionStatus.SUCCESS);
                }
            }
            if (!killed) {
                break; // it finished before the chosen point: every window has run
            }
        }
        Process last = SchedulerChild.start(home, "pump", until);
        String tail = new String(last.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(last.waitFor()).as(tail).isZero();
        assertThat(kills + runs).isPositive();
        try (SchedulerStore store = SchedulerStore.open(home)) {
            assertThat(store.integrityCheck()).isEqualTo("ok");
            List<Execution> done = store.executions("pump", null, null, null, 10_000);
            assertThat(done).hasSize(windows).allSatisfy(e -> assertThat(e.status()).isEqualTo(ExecutionStatus.SUCCESS));
            for (int k = 0; k < windows; k++) {
                String folder = Pump.window(reference, k).folder();
                assertThat(Files.readString(out.resolve(folder).resolve("results.jsonl")))
                        .isEqualTo(Files.readString(reference.output().resolve(folder).resolve("results.jsonl")));
                try (Stream<Path> files = Files.list(out.resolve(folder))) {
                    assertThat(files).as("no temporary file is left").hasSize(1);
                }
            }
            assertThat(store.events("pump", null, null)).map(StoredEvent::toMap)
                    .containsExactlyElementsOf(ref.store().events("pump", null, null).stream().map(StoredEvent::toMap).toList());
        }
        System.out.printf("ProcessTest: %d kills in %d runs, %d windows identical to the run never killed%n", kills, runs, windows);
    }

    @Test
    void aSecondProcessOnTheSameSchedulerIsRefusedWithAMessage() throws Exception {
        Path model = Pump.model(dir);
        SchedulerConfig c = Pump.config("pump", model, dir.resolve("in"), dir.resolve("out"));
        Pump.drop(c, Pump.window(c, 0));
        Path home = dir.resolve("home");
        try (SchedulerStore store = SchedulerStore.open(home)) {
            new Schedulers(home, store, Pump.REGISTRY, new ManualClock(Pump.START), new Metrics()).create(c);
        }
        java.time.Instant until = Pump.window(c, 0).scheduledStart();
        Process first = SchedulerChild.start(home, "pump", until, "block");
        BufferedReader r = new BufferedReader(new InputStreamReader(first.getInputStream(), StandardCharsets.UTF_8));
        List<String> lines = new ArrayList<>();
        String line;
        while ((line = r.readLine()) != null) {
            lines.add(line);
            if (line.startsWith("step recorded")) {
                break; // the first is in the middle of an execution, holding the scheduler
            }
        }
        Process second = SchedulerChild.start(home, "pump", until);
        String said = new String(second.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(second.waitFor()).isEqualTo(2);
        assertThat(said).startsWith("refused: Scheduler 'pump' is already run by another process (pid " + first.pid() + ")")
                .contains("locks/pump.lock");
        first.getOutputStream().write('\n');
        first.getOutputStream().close();
        while ((line = r.readLine()) != null) {
            lines.add(line);
        }
        assertThat(first.waitFor()).isZero();
        assertThat(lines).contains("step committed " + c.start().plusSeconds(300), "done");
    }
}
