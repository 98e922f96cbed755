package dev.vigil.io;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.testing.Trials;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Properties of the one timestamp parser ({@link Trials}): epoch units by magnitude, never an exception, ISO text read back. */
class TimestampFormatPropertiesTest {
    private static final long YEAR_0_DAY_2 = -62_167_132_800_000L;
    private static final long YEAR_9999_LAST_DAY = 253_402_214_400_000L;

    /** The epoch milliseconds a whole number means, by the unit whose range holds it, or empty if none does. */
    private static Optional<Long> expected(long v) {
        long m = Math.abs(v);
        if (v == Long.MIN_VALUE) {
            return Optional.empty();
        }
        if (m <= 9_999_999_999L) {
            return Optional.of(v * 1000);
        }
        if (m >= 100_000_000_000L && m <= 9_999_999_999_999L) {
            return Optional.of(v);
        }
        if (m >= 100_000_000_000_000L && m <= 9_999_999_999_999_999L) {
            return Optional.of(Math.floorDiv(v, 1000L));
        }
        if (m >= 100_000_000_000_000_000L) {
            return Optional.of(Math.floorDiv(v, 1_000_000L));
        }
        return Optional.empty();
    }

    /** A whole number is read in the unit its magnitude tells, cut towards the past, or refused when no unit's range holds it. */
    @Test
    void wholeNumbersAreReadInTheUnitTheirMagnitudeTellsOrRefused() {
        Trials.forAll(1, 5000, random -> {
            long v = Trials.anyMagnitude(random); // every number of digits equally often, not only 19-digit numbers
            String text = Long.toString(v);
            Optional<TimestampFormat> format = TimestampFormat.detect(text);
            Optional<Long> millis = expected(v);
            assertThat(format.isPresent()).as(text).isEqualTo(millis.isPresent());
            format.ifPresent(f -> assertThat(f.parse(text, ZoneOffset.UTC)).as(text).isEqualTo(millis.orElseThrow()));
            if (format.isEmpty()) {
                assertThat(TimestampFormat.explain(text)).contains("which fits no unit of time");
            }
        });
    }

    /** A column of any epoch unit reads any text without throwing: a timestamp, or {@link TimestampFormat#INVALID}. */
    @Test
    void noTextMakesTheParserThrow() {
        Trials.forAll(2, 5000, random -> {
            String text = Trials.string(random, "0123456789+-.:/TZ eE", 0, 40);
            for (String first : new String[] {"1", "100000000000", "100000000000000", "100000000000000000", "2020-01-01"}) {
                TimestampFormat.detect(first).orElseThrow().parse(text, ZoneId.of("Europe/Brussels"));
            }
            TimestampFormat.detect(text);
            assertThat(TimestampFormat.explain(text)).startsWith("is ");
        });
    }

    /** Any instant from year 0 to 9999 (a day inside, so that +05:00 stays inside), written as Vigil's CSV writer and as common tools write it, reads back to the millisecond. */
    @Test
    void isoTextReadsBackToTheMillisecond() {
        Trials.forAll(3, 3000, random -> {
            long millis = random.nextLong(YEAR_0_DAY_2, YEAR_9999_LAST_DAY + 1);
            Instant t = Instant.ofEpochMilli(millis);
            LocalDateTime utc = LocalDateTime.ofInstant(t, ZoneOffset.UTC);
            for (String text : new String[] {DateTimeFormatter.ISO_INSTANT.format(t), utc.format(DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSS")),
                t.atOffset(ZoneOffset.ofHours(5)).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)}) {
                assertThat(TimestampFormat.iso().parse(text, ZoneOffset.UTC)).as(text).isEqualTo(millis);
            }
        });
    }
}
