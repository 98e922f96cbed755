package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runnable jar itself, started as a user starts it ({@code java -jar cli/target/vigil.jar}), run by
 * failsafe after the jar is built. The jar is minimized: every class that no kept class names is dropped, so
 * a class found by name at run time (a plugin through ServiceLoader, a Parquet bit packer, a Logback
 * appender) can be missing here and only here; the unit tests run on the classes and would not notice. Each
 * job's output from the jar is compared with the same job run in-process.
 */
class ShadedJarIT {
    private static final Path JAR = Path.of("target/vigil.jar").toAbsolutePath();
    private static final Path SAMPLE = Path.of("../data/sample/kpi.csv").toAbsolutePath();
    /** The size the jar must stay within (the whole command line with Parquet, Jackson, Logback and Guice). */
    private static final long MAX_BYTES = 25_000_000;

    private record Run(int exitCode, String out, String err) {
    }

    /** Runs {@code java -jar vigil.jar args} in {@code dir}. */
    private static Run vigil(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "stdout", ".txt");
        Path err = Files.createTempFile(dir, "stderr", ".txt");
        Process p = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(10, TimeUnit.MINUTES)) { // a guard against a hung build, not a measurement
            p.destroyForcibly();
            throw new AssertionError("vigil " + String.join(" ", args) + " did not finish");
        }
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    private static Run succeeds(Path dir, String... args) throws IOException, InterruptedException {
        Run run = vigil(dir, args);
        assertThat(run.exitCode()).as("vigil %s failed:%n%s", String.join(" ", args), run.err()).isZero();
        assertThat(run.err()).as("stderr of vigil %s", String.join(" ", args)).doesNotContain("Exception", "Error:");
        return run;
    }

    @Test
    void theJarStaysSmallHoldsEachEntryOnceAndNamesItsModule() throws IOException {
        assertThat(JAR).isRegularFile();
        assertThat(Files.size(JAR)).isLessThanOrEqualTo(MAX_BYTES);
        Set<String> names = new HashSet<>();
        List<String> twice = new ArrayList<>();
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(JAR))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                if (!names.add(e.getName())) {
                    twice.add(e.getName());
                }
            }
        }
        assertThat(twice).isEmpty();
        // Hadoop contributes only the types Parquet's API names, never its configuration or file systems.
        assertThat(names).contains("org/apache/hadoop/fs/PathFilter.class")
                .doesNotContain("org/apache/hadoop/conf/Configuration.class", "org/apache/hadoop/fs/FileSystem.class");
        // parquet-hadoop's copy of fastutil is left out for parquet-column's.
        assertThat(names).contains("shaded/parquet/it/unimi/dsi/fastutil/Hash.class");
        try (JarFile jar = new JarFile(JAR.toFile())) {
            Manifest manifest = jar.getManifest();
            assertThat(manifest.getMainAttributes().getValue("Main-Class")).isEqualTo("dev.vigil.cli.Main");
            assertThat(manifest.getMainAttributes().getValue("Automatic-Module-Name")).isEqualTo("dev.vigil.cli");
        }
    }

    @Test
    void shellCompletionAndManPagesAreBuiltBesideTheJar() throws IOException {
        String completion = Files.readString(Path.of("target/vigil_completion"));
        assertThat(completion).contains("complete -F _complete_vigil", "build-model", "rebuild-model", "--model-out");
        assertThat(Files.readString(Path.of("target/man/vigil.adoc"))).contains("= vigil(1)", "xref:vigil-build-model.adoc[*build-model*]");
        assertThat(Files.readString(Path.of("target/man/vigil-convert.adoc"))).contains("= vigil-convert(1)", "*--zone*");
    }

    @Test
    void versionAndHelp(@TempDir Path dir) throws IOException, InterruptedException {
        assertThat(succeeds(dir, "--version").out()).startsWith("vigil ");
        assertThat(succeeds(dir, "--help").out()).contains("build-model", "detect", "convert", "inspect");
    }

    @Test
    void theDemoPrintsWhatItPrintsInProcess(@TempDir Path dir) throws IOException, InterruptedException {
        Run run = succeeds(dir, "demo", "--out", "demo");
        String inProcessDir = dir.resolve("in-process").toString();
        CliRun inProcess = CliRun.of("demo", "--out", inProcessDir);
        assertThat(run.out()).startsWith("Vigil demo: a production line's Output").contains("Error measures: AUC 0.9")
                .isEqualTo(inProcess.out().replace(inProcessDir, "demo"));
        assertThat(Files.readString(dir.resolve("demo/summary.txt"))).isEqualTo(run.out());
    }

    @Test
    void inspectReadsCsvAndParquet(@TempDir Path dir) throws IOException, InterruptedException {
        assertThat(succeeds(dir, "inspect", "--json", SAMPLE.toString()).out())
                .isEqualTo(CliRun.of("inspect", "--json", SAMPLE.toString()).out());
        succeeds(dir, "convert", SAMPLE.toString(), "sample.parquet");
        assertThat(succeeds(dir, "inspect", "sample.parquet").out()).contains("4,032");
    }

    @Test
    void buildModelThenDetectWriteWhatTheyWriteInProcess(@TempDir Path dir) throws IOException, InterruptedException {
        succeeds(dir, "build-model", "--data", SAMPLE.toString(), "--kpi", "kpi", "--exclude", "label", "--rows", "first:3000",
                "--model-out", "model.json", "--table-out", "in-sample.parquet", "--json-out", "build.json");
        Run detect = succeeds(dir, "detect", "--model", "model.json", "--data", SAMPLE.toString(), "--rows", "last:1032",
                "--table-out", "results.csv");
        Path in = dir.resolve("in-process");
        CliRun.of("build-model", "--data", SAMPLE.toString(), "--kpi", "kpi", "--exclude", "label", "--rows", "first:3000",
                "--model-out", in.resolve("model.json").toString());
        CliRun inProcess = CliRun.of("detect", "--model", in.resolve("model.json").toString(), "--data", SAMPLE.toString(),
                "--rows", "last:1032", "--table-out", in.resolve("results.csv").toString());
        assertThat(inProcess.exitCode()).as(inProcess.err()).isZero();
        assertThat(dir.resolve("results.csv")).hasSameTextualContentAs(in.resolve("results.csv"));
        assertThat(dir.resolve("in-sample.parquet")).isNotEmptyFile();
        assertThat(detect.out()).contains("Wrote the results table to results.csv");
    }

    @Test
    void csvToParquetToCsvKeepsEveryValue(@TempDir Path dir) throws IOException, InterruptedException {
        succeeds(dir, "convert", SAMPLE.toString(), "a.parquet");
        succeeds(dir, "convert", "a.parquet", "b.csv");
        succeeds(dir, "convert", "b.csv", "c.parquet");
        succeeds(dir, "convert", "c.parquet", "d.csv");
        assertThat(dir.resolve("d.csv")).hasSameTextualContentAs(dir.resolve("b.csv"));
        // The sample's timestamps are already UTC instants, so the round trip gives the sample back.
        assertThat(lines(dir.resolve("b.csv"))).isEqualTo(lines(SAMPLE));
    }

    @Test
    void badInputIsReportedWithItsLine(@TempDir Path dir) throws IOException, InterruptedException {
        Files.writeString(dir.resolve("ragged.csv"), "timestamp,a,b\n2024-01-01T00:00:00Z,1,2\n2024-01-01T00:00:01Z,1\n");
        Run run = vigil(dir, "inspect", "ragged.csv");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("ragged.csv", "line 3").doesNotContain("Exception");
    }

    private static List<String> lines(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }

    /** The scheduler's store opens from the jar: the SQLite driver and its native library survive the shading. */
    @Test
    void theSchedulerOpensItsStoreFromTheJar(@TempDir Path dir) throws IOException, InterruptedException {
        String home = dir.resolve("home").toString();
        // only create makes a store: one with a bad frequency opens it (the driver and its native library load), then refuses
        Run refused = vigil(dir, "scheduler", "create", "pump", "--home", home, "--model", dir.resolve("m.json").toString(), "--input",
                dir.toString(), "--output", dir.resolve("out").toString(), "--frequency", "PT7M");
        assertThat(refused.exitCode()).as(refused.err()).isEqualTo(2);
        Run run = succeeds(dir, "scheduler", "list", "--home", home);
        assertThat(run.out()).contains("No scheduler in");
        assertThat(dir.resolve("home").resolve("scheduler.db")).isRegularFile();
    }
}
