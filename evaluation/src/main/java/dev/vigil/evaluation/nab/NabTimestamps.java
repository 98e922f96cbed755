package dev.vigil.evaluation.nab;

import java.time.DateTimeException;
import java.time.LocalDate;

/**
 * Parses NAB's timestamps, {@code 2014-04-01 00:05:00} in data and score files and {@code
 * 2014-04-10 07:15:00.000000} in the windows file, as UTC: date, {@code ' '} or {@code 'T'}, time
 * with seconds, optional fraction, optional {@code Z}. Hand-written because the corpus holds
 * hundreds of thousands of them. Stateless and thread-safe.
 */
final class NabTimestamps {
    /** Returned for text that is not such a timestamp. */
    static final long INVALID = Long.MIN_VALUE;

    private NabTimestamps() {
    }

    /** Epoch milliseconds, or {@link #INVALID}. */
    static long parse(CharSequence s) {
        int n = s.length();
        if (n > 0 && s.charAt(n - 1) == 'Z') {
            n--;
        }
        if (n < 19 || s.charAt(4) != '-' || s.charAt(7) != '-' || (s.charAt(10) != ' ' && s.charAt(10) != 'T')
                || s.charAt(13) != ':' || s.charAt(16) != ':') {
            return INVALID;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        if (year < 0 || month < 0 || day < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return INVALID;
        }
        int millis = 0;
        if (n > 19) {
            if (s.charAt(19) != '.' || n == 20) {
                return INVALID;
            }
            int scale = 100;
            for (int i = 20; i < n; i++) {
                char c = s.charAt(i);
                if (c < '0' || c > '9') {
                    return INVALID;
                }
                millis += (c - '0') * scale;
                scale /= 10;
            }
        }
        try {
            long epochDay = LocalDate.of(year, month, day).toEpochDay();
            return (epochDay * 86_400L + hour * 3600L + minute * 60L + second) * 1000L + millis;
        } catch (DateTimeException e) {
            return INVALID;
        }
    }

    private static int digits(CharSequence s, int at, int count) {
        int v = 0;
        for (int i = at; i < at + count; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
