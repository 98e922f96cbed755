package dev.vigil.spi.frame;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {
    @Test
    void writesDurationsForPeople() {
        assertThat(Durations.human(Duration.ofSeconds(1))).isEqualTo("1 second");
        assertThat(Durations.human(Duration.ofMinutes(15))).isEqualTo("15 minutes");
        assertThat(Durations.human(Duration.ofMinutes(90))).isEqualTo("1 hour 30 minutes");
        assertThat(Durations.human(Duration.ofDays(1))).isEqualTo("1 day");
        assertThat(Durations.human(Duration.ofMillis(250))).isEqualTo("250 milliseconds");
        assertThat(Durations.human(Duration.ZERO)).isEqualTo("0 seconds");
        assertThat(Durations.human(Duration.ofSeconds(3601))).isEqualTo("1 hour 1 second");
        assertThat(Durations.human(Duration.ofMinutes(24 * 60 + 55).plusSeconds(7))).isEqualTo("1 day 55 minutes");
    }
}
