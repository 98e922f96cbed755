package dev.vigil.examples;

import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.vigil.core.plugin.PluginRegistry;
import dev.vigil.evaluation.system.SystemJob;
import dev.vigil.evaluation.system.SystemJobSettings;
import dev.vigil.scheduler.Execution;
import dev.vigil.scheduler.ExecutionListener;
import dev.vigil.scheduler.ExecutionStatus;
import dev.vigil.scheduler.SchedulerConfig;
import dev.vigil.scheduler.SchedulerModule;
import dev.vigil.scheduler.SchedulerStatus;
import dev.vigil.scheduler.SchedulerStore;
import dev.vigil.scheduler.Schedulers;
import dev.vigil.scheduler.StoredEvent;
import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.spi.log.JobLog;
import dev.vigil.spi.settings.RowSelection;
import dev.vigil.spi.settings.RowUnit;
import dev.vigil.testing.SystemData;
import dev.vigil.testing.SystemDataGenerator;
import dev.vigil.testing.SystemFault;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scheduled inference on the generated pump of {@link PumpExample} (README, "Scheduled inference"): a model is built
 * on the first half; a scheduler with 5-minute windows watches an input folder; the files of three hours around the
 * first fault are dropped in as a data logger would ({@code motor_20240104213500.csv}, one per component and
 * window); {@code run-once} runs every due window; the results ({@code <output>/<ScheduledStartTime>/results.jsonl})
 * and the events (an event spanning windows is one) are read back. The scheduler is assembled by Guice ({@link
 * SchedulerModule}), as the {@code vigil scheduler serve} daemon is.
 *
 * <p>Run: {@code java -cp "examples/target/classes:$(cat examples/target/classpath.txt)" dev.vigil.examples.SchedulerExample [DIR]}
 * after {@code mvn -B -q -pl examples -am package -DskipTests}; DIR (default: a new temporary folder) receives
 * {@code model.json}, {@code in/}, {@code out/} and the scheduler's home {@code home/}; run again on the same DIR, it
 * deletes the scheduler of the previous run first, so that every run starts clean.
 */
