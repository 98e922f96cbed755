package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.io.csv.CsvWriter;
import dev.vigil.testing.KpiDataGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A perspective compiled here, outside the class path, becomes usable by name through --plugins. */
class PluginPathTest {
    private static final String SOURCE = """
            package acme;

            public final class Absolute implements dev.vigil.spi.DetectionPerspective {
                public String name() { return "Absolute"; }
                public dev.vigil.spi.PerspectiveWindow defaultWindow(java.time.Duration p) {
                    return dev.vigil.spi.PerspectiveWindow.of(1);
                }
                public void transform(double[] r, dev.vigil.spi.PerspectiveWindow w, double[] out) {
                    for (int i = 0; i < r.length; i++) { out[i] = Math.abs(r[i]); }
                }
            }
            """;

    /** The Absolute perspective compiled into a plugin folder under {@code dir}. */
    private static Path compile(Path dir) throws IOException {
        Path plugin = dir.resolve("plugin");
        Path source = dir.resolve("src/acme/Absolute.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, SOURCE);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int compiled = javac.run(null, null, null, "-d", plugin.toString(), "-cp", System.getProperty("java.class.path"), source.toString());
        assertThat(compiled).isZero();
        Files.createDirectories(plugin.resolve("META-INF/services"));
        Files.writeString(plugin.resolve("META-INF/services/dev.vigil.spi.DetectionPerspective"), "acme.Absolute\n");
        return plugin;
    }

    @Test
    void aPluginFolderAddsAPerspectiveByName(@TempDir Path dir) throws IOException {
        Path plugin = compile(dir);
        Path data = dir.resolve("data.csv");
        CsvWriter.write(KpiDataGenerator.create().rows(1500).seed(3).generate().unlabelled(), data);

        CliRun without = CliRun.of("build-model", "--data", data.toString(), "--perspectives", "Absolute");
        assertThat(without.exitCode()).isEqualTo(2);
        assertThat(without.err()).contains("Unknown perspective 'Absolute'");

        CliRun with = CliRun.of("build-model", "--data", data.toString(), "--perspectives", "Absolute,Residual", "--plugins", plugin.toString());
        assertThat(with.exitCode()).as(with.err()).isZero();
        assertThat(with.out()).contains("Absolute           window   1");
        assertThat(List.of(with.out().split("\n"))).anyMatch(l -> l.startsWith("  Residual"));
    }

    @Test
    void aModelOrConfigurationNamingAPluginThatIsNotLoadedSaysHowToLoadIt(@TempDir Path dir) throws IOException {
        Path plugin = compile(dir);
        Path data = dir.resolve("data.csv");
        CsvWriter.write(KpiDataGenerator.create().rows(1500).seed(4).generate().unlabelled(), data);
        Path model = dir.resolve("model.json");
        CliRun built = CliRun.of("build-model", "--data", data.toString(), "--perspectives", "Absolute,Residual", "--plugins", plugin.toString(),
                "--model-out", model.toString());
        assertThat(built.exitCode()).as(built.err()).isZero();
        String hint = "load the plugin that provides it with --plugins JAR or VIGIL_PLUGINS";

        CliRun detect = CliRun.of("detect", "--model", model.toString(), "--data", data.toString());
        assertThat(detect.exitCode()).isEqualTo(2);
        assertThat(detect.err()).contains("Unknown perspective 'Absolute'", "(named in " + model + "); " + hint);

        Path config = dir.resolve("config.json");
        Files.writeString(config, "{\"configuration\": {\"domainSpecifics\": [{\"perspective\": \"Absolute\"}]}}");
        CliRun fromConfig = CliRun.of("build-model", "--data", data.toString(), "--config", config.toString());
        assertThat(fromConfig.exitCode()).isEqualTo(2);
        assertThat(fromConfig.err()).contains("Unknown perspective 'Absolute'", "(named in " + config + "); " + hint);

        CliRun typed = CliRun.of("build-model", "--data", data.toString(), "--perspectives", "Imbalanse");
        assertThat(typed.err()).contains("did you mean 'Imbalance'?").doesNotContain(hint); // a name typed on the command line
    }

    @Test
    void aMissingPluginPathIsReported() {
        CliRun run = CliRun.of("build-model", "--data", "x.csv", "--plugins", "/no/such/dir");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--plugins /no/such/dir does not exist");
    }

    @Test
    void theOptionAndTheVariableTakeThePathSeparator() {
        String two = "a.jar" + java.io.File.pathSeparator + "plugins";
        List<Path> expected = List.of(Path.of("a.jar"), Path.of("plugins"));
        assertThat(PluginPath.of(new String[] {"build-model", "--plugins", two}, null)).isEqualTo(expected);
        assertThat(PluginPath.of(new String[] {"build-model", "--plugins=" + two}, null)).isEqualTo(expected);
        assertThat(PluginPath.of(new String[] {"--plugins", "a.jar", "detect", "--plugins", "plugins"}, null)).isEqualTo(expected);
        assertThat(PluginPath.of(new String[] {"build-model"}, two)).isEqualTo(expected);
        assertThat(PluginPath.of(new String[] {"--plugins", "b.jar"}, two)).as("the option wins").containsExactly(Path.of("b.jar"));
        assertThat(PluginPath.of(new String[] {"convert", "--", "--plugins", "x"}, null)).as("after --, a file name").isEmpty();
        assertThat(CliRun.of("--help").out()).contains("separated", PluginPath.SEPARATOR_NAME, PluginPath.ENV);
    }

    @Test
    void twoPluginFoldersInOneOption(@TempDir Path dir) throws IOException {
        Path plugin = compile(dir);
        Path empty = java.nio.file.Files.createDirectories(dir.resolve("empty"));
        Path data = dir.resolve("data.csv");
        CsvWriter.write(KpiDataGenerator.create().rows(1500).seed(5).generate().unlabelled(), data);
        CliRun run = CliRun.of("build-model", "--data", data.toString(), "--perspectives", "Absolute", "--plugins",
                empty + java.io.File.pathSeparator + plugin);
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Absolute           window   1");
    }
}
