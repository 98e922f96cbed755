package dev.vigil.spi.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class JobLogTest {
    @Test
    void keepsEntriesInOrderWithTheirTypeOriginAndTime() {
        Instant now = Instant.parse("2026-01-02T03:04:05Z");
        JobLog log = new JobLog(Clock.fixed(now, ZoneOffset.UTC));
        log.info("Preparation", "Used sampling period 1 second.");
        log.warning("Validation", "Label column has one class.");
        assertThat(log.entries()).containsExactly(
                new LogEntry(now, "Preparation", MessageType.Info, "Used sampling period 1 second."),
                new LogEntry(now, "Validation", MessageType.Warning, "Label column has one class."));
        assertThat(log.has(MessageType.Warning)).isTrue();
        assertThat(log.has(MessageType.Error)).isFalse();
    }

    @Test
    void entriesAreASnapshot() {
        JobLog log = new JobLog();
        var before = log.entries();
        log.info("x", "y");
        assertThat(before).isEmpty();
        assertThat(log.entries()).hasSize(1);
    }
}
