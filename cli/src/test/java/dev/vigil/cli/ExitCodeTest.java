package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.io.csv.CsvWriter;
import dev.vigil.testing.KpiDataGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A failure that is not the user's (a broken plugin, a bug) exits 1 with one line on stderr; --verbose adds the stack trace. */
class ExitCodeTest {
    @TempDir
    Path dir;

    private Path data;
    private Path plugins;

    @BeforeEach
    void setUp() throws IOException {
        data = dir.resolve("data.csv");
        CsvWriter.write(KpiDataGenerator.create().rows(1500).seed(3).generate().unlabelled(), data);
        plugins = dir.resolve("plugins");
        Files.createDirectories(plugins.resolve("META-INF/services"));
        Files.writeString(plugins.resolve("META-INF/services/dev.vigil.spi.DetectionPerspective"),
                BrokenPerspectives.InTransform.class.getName() + "\n" + BrokenPerspectives.InWindow.class.getName() + "\n");
    }

    private CliRun buildModel(String perspective, String... more) {
        String[] args = {"build-model", "--data", data.toString(), "--perspectives", perspective, "--plugins", plugins.toString()};
        String[] all = new String[args.length + more.length];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return CliRun.of(all);
    }

    @Test
    void aPluginThatThrowsIsAPluginErrorExitOneOnOneLine() {
        CliRun run = buildModel("Residual,BrokenTransform");
        assertThat(run.exitCode()).isEqualTo(Errors.INTERNAL).isEqualTo(1);
        assertThat(run.err()).isEqualTo("vigil: plugin error: Perspective BrokenTransform failed: java.lang.IllegalStateException: "
                + "broken on purpose" + System.lineSeparator());
        assertThat(run.out()).doesNotContain("Built a model");

        CliRun verbose = buildModel("Residual,BrokenTransform", "--verbose");
        assertThat(verbose.exitCode()).isEqualTo(1);
        assertThat(verbose.err()).startsWith("vigil: plugin error: Perspective BrokenTransform failed")
                .contains("Caused by: java.lang.IllegalStateException: broken on purpose")
                .contains("\tat " + BrokenPerspectives.InTransform.class.getName() + ".transform(");
    }

    @Test
    void anExceptionOutsideVigilsOwnIsAnInternalErrorExitOneOnOneLine() {
        CliRun run = buildModel("BrokenWindow");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("vigil: internal error: java.lang.ArithmeticException: no window on purpose "
                + "(run with --verbose for the stack trace)" + System.lineSeparator());

        CliRun verbose = buildModel("BrokenWindow", "--verbose");
        assertThat(verbose.exitCode()).isEqualTo(1);
        assertThat(verbose.err()).startsWith("vigil: internal error: java.lang.ArithmeticException: no window on purpose"
                + System.lineSeparator() + "java.lang.ArithmeticException: no window on purpose")
                .contains("\tat " + BrokenPerspectives.InWindow.class.getName() + ".defaultWindow(");
    }
}
