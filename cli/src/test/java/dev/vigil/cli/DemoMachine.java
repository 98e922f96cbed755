package dev.vigil.cli;

import dev.vigil.io.csv.CsvWriter;
import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.testing.SystemData;
import dev.vigil.testing.SystemDataGenerator;
import dev.vigil.testing.SystemFault;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * The machine {@code vigil demo --approach system-driven} runs on, as generated: a pump's eight signals
 * ({@code component\tag}) from {@link SystemDataGenerator}, one fault of each kind after the training
 * half, and a normal change of operating mode. {@link #main} writes the bundled files; {@link
 * BundledDataTest} checks that they are exactly what this makes.
 */
final class DemoMachine {
    /** The generated signals s1…s8, renamed as the pump's components and tags. */
    static final List<String> SIGNALS = List.of("motor\\current", "motor\\temperature", "motor\\vibration", "pump\\flow",
            "pump\\inlet_pressure", "pump\\outlet_pressure", "bearing\\temperature", "bearing\\vibration");

    private DemoMachine() {
    }

    static SystemData generate() {
        return SystemDataGenerator.create().rows(5000).signals(8).trainShare(0.5).faultsPerKind(1).modeChanges(1).seed(2026).generate();
    }

    /** The signals under the pump's names, without the label column. */
    static TimeFrame frame(SystemData d) {
        TimeFrame.Builder b = TimeFrame.builder(d.frame().times());
        for (int i = 0; i < SIGNALS.size(); i++) {
            b.column(SIGNALS.get(i), d.frame().values(d.signals().get(i)));
        }
        return b.build();
    }

    /** The faults as labelled ranges: start,end,label (the kind and the faulty signal). */
    static List<String> labels(SystemData d) {
        long[] t = d.frame().times();
        List<String> lines = new ArrayList<>(List.of("start,end,label"));
        for (SystemFault f : d.faults()) {
            String signal = SIGNALS.get(d.signals().indexOf(f.signal()));
            lines.add(Instant.ofEpochMilli(t[f.start()]) + "," + Instant.ofEpochMilli(t[f.end() - 1]) + "," + f.kind().name().toLowerCase()
                    .replace('_', ' ') + " on " + signal);
        }
        return lines;
    }

    /** Writes machine.csv.gz and machine-labels.csv to a folder (the demo's resources). */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        SystemData d = generate();
        Path csv = Files.createTempFile("machine", ".csv");
        CsvWriter.write(frame(d), csv);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(dir.resolve("machine.csv.gz")))) {
            Files.copy(csv, out);
        }
        Files.delete(csv);
        Files.write(dir.resolve("machine-labels.csv"), labels(d));
    }
}