public final class SchedulerExample {
    private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);

    private SchedulerExample() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("vigil-scheduler-example");
        run(dir, System.out);
    }

    /** Builds, schedules, drops files, runs the due windows and prints the results; returns the events. */
    static List<StoredEvent> run(Path dir, PrintStream out) throws IOException {
        SystemData machine = SystemDataGenerator.create().rows(5000).signals(8).trainShare(0.5).faultsPerKind(1).modeChanges(1).seed(2026)
                .generate();
        TimeFrame.Builder b = TimeFrame.builder(machine.frame().times());
        for (int i = 0; i < PumpExample.SIGNALS.size(); i++) {
            b.column(PumpExample.SIGNALS.get(i), machine.frame().values(machine.signals().get(i)));
        }
        TimeFrame pump = b.build();
        Path model = dir.resolve("model.json");
        SystemJob.build(pump, RowSelection.first(2500, RowUnit.Sample), List.of(), null, SystemJobSettings.DEFAULT, PluginRegistry.load(),
                new JobLog(), fraction -> { }).model().write(model);

        // three hours of 5-minute windows from half an hour before the first fault
        SystemFault first = machine.faults().stream().min(java.util.Comparator.comparingInt(SystemFault::start)).orElseThrow();
        Instant faultStart = Instant.ofEpochMilli(pump.time(first.start()));
        Instant start = faultStart.minusSeconds(1800).truncatedTo(java.time.temporal.ChronoUnit.HOURS);
        Instant until = start.plusSeconds(3 * 3600);
        Path in = Files.createDirectories(dir.resolve("in"));
        Path output = dir.resolve("out");

        Injector injector = Guice.createInjector(new SchedulerModule(dir.resolve("home")));
        Schedulers schedulers = injector.getInstance(Schedulers.class);
        try (SchedulerStore store = injector.getInstance(SchedulerStore.class)) {
            // vigil scheduler create pump --model model.json --input in --output out --frequency PT5M --start <start>
            SchedulerConfig config = SchedulerConfig.parse("pump", model, in, output, "PT5M", "PT0M", "+00:00", "yyyyMMddHHmmss", "_",
                    start.toString(), SchedulerConfig.DEFAULT_MAX_CATCH_UP, Instant.now());
            if (store.find("pump") != null) {
                // a previous run's scheduler has run these windows already: start clean (its results are overwritten)
                if (store.find("pump").status() != SchedulerStatus.STOPPED) {
                    schedulers.stop("pump");
                }
                schedulers.delete("pump");
                out.println("Deleted the scheduler 'pump' of a previous run in " + dir + ", to start clean.");
            }
            schedulers.create(config);
            int files = 0;
            for (Instant w = start; w.isBefore(until); w = w.plusSeconds(300)) {
                files += drop(pump, in, w);
            }
            out.printf("Dropped %d files into %s (one per component and window, %s to %s); a fault (%s on %s) starts at %s.%n", files, in,
                    start, until, first.kind(), PumpExample.SIGNALS.get(machine.signals().indexOf(first.signal())), faultStart);

            // vigil scheduler run-once pump --until <until>
            List<Execution> done = schedulers.runOnce("pump", until, ExecutionListener.NONE);
            long ok = done.stream().filter(e -> e.status() == ExecutionStatus.SUCCESS).count();
            out.printf("%d windows run: %d SUCCESS, %d with anomalous rows.%n", done.size(), ok, done.stream().filter(e -> e.anomalousRows() > 0)
                    .count());
            done.stream().filter(e -> e.anomalousRows() > 0).findFirst().ifPresent(e -> {
                try {
                    out.println("The first anomalous window's " + e.resultFile() + ":");
                    Files.readAllLines(e.resultFile()).forEach(line -> out.println("  " + line));
                } catch (IOException x) {
                    throw new java.io.UncheckedIOException(x);
                }
            });

            // vigil scheduler events pump
            List<StoredEvent> events = store.events("pump", null, null);
            out.printf("%d events:%n", events.size());
            for (StoredEvent e : events) {
                Map<String, Object> m = e.toMap();
                out.printf("  %s to %s (%d s, %d anomalous rows): %s%n", m.get("EventStartTime"), m.get("EventEndTime"),
                        m.get("EventDurationInSeconds"), e.anomalousRows(), m.get("Diagnostics"));
            }
            return events;
        }
    }

    /** The files of the window starting at {@code from}: one per component, its rows in (from, from + 5 min], named by the window's start. */
    private static int drop(TimeFrame pump, Path in, Instant from) throws IOException {
        Map<String, List<String>> tags = new LinkedHashMap<>();
        for (String s : PumpExample.SIGNALS) {
            String[] p = s.split("\\\\");
            tags.computeIfAbsent(p[0], k -> new ArrayList<>()).add(p[1]);
        }
        long s = from.toEpochMilli();
        for (var c : tags.entrySet()) {
            StringBuilder text = new StringBuilder("Timestamp," + String.join(",", c.getValue()) + "\n");
            for (int r = 0; r < pump.rows(); r++) {
                if (pump.time(r) > s && pump.time(r) <= s + 300_000) {
                    text.append(Instant.ofEpochMilli(pump.time(r)));
                    for (String t : c.getValue()) {
                        text.append(',').append(pump.values(c.getKey() + "\\" + t)[r]);
                    }
                    text.append('\n');
                }
            }
            // written under a hidden name, then renamed: the scheduler never reads half a file
            Path tmp = in.resolve("." + c.getKey() + ".part");
            Files.writeString(tmp, text);
            Files.move(tmp, in.resolve(c.getKey() + "_" + NAME.format(from) + ".csv"), java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        return tags.size();
    }
}
