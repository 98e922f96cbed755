package dev.vigil.scheduler;

import dev.vigil.spi.VigilException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;

/**
 * A process that runs one scheduler's due windows ({@code run-once}), for the tests that kill it: {@code home name until
 * [block]}. It prints each step of each execution ({@code step <step> <DataEndTime>}) as it happens, so that a test
 * kills it at a chosen point of its progress; with {@code block} it waits for a line on its standard input after its
 * first {@code recorded} step. Exit 2 with {@code refused: …} when the scheduler is refused.
 */
public final class SchedulerChild {
    private SchedulerChild() {
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(args[0]);
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true);
        boolean block = args.length > 3 && args[3].equals("block");
        boolean[] blocked = {false};
        try (SchedulerStore store = SchedulerStore.open(home)) {
            Schedulers s = new Schedulers(home, store, Pump.REGISTRY, new ManualClock(Instant.parse(args[2])), new Metrics());
            s.runOnce(args[1], Instant.parse(args[2]), (step, w) -> {
                out.println("step " + step + " " + w.end());
                if (block && !blocked[0] && step.equals("recorded")) {
                    blocked[0] = true;
                    try {
                        System.in.read();
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
            });
            out.println("done");
        } catch (VigilException e) {
            out.println("refused: " + e.getMessage());
            System.exit(2);
        }
    }

    /** Starts the child on the test's class path. */
    static Process start(Path home, String name, Instant until, String... more) throws java.io.IOException {
        java.util.List<String> cmd = new java.util.ArrayList<>(java.util.List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), SchedulerChild.class.getName(),
                home.toString(), name, until.toString()));
        cmd.addAll(java.util.List.of(more));
        return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }
}
