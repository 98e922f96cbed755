package dev.vigil.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** {@code vigil} run in a child JVM on the tests' class path, for tests that kill it or starve it of memory. */
final class ChildVigil {
    private ChildVigil() {
    }

    /**
     * Starts {@link Main} in a new JVM with the given JVM options and arguments; stdout is discarded,
     * stderr is left to read.
     */
    static Process start(List<String> jvmOptions, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-XX:TieredStopAtLevel=1");
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Main.class.getName());
        command.addAll(Arrays.asList(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().remove("VIGIL_PLUGINS");
        return builder.start();
    }
}
