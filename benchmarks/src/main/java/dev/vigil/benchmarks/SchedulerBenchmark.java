package dev.vigil.benchmarks;

import dev.vigil.core.plugin.PluginRegistry;
import dev.vigil.evaluation.system.SystemJob;
import dev.vigil.evaluation.system.SystemJobSettings;
import dev.vigil.scheduler.Execution;
import dev.vigil.scheduler.ExecutionStatus;
import dev.vigil.scheduler.ManualClock;
import dev.vigil.scheduler.Metrics;
import dev.vigil.scheduler.SchedulerConfig;
import dev.vigil.scheduler.SchedulerStore;
import dev.vigil.scheduler.Schedulers;
import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.spi.log.JobLog;
import dev.vigil.spi.settings.RowSelection;
import dev.vigil.spi.settings.RowUnit;
import dev.vigil.testing.SystemData;
import dev.vigil.testing.SystemDataGenerator;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The scheduler's time per window (BENCHMARKS.md, "Scheduler (issue 18)"): a pump of 8 signals in 3 components
 * (vigil-testing's generator, 1-minute rows), a cross-regression model on 2,500 rows, then {@code windows} 5-minute
 * windows (default 1,000) replayed from the pump's second half, three files per window; one {@code run-once} per
 * 100 windows, as a cron job would. Prints the wall time per window (min, median, p95 over the runs' means and over
 * the windows), the CPU time of the thread, and the store's size.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar dev.vigil.benchmarks.SchedulerBenchmark [windows] [dir]}
 */
public final class SchedulerBenchmark {
    private static final List<String> SIGNALS = List.of("motor\\current", "motor\\temperature", "motor\\vibration", "pump\\flow",
            "pump\\inlet_pressure", "pump\\outlet_pressure", "bearing\\temperature", "bearing\\vibration");

    private SchedulerBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int windows = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        Path dir = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("vigil-scheduler-bench");
        SystemData d = SystemDataGenerator.create().rows(5000).signals(8).trainShare(0.5).faultsPerKind(1).modeChanges(1).seed(2026).generate();
        TimeFrame.Builder b = TimeFrame.builder(d.frame().times());
        for (int i = 0; i < SIGNALS.size(); i++) {
            b.column(SIGNALS.get(i), d.frame().values(d.signals().get(i)));
        }
        TimeFrame pump = b.build();
        PluginRegistry registry = PluginRegistry.load();
        Path model = dir.resolve("model.json");
        SystemJob.build(pump, RowSelection.first(2500, RowUnit.Sample), List.of(), null, SystemJobSettings.DEFAULT, registry, new JobLog(),
                f -> { }).model().write(model);
        Instant start = Instant.ofEpochMilli(pump.time(2500));
        Path in = Files.createDirectories(dir.resolve("in"));
        DateTimeFormatter name = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);
        int cycle = 2499 / 5;
        String[] components = {"motor", "pump", "bearing"};
        for (int k = 0; k < windows; k++) {
            long shift = (long) (k / cycle * cycle) * 300_000L;
            long s = start.toEpochMilli() + k * 300_000L;
            for (String c : components) {
                List<String> tags = SIGNALS.stream().filter(x -> x.startsWith(c + "\\")).toList();
                StringBuilder text = new StringBuilder("Timestamp," + String.join(",", tags.stream().map(t -> t.substring(c.length() + 1)).toList())
                        + "\n");
                for (int r = 2500; r < pump.rows(); r++) {
                    long t = pump.time(r) + shift;
                    if (t > s && t <= s + 300_000) {
                        text.append(Instant.ofEpochMilli(t));
                        for (String t2 : tags) {
                            text.append(',').append(pump.values(t2)[r]);
                        }
                        text.append('\n');
                    }
                }
                Files.writeString(in.resolve(c + "_" + name.format(Instant.ofEpochMilli(s)) + ".csv"), text);
            }
        }
        Path home = dir.resolve("home");
        SchedulerConfig config = new SchedulerConfig("pump", model, in, dir.resolve("out"), java.time.Duration.ofMinutes(5), java.time.Duration.ZERO,
                ZoneOffset.UTC, dev.vigil.scheduler.NameFormat.COMPACT, "_", start, windows);
        try (SchedulerStore store = SchedulerStore.open(home)) {
            new Schedulers(home, store, registry, new ManualClock(start), new Metrics()).create(config);
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        List<Double> perWindow = new ArrayList<>();
        long[] began = {0};
        long cpu0 = threads.getCurrentThreadCpuTime();
        long wall0 = System.nanoTime();
        for (int done = 0; done < windows; done += 100) {
            Instant until = start.plusSeconds(300L * Math.min(windows, done + 100)); // window k ends at start + 5 min * (k + 1)
            try (SchedulerStore store = SchedulerStore.open(home)) {
                List<Execution> e = new Schedulers(home, store, registry, new ManualClock(start), new Metrics()).runOnce("pump", until, (step, w) -> {
                    if (step.equals("begin")) {
                        began[0] = System.nanoTime();
                    } else if (step.equals("committed")) {
                        perWindow.add((System.nanoTime() - began[0]) / 1e6);
                    }
                });
                long failed = e.stream().filter(x -> x.status() != ExecutionStatus.SUCCESS).count();
                if (failed > 0) {
                    throw new IllegalStateException(failed + " windows failed: " + e.stream().filter(x -> x.status() != ExecutionStatus.SUCCESS)
                            .findFirst().orElseThrow().failedReason());
                }
            }
        }
        double wall = (System.nanoTime() - wall0) / 1e9;
        double cpu = (threads.getCurrentThreadCpuTime() - cpu0) / 1e9;
        double[] ms = perWindow.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = ms.length;
        System.out.printf(Locale.ROOT, "%d windows (%d rows each, 3 files): per window min %.1f ms, median %.1f ms, p95 %.1f ms, max %.1f ms;%n", n,
                5, ms[0], ms[n / 2], ms[(int) (n * 0.95)], ms[n - 1]);
        System.out.printf(Locale.ROOT, "total %.1f s wall (%.1f ms/window), %.1f s CPU of the running thread (%.1f ms/window); store %,d bytes%n",
                wall, 1000 * wall / n, cpu, 1000 * cpu / n, Files.size(home.resolve(SchedulerStore.FILE)));
    }
}
