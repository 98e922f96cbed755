package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.status.Status;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The command line's logback.xml loads, and keeps the libraries under Parquet quiet. */
class LoggingConfigTest {
    @Test
    void loadsWithoutErrorsAndSilencesParquetAndHadoop() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        assertThat(context.getStatusManager().getCopyOfStatusList()).noneMatch(s -> s.getLevel() == Status.ERROR);
        assertThat(context.getLogger("org.apache.hadoop.conf.Configuration").getEffectiveLevel()).isEqualTo(Level.OFF);
        assertThat(context.getLogger("org.apache.parquet.hadoop.ParquetFileReader").getEffectiveLevel()).isEqualTo(Level.ERROR);
        assertThat(context.getLogger("dev.vigil.job").getEffectiveLevel()).isEqualTo(Level.WARN);
    }
}
