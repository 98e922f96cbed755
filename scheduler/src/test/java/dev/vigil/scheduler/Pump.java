package dev.vigil.scheduler;

import dev.vigil.core.plugin.PluginRegistry;
import dev.vigil.evaluation.system.SystemJob;
import dev.vigil.evaluation.system.SystemJobSettings;
import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.spi.log.JobLog;
import dev.vigil.spi.settings.RowSelection;
import dev.vigil.spi.settings.RowUnit;
import dev.vigil.testing.SystemData;
import dev.vigil.testing.SystemDataGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A generated pump for the tests: vigil-testing's {@link SystemDataGenerator} (1-minute rows from 2024-01-01, six
 * signals of three components, faults after the training half), a cross-regression model built on the first half,
 * and the second half dropped into an input folder as Lookout's component files, one per component and window,
 * stamped with the window's start.
 */
final class Pump {
    static final PluginRegistry REGISTRY = PluginRegistry.load();
    static final List<String> SIGNALS = List.of("motor\\current", "motor\\vibration", "pump\\flow", "pump\\pressure", "bearing\\temperature",
            "bearing\\vibration");
    static final int ROWS = 3000;
    static final int TRAIN = 1500;
    /** The first row after training: the schedulers start here. */
    static final Instant START = Instant.parse("2024-01-01T00:00:00Z").plus(Duration.ofMinutes(TRAIN));
    private static TimeFrame frame;

    private Pump() {
    }

    /** The signals under the pump's names. */
    static synchronized TimeFrame frame() {
        if (frame == null) {
            SystemData d = SystemDataGenerator.create().rows(ROWS).signals(SIGNALS.size()).trainShare(0.5).faultsPerKind(1).modeChanges(1)
                    .seed(7).generate();
            TimeFrame.Builder b = TimeFrame.builder(d.frame().times());
            for (int i = 0; i < SIGNALS.size(); i++) {
                b.column(SIGNALS.get(i), d.frame().values(d.signals().get(i)));
            }
            frame = b.build();
        }
        return frame;
    }

    /** Builds the model on the training half and writes it. */
    static Path model(Path dir) {
        Path file = dir.resolve("pump-model.json");
        if (!Files.exists(file)) {
            SystemJob.build(frame(), RowSelection.first(TRAIN, RowUnit.Sample), List.of(), null, SystemJobSettings.DEFAULT, REGISTRY, new JobLog(),
                    f -> { }).model().write(file);
        }
        return file;
    }

    /** A configuration of 5-minute windows from {@link #START}, files {@code component_yyyyMMddHHmmss.csv} in UTC, catching up 1,000 windows. */
    static SchedulerConfig config(String name, Path model, Path input, Path output) {
        return new SchedulerConfig(name, model, input, output, Duration.ofMinutes(5), Duration.ZERO, ZoneOffset.UTC, NameFormat.COMPACT, "_", START,
                1000);
    }

    /** The window ending {@code k} windows after the first (k = 0: the first). */
    static Window window(SchedulerConfig c, int k) {
        return Window.ending(Window.firstEnd(c).plus(c.frequency().multipliedBy(k)), c);
    }

    /** Drops the files of the given window: one per component with its rows in (S, E], stamped with S. */
    static List<Path> drop(SchedulerConfig c, Window w) {
        return drop(c, w, List.of("motor", "pump", "bearing"));
    }

    static List<Path> drop(SchedulerConfig c, Window w, List<String> components) {
        return drop(c, w, components, 0);
    }

    /**
     * Drops the files of window {@code w} holding the rows of the window {@code back} windows before it, moved forward
     * in time: replays the pump's data beyond its end.
     */
    static List<Path> drop(SchedulerConfig c, Window w, List<String> components, int back) {
        TimeFrame f = frame();
        long shift = c.frequency().toMillis() * back;
        List<Path> out = new ArrayList<>();
        Map<String, List<String>> tags = new LinkedHashMap<>();
        for (String s : SIGNALS) {
            String[] p = s.split("\\\\");
            tags.computeIfAbsent(p[0], k -> new ArrayList<>()).add(p[1]);
        }
        for (String component : components) {
            StringBuilder b = new StringBuilder("Timestamp," + String.join(",", tags.get(component)) + "\n");
            for (int r = 0; r < f.rows(); r++) {
                long t = f.time(r) + shift;
                if (t > w.start().toEpochMilli() && t <= w.end().toEpochMilli()) {
                    b.append(Instant.ofEpochMilli(t));
                    for (String tag : tags.get(component)) {
                        b.append(',').append(f.values(component + "\\" + tag)[r]);
                    }
                    b.append('\n');
                }
            }
            Path file = c.input().resolve(component + c.delimiter() + c.timestampFormat().format(w.start(), c.timeZoneOffset()) + ".csv");
            try {
                Files.createDirectories(c.input());
                Files.writeString(file, b);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            out.add(file);
        }
        return out;
    }

    /** Schedulers over a home folder on a manual clock. */
    static Schedulers schedulers(Path home, ManualClock clock) {
        return new Schedulers(home, SchedulerStore.open(home), REGISTRY, clock, new Metrics());
    }
}
