package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.status.Status;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/**
 * The command line configures Logback in code: it starts without errors, keeps the libraries under
 * Parquet quiet, leaves job logs to the commands, and is found by Logback without a logback.xml in the
 * jar. Applied to a fresh context, since commands run by other tests change levels.
 */
class LoggingConfigTest {
    @Test
    void configuresWithoutErrorsAndSilencesLibrariesAndJobLogs() {
        LoggerContext context = new LoggerContext();
        LogbackSetup setup = new LogbackSetup();
        setup.setContext(context);
        assertThat(setup.configure(context)).isEqualTo(Configurator.ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);
        assertThat(context.getStatusManager().getCopyOfStatusList()).noneMatch(s -> s.getLevel() == Status.ERROR);
        assertThat(context.getLogger("org.apache.hadoop.conf.Configuration").getEffectiveLevel()).isEqualTo(Level.OFF);
        assertThat(context.getLogger("org.apache.parquet.hadoop.ParquetFileReader").getEffectiveLevel()).isEqualTo(Level.ERROR);
        assertThat(context.getLogger("dev.vigil.job").getEffectiveLevel()).isEqualTo(Level.OFF);
        assertThat(context.getLogger("dev.vigil.io").getEffectiveLevel()).isEqualTo(Level.WARN);
        assertThat(context.getLogger("com.google.inject").getEffectiveLevel()).isEqualTo(Level.ERROR);
        assertThat(context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender("STDERR")).isInstanceOfSatisfying(ConsoleAppender.class,
                a -> assertThat(a.getTarget()).isEqualTo("System.err"));
        LogbackSetup.verbosity(context, true);
        assertThat(context.getLogger("dev.vigil.io").getEffectiveLevel()).isEqualTo(Level.DEBUG);
        assertThat(context.getLogger("dev.vigil.job").getEffectiveLevel()).isEqualTo(Level.DEBUG);
        assertThat(context.getLogger("org.apache.hadoop.conf.Configuration").getEffectiveLevel()).as("quiet even when verbose").isEqualTo(Level.OFF);
    }

    @Test
    void logbackFindsItAndTheJarShipsNoLogbackXml() {
        assertThat(ServiceLoader.load(Configurator.class).stream().map(p -> p.type().getName())).contains(LogbackSetup.class.getName());
        assertThat(LogbackSetup.class.getResource("/logback.xml")).isNull();
    }

    @Test
    void versionAndHelpNeverLoadLogbackButACommandDoes() throws IOException, InterruptedException {
        assertThat(loadsLogback("--version")).isFalse();
        assertThat(loadsLogback("inspect", "--help")).isFalse();
        assertThat(loadsLogback("nab")).isFalse();
        assertThat(loadsLogback("inspect", "no-such-file.csv")).isTrue();
    }

    /** Runs the command line in a fresh JVM and tells whether a Logback class was loaded. */
    private static boolean loadsLogback(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xshare:auto", "-verbose:class", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        assertThat(out).as("the run itself").contains("[class,load] dev.vigil.cli.Main");
        return out.contains("[class,load] ch.qos.logback.classic");
    }

    @Test
    void linesAreTheLevelAndTheMessage() {
        LoggerContext context = new LoggerContext();
        LogbackSetup.LevelMessageLayout layout = new LogbackSetup.LevelMessageLayout();
        layout.setContext(context);
        ch.qos.logback.classic.spi.LoggingEvent event = new ch.qos.logback.classic.spi.LoggingEvent("x", context.getLogger("dev.vigil.io"),
                Level.WARN, "Dropped {} columns", null, new Object[] {2});
        assertThat(layout.doLayout(event)).isEqualTo("WARN  Dropped 2 columns" + System.lineSeparator());
        ch.qos.logback.classic.spi.LoggingEvent failed = new ch.qos.logback.classic.spi.LoggingEvent("x", context.getLogger("dev.vigil.io"),
                Level.ERROR, "Failed", new IllegalStateException("boom"), null);
        assertThat(layout.doLayout(failed)).startsWith("ERROR Failed" + System.lineSeparator() + "java.lang.IllegalStateException: boom")
                .contains("at dev.vigil.cli.LoggingConfigTest");
    }
}
