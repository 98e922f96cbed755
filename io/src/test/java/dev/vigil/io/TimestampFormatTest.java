package dev.vigil.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TimestampFormatTest {
    private static long iso(String text, ZoneId zone) {
        return TimestampFormat.iso().parse(text, zone);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "2019-03-06 10:52:33|2019-03-06T10:52:33Z",
        "2019-03-06T10:52:33|2019-03-06T10:52:33Z",
        "2019-03-06T10:52:33Z|2019-03-06T10:52:33Z",
        "2019-03-06T10:52:33.25Z|2019-03-06T10:52:33.250Z",
        "2019-03-06 10:52:33.123456789|2019-03-06T10:52:33.123Z",
        "2019-03-06T11:52:33+01:00|2019-03-06T10:52:33Z",
        "2019-03-06T11:52:33+0100|2019-03-06T10:52:33Z",
        "2019-03-06T05:52:33-05|2019-03-06T10:52:33Z",
        "2019-03-06 10:52:33 UTC|2019-03-06T10:52:33Z",
        "2019/03/06 10:52|2019-03-06T10:52:00Z",
        "2019-03-06|2019-03-06T00:00:00Z",
        "  2019-03-06 10:52:33  |2019-03-06T10:52:33Z",
    })
    void readsIsoVariantsInUtc(String text, String expected) {
        assertThat(iso(text, ZoneOffset.UTC)).isEqualTo(Instant.parse(expected).toEpochMilli());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"2019-13-06 10:52:33", "2019-02-30", "2019-03-06 25:00:00", "2019-03-06 10:60",
        "2019-03-06T10:52:33X", "06.03.2019 10:52", "2019-3-6", "hello", "2019-03-06 10:52:33.", "2019-03-06T10:52:33+25:00"})
    void refusesWhatIsNotADateTime(String text) {
        assertThat(iso(text, ZoneOffset.UTC)).isEqualTo(TimestampFormat.INVALID);
    }

    @Test
    void zoneLessTimestampsAreReadInTheGivenZone() {
        ZoneId brussels = ZoneId.of("Europe/Brussels");
        assertThat(iso("2019-07-01 12:00:00", brussels)).isEqualTo(Instant.parse("2019-07-01T10:00:00Z").toEpochMilli());
        assertThat(iso("2019-01-01 12:00:00", brussels)).isEqualTo(Instant.parse("2019-01-01T11:00:00Z").toEpochMilli());
        // an explicit offset wins over the zone
        assertThat(iso("2019-01-01T12:00:00Z", brussels)).isEqualTo(Instant.parse("2019-01-01T12:00:00Z").toEpochMilli());
    }

    @Test
    void epochUnitsAreToldApartByDigits() {
        long expected = Instant.parse("2019-03-06T10:52:33Z").toEpochMilli();
        assertThat(parse("1551869553")).isEqualTo(expected);
        assertThat(parse("1551869553000")).isEqualTo(expected);
        assertThat(parse("1551869553000000")).isEqualTo(expected);
        assertThat(parse("1551869553000000000")).isEqualTo(expected);
        assertThat(parse("1551869553.5")).isEqualTo(expected + 500);
        assertThat(TimestampFormat.detect("1551869553").orElseThrow().isEpoch()).isTrue();
        assertThat(TimestampFormat.detect("12.5x")).isEmpty();
        assertThat(TimestampFormat.detectIso("1551869553")).isEmpty();
    }

    private static long parse(String text) {
        return TimestampFormat.detect(text).orElseThrow().parse(text, ZoneOffset.UTC);
    }
}
