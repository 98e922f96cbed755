package dev.vigil.evaluation.nab;

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
        return parse(s, 0, s.length());
    }

    /** Epoch milliseconds of the text between {@code from} (inclusive) and {@code to}, or {@link #INVALID}. */
    static long parse(CharSequence s, int from, int to) {
        int n = to - from;
        if (n > 0 && s.charAt(to - 1) == 'Z') {
            n--;
        }
        if (n < 19 || s.charAt(from + 4) != '-' || s.charAt(from + 7) != '-'
                || (s.charAt(from + 10) != ' ' && s.charAt(from + 10) != 'T') || s.charAt(from + 13) != ':' || s.charAt(from + 16) != ':') {
            return INVALID;
        }
        int year = digits(s, from, 4);
        int month = digits(s, from + 5, 2);
        int day = digits(s, from + 8, 2);
        int hour = digits(s, from + 11, 2);
        int minute = digits(s, from + 14, 2);
        int second = digits(s, from + 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour < 0 || hour > 23
                || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return INVALID;
        }
        int millis = 0;
        if (n > 19) {
            if (s.charAt(from + 19) != '.' || n == 20) {
                return INVALID;
            }
            int scale = 100;
            for (int i = from + 20; i < from + n; i++) {
                char c = s.charAt(i);
                if (c < '0' || c > '9') {
                    return INVALID;
                }
                millis += (c - '0') * scale;
                scale /= 10;
            }
        }
        return (epochDay(year, month, day) * 86_400L + hour * 3600L + minute * 60L + second) * 1000L + millis;
    }

    private static int daysInMonth(int year, int month) {
        if (month == 2) {
            return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28;
        }
        return month == 4 || month == 6 || month == 9 || month == 11 ? 30 : 31;
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (the civil-from-days algorithm, inverted). */
    private static long epochDay(int year, int month, int day) {
        long y = month <= 2 ? year - 1 : year;
        long era = Math.floorDiv(y, 400);
        long yearOfEra = y - era * 400;
        long dayOfYear = (153L * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
        long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097 + dayOfEra - 719_468;
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
