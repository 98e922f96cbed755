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

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "0|0", "-86400|-86400000", "9999999999|9999999999000", "-9999999999|-9999999999000",
        "100000000000|100000000000", "9999999999999|9999999999999", "-100000000000|-100000000000",
        "100000000000000|100000000000", "9999999999999999|9999999999999", "-100000000000001|-100000000001",
        "100000000000000000|100000000000", "9223372036854775807|9223372036854", "-100000000000000001|-100000000001",
        "1.0005|1000", "-1.0005|-1001", "-1.5|-1500", "1551869553000.9|1551869553000", "-100000000000.5|-100000000001",
    })
    void eachEpochUnitCoversItsRangeAndCutsBelowTheMillisecondTowardsThePast(String text, long millis) {
        assertThat(parse(text)).isEqualTo(millis);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "10000000000|11", "99999999999999|14", "12345678901234567|17", "-12345678901234567|17", "99999999999999999999|20",
        "9223372036854775808|19", "-9223372036854775808|19", "123456789012345678901234567890|30",
    })
    void numbersThatFitNoUnitAreRefusedWithTheirDigits(String text, int digits) {
        assertThat(TimestampFormat.detect(text)).as(text).isEmpty();
        assertThat(TimestampFormat.explain(text)).isEqualTo("is a number of " + digits + " digits, which fits no unit of time; expected "
                + "an ISO 8601 date-time such as 2019-03-06 10:52:33 or 2019-03-06T10:52:33Z, or a number since 1970-01-01 in seconds "
                + "(at most 10 digits), milliseconds (12 or 13), microseconds (15 or 16) or nanoseconds (18 or 19)");
    }

    @Test
    void aColumnRefusesNumbersOutsideTheRangeOfItsUnitWithoutOverflowing() {
        TimestampFormat seconds = TimestampFormat.detect("1551869553").orElseThrow();
        assertThat(seconds.describe()).isEqualTo("seconds since 1970-01-01 (epoch), at most 10 digits (years 1653 to 2286)");
        for (String big : new String[] {"1551869553000", "1551869553000000", "9223372036854775", "92233720368547758", "9223372036854775807",
            "9223372036854775808", "-9223372036854775808", "99999999999999999999", "1551869553000.5"}) {
            assertThat(seconds.parse(big, ZoneOffset.UTC)).as(big).isEqualTo(TimestampFormat.INVALID);
        }
        TimestampFormat nanos = TimestampFormat.detect("1551869553000000000").orElseThrow();
        assertThat(nanos.parse("1551869553", ZoneOffset.UTC)).isEqualTo(TimestampFormat.INVALID);
        assertThat(TimestampFormat.explain("12.5x")).startsWith("is not a timestamp; expected an ISO 8601 date-time");
        assertThat(TimestampFormat.explain(" ")).isEqualTo("is empty; every row needs a timestamp");
    }

    private static long parse(String text) {
        return TimestampFormat.detect(text).orElseThrow().parse(text, ZoneOffset.UTC);
    }
}
