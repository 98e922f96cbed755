package dev.vigil.examples;

import dev.vigil.core.plugin.PluginRegistry;
import dev.vigil.evaluation.system.SystemEvent;
import dev.vigil.evaluation.system.SystemJob;
import dev.vigil.evaluation.system.SystemJobSettings;
import dev.vigil.evaluation.system.SystemRun;
import dev.vigil.io.labels.LabelRanges;
import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.spi.log.JobLog;
import dev.vigil.spi.settings.RowSelection;
import dev.vigil.spi.settings.RowUnit;
import dev.vigil.system.Contribution;
import dev.vigil.testing.SystemData;
import dev.vigil.testing.SystemDataGenerator;
import java.io.PrintStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * System-driven detection composed in plain code, no injector: a pump's eight signals, named {@code
 * component\tag} (motor, pump, bearing), judged together with no KPI. The model is built on the first half,
 * detects on the second, where vigil-testing's generator put a drift, a spike, a stuck sensor and a broken
 * relation; the anomalous rows are merged into events, each with the signals and the subsystems (from
 * tags: the motor and the bearing make the drive) that drove it, and judged against the faults' ranges.
 *
 * <p>Run: {@code java -cp "examples/target/classes:$(cat examples/target/classpath.txt)" dev.vigil.examples.PumpExample}
 * after {@code mvn -B -q -pl examples -am package -DskipTests} (README, "Examples"), or from an IDE.
 */
public final class PumpExample {
    /** The pump's signals, in place of the generator's s1…s8. */
    static final List<String> SIGNALS = List.of("motor\\current", "motor\\temperature", "motor\\vibration", "pump\\flow",
            "pump\\inlet_pressure", "pump\\outlet_pressure", "bearing\\temperature", "bearing\\vibration");

    private PumpExample() {
    }

    public static void main(String[] args) {
        run(System.out);
    }

    /** Builds, detects and prints the events; returns what detect found. */
    static SystemRun run(PrintStream out) {
        SystemData machine = SystemDataGenerator.create().rows(5000).signals(8).trainShare(0.5).faultsPerKind(1).modeChanges(1).seed(2026)
                .generate();
        TimeFrame.Builder b = TimeFrame.builder(machine.frame().times());
        for (int i = 0; i < SIGNALS.size(); i++) {
            b.column(SIGNALS.get(i), machine.frame().values(machine.signals().get(i)));
        }
        b.column("label", machine.frame().values(machine.label()));
        TimeFrame pump = b.build();

        PluginRegistry registry = PluginRegistry.load();            // the models and the regressions they build on, by name
        JobLog log = new JobLog();
        LabelRanges faults = SystemJob.labelsOf(pump, "label", log); // or LabelRanges.read(Path.of("labels.csv"), zone, log)
        Map<String, String> subsystems = new LinkedHashMap<>();      // or Tags.read(Path.of("tags.csv"), signals).groups(signals)
        SIGNALS.forEach(s -> subsystems.put(s, s.startsWith("pump") ? "hydraulics" : "drive"));
        SystemJobSettings settings = SystemJobSettings.DEFAULT.withGroups(subsystems);  // cross-regression, automatic sensitivity

        SystemRun built = SystemJob.build(pump, RowSelection.first(2500, RowUnit.Sample), List.of("label"), faults, settings, registry, log,
                fraction -> { });
        SystemRun found = SystemJob.detect(built.model(), pump, null, faults, new JobLog());  // the rows after the in-sample ones

        out.printf("%d anomalous rows in %d events on the pump's last %,d rows:%n", found.anomalies(), found.events().size(),
                found.detection().rows());
        for (SystemEvent e : found.events()) {
            out.printf("  %s for %s, peak indicator %.1f: %s; %s%n", Instant.ofEpochMilli(e.start()), e.duration(), e.peakIndicator(),
                    e.top(2).stream().map(PumpExample::share).collect(Collectors.joining(", ")),
                    e.components().entrySet().stream().map(c -> String.format("%s %.0f %%", c.getKey(), 100 * c.getValue()))
                            .collect(Collectors.joining(", ")));
        }
        found.metrics().ifPresent(m -> out.printf("%d of %d faults identified; event precision %.2f, recall %.2f%n", m.identified(),
                m.labelled().size(), m.events().precision().orElse(Double.NaN), m.events().recall().orElse(Double.NaN)));
        return found;
    }

    private static String share(Contribution c) {
        return String.format("%s %.0f %%", c.signal(), 100 * c.share());
    }
}
