package dev.vigil.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.VigilException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SchedulerConfigTest {
    private static final Instant NOW = Instant.parse("2026-12-07T09:08:00Z");

    private static SchedulerConfig parse(String frequency, String delay, String offset, String format, String delimiter) {
        return SchedulerConfig.parse("pump", Path.of("m.json"), Path.of("in"), Path.of("out"), frequency, delay, offset, format, delimiter, null, 288, NOW);
    }

    @Test
    void readsEveryValueLookoutAllows() {
        for (String f : new String[] {"PT5M", "PT10M", "PT15M", "PT30M", "PT1H"}) {
            assertThat(parse(f, "PT0M", "+00:00", "EPOCH", "_").frequency()).isEqualTo(Duration.parse(f));
        }
        for (String d : new String[] {"-", "_", " ", "", "none"}) {
            assertThat(parse("PT5M", "PT0M", "+00:00", "EPOCH", d).delimiter()).isEqualTo(d.equals("none") ? "" : d);
        }
        SchedulerConfig c = parse("pt10m", "PT60M", "+05:30", "yyyy-MM-dd-HH-mm-ss", "-");
        assertThat(c.delay()).isEqualTo(Duration.ofHours(1));
        assertThat(c.timeZoneOffset()).isEqualTo(ZoneOffset.ofHoursMinutes(5, 30));
        assertThat(c.timestampFormat()).isEqualTo(NameFormat.DASHED);
        assertThat(c.start()).isEqualTo(NOW);
        assertThat(parse("PT5M", "5", "-08:00", "yyyyMMddHHmmss", "_").delay()).isEqualTo(Duration.ofMinutes(5));
        assertThat(SchedulerConfig.fromMap(c.toMap())).isEqualTo(c);
    }

    @Test
    void everyBadValueIsNamedWithWhatIsValidAllAtOnce() {
        assertThatThrownBy(() -> parse("PT7M", "PT61M", "+5:30", "yyyy/MM/dd", "+"))
                .isInstanceOfSatisfying(VigilException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CONFIGURATION);
                    assertThat(e.problems()).hasSize(5);
                })
                .hasMessageContaining("--frequency 'PT7M' (DataUploadFrequency) is not valid; use one of PT5M, PT10M, PT15M, PT30M, PT1H")
                .hasMessageContaining("--delay 'PT61M' (DataDelayOffsetInMinutes) is not valid; give whole minutes from PT0M to PT60M")
                .hasMessageContaining("--timezone-offset '+5:30' (InputTimeZoneOffset) is not valid; write +HH:MM or -HH:MM")
                .hasMessageContaining("--timestamp-format 'yyyy/MM/dd' (TimestampFormat) is not valid; use one of EPOCH, yyyy-MM-dd-HH-mm-ss, yyyyMMddHHmmss")
                .hasMessageContaining("--delimiter '+' (ComponentTimestampDelimiter) is not valid; use '-', '_', ' ' (a space) or '' (none)");
    }

    @Test
    void refusesANegativeOrFractionalDelayAnUnknownFrequencyFormAndABadName() {
        assertThatThrownBy(() -> parse("PT5M", "PT-1M", "+00:00", "EPOCH", "_")).hasMessageContaining("--delay 'PT-1M'");
        assertThatThrownBy(() -> parse("PT5M", "PT30S", "+00:00", "EPOCH", "_")).hasMessageContaining("--delay 'PT30S'");
        assertThatThrownBy(() -> parse("five minutes", "PT0M", "+00:00", "EPOCH", "_")).hasMessageContaining("--frequency 'five minutes'");
        assertThatThrownBy(() -> SchedulerConfig.parse("my pump", Path.of("m"), Path.of("i"), Path.of("o"), "PT5M", "PT0M", "+00:00", "EPOCH", "_",
                "yesterday", 288, NOW))
                .hasMessageContaining("NAME 'my pump' (InferenceSchedulerName) is not valid; use 1 to 200 letters, digits, '_' or '-'")
                .hasMessageContaining("--start 'yesterday' (StartTime) is not an ISO 8601 instant");
        assertThatThrownBy(() -> new SchedulerConfig("p", Path.of("m"), Path.of("same"), Path.of("same"), Duration.ofMinutes(5), Duration.ZERO,
                ZoneOffset.UTC, NameFormat.EPOCH, "_", NOW, 0))
                .hasMessageContaining("--max-catch-up 0 (MaxCatchUpWindows) is not valid")
                .hasMessageContaining("the input and output folders are the same");
    }

    @Test
    void theFoldersAndTheCatchUpCapAreReportedWithTheOtherBadValues() {
        assertThatThrownBy(() -> SchedulerConfig.parse("pump", Path.of("m"), Path.of("same"), Path.of("same"), "5", "PT0M", "+00:00", "EPOCH", "_",
                null, 0, NOW))
                .isInstanceOfSatisfying(VigilException.class, e -> assertThat(e.problems()).hasSize(3))
                .hasMessageContaining("--frequency '5' (DataUploadFrequency) is not valid")
                .hasMessageContaining("--max-catch-up 0 (MaxCatchUpWindows) is not valid")
                .hasMessageContaining("the input and output folders are the same");
    }
}
