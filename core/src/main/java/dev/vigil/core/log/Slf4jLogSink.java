package dev.vigil.core.log;

import dev.vigil.spi.log.LogEntry;
import dev.vigil.spi.log.LogSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forwards job-log entries to SLF4J, logger {@code dev.vigil.job}: Info at debug level (a job's log
 * is its report; the console gets only what needs attention), Warning at warn, Error at error.
 */
public final class Slf4jLogSink implements LogSink {
    private static final Logger LOG = LoggerFactory.getLogger("dev.vigil.job");

    @Override
    public void accept(LogEntry entry) {
        switch (entry.messageType()) {
            case Info -> LOG.debug("[{}] {}", entry.origin(), entry.message());
            case Warning -> LOG.warn("[{}] {}", entry.origin(), entry.message());
            case Error -> LOG.error("[{}] {}", entry.origin(), entry.message());
        }
    }
}
