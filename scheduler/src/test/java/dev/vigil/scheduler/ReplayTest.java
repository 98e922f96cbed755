package dev.vigil.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 1,000 windows replayed (the pump's second half over and over), in runs of 100 as a cron job would: every window
 * succeeds, the process holds no more file handles at the end than after the first run, and its heap after a
 * collection does not grow with the windows. The time per window is measured by vigil-benchmarks'
 * SchedulerBenchmark, not here.
 */
class ReplayTest {
    @TempDir
    Path dir;

    @Test
    void aThousandWindowsLeaveNoFileHandleOpenAndMemoryFlat() throws IOException {
        Path model = Pump.model(dir);
        SchedulerConfig c = Pump.config("pump", model, dir.resolve("in"), dir.resolve("out"));
        int windows = 1000;
        int cycle = (Pump.ROWS - Pump.TRAIN - 1) / 5;
        for (int k = 0; k < windows; k++) {
            Pump.drop(c, Pump.window(c, k), List.of("motor", "pump", "bearing"), k / cycle * cycle);
        }
        Path home = dir.resolve("home");
        try (SchedulerStore store = SchedulerStore.open(home)) {
            new Schedulers(home, store, Pump.REGISTRY, new ManualClock(Pump.START), new Metrics()).create(c);
        }
        long fdAfterFirst = 0;
        long heapAfterFirst = 0;
        for (int run = 0; run < windows / 100; run++) {
            try (SchedulerStore store = SchedulerStore.open(home)) {
                List<Execution> done = new Schedulers(home, store, Pump.REGISTRY, new ManualClock(Pump.START), new Metrics())
                        .runOnce("pump", Pump.window(c, run * 100 + 99).scheduledStart(), ExecutionListener.NONE);
                assertThat(done).hasSize(100).allSatisfy(e -> assertThat(e.status()).as(e.failedReason()).isEqualTo(ExecutionStatus.SUCCESS));
            }
            if (run == 0) {
                fdAfterFirst = openFiles();
                heapAfterFirst = heapAfterGc();
            }
        }
        long fd = openFiles();
        long heap = heapAfterGc();
        System.out.printf("ReplayTest: %d windows; open files %d after the first 100, %d after all; heap after GC %.1f MB, then %.1f MB%n", windows,
                fdAfterFirst, fd, heapAfterFirst / 1e6, heap / 1e6);
        if (fd >= 0) {
            assertThat(fd).isLessThanOrEqualTo(fdAfterFirst);
        }
        assertThat(heap).isLessThan(heapAfterFirst + 32_000_000L);
        try (SchedulerStore store = SchedulerStore.open(home)) {
            assertThat(store.executions("pump", ExecutionStatus.SUCCESS, null, null, 10_000)).hasSize(windows);
        }
    }

    /** The process's open file descriptors ({@code /proc/self/fd}), or -1 where there is no such folder. */
    static long openFiles() throws IOException {
        Path fd = Path.of("/proc/self/fd");
        if (!Files.isDirectory(fd)) {
            return -1;
        }
        try (Stream<Path> s = Files.list(fd)) {
            return s.count() - 1; // less the listing's own
        }
    }

    private static long heapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
