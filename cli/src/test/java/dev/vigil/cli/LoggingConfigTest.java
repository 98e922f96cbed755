package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.status.Status;
import org.junit.jupiter.api.Test;

/**
 * The command line's logback.xml loads, keeps the libraries under Parquet quiet and leaves job logs
 * to the commands. Read into a fresh context, since commands run by other tests change levels.
 */
class LoggingConfigTest {
    @Test
    void loadsWithoutErrorsAndSilencesLibrariesAndJobLogs() throws JoranException {
        LoggerContext context = new LoggerContext();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(LoggingConfigTest.class.getResource("/logback.xml"));
        assertThat(context.getStatusManager().getCopyOfStatusList()).noneMatch(s -> s.getLevel() == Status.ERROR);
        assertThat(context.getLogger("org.apache.hadoop.conf.Configuration").getEffectiveLevel()).isEqualTo(Level.OFF);
        assertThat(context.getLogger("org.apache.parquet.hadoop.ParquetFileReader").getEffectiveLevel()).isEqualTo(Level.ERROR);
        assertThat(context.getLogger("dev.vigil.job").getEffectiveLevel()).isEqualTo(Level.OFF);
        assertThat(context.getLogger("dev.vigil.io").getEffectiveLevel()).isEqualTo(Level.WARN);
    }
}
