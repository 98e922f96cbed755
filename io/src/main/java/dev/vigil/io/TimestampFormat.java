package dev.vigil.io;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * How the timestamps of a column are written, detected from a sample value: an ISO 8601 date-time
 * ({@code 2019-03-06 10:52:33}, {@code 2019-03-06T10:52:33.250+01:00}, {@code 2019-03-06}, with
 * {@code -} or {@code /} between date fields, {@code T} or a space before the time, optional seconds,
 * fraction and zone) or a number of seconds, milliseconds, microseconds or nanoseconds since the
 * epoch. Timestamps without a zone are read in the zone given to {@link #parse}.
 *
 * <p>The unit of an epoch number is told by its magnitude, each unit covering the instants a data
 * file plausibly holds: seconds up to 10 digits (years 1653 to 2286), milliseconds of 12 or 13
 * digits, microseconds of 15 or 16 and nanoseconds of 18 or 19 (1973 to 2286, nanoseconds to 2262,
 * where a {@code long} ends). A number between these ranges (11, 14 or 17 digits) or beyond them
 * fits no unit and is refused rather than read centuries away; so is, in a column, a number outside
 * the range of the unit its first value set. A fraction is allowed; parts below the millisecond are
 * cut towards the past. Parsing never throws: what is not a timestamp gives {@link #INVALID}.
 *
 * <p>Parsing is hand-written and allocation-free on the hot path: millions of rows per second.
 * Immutable and thread-safe.
 */
public final class TimestampFormat {
    /** Returned by {@link #parse} for text that is not a timestamp of this format. */
    public static final long INVALID = Long.MIN_VALUE;

    private enum Kind {
        ISO("an ISO 8601 date-time such as 2019-03-06 10:52:33 or 2019-03-06T10:52:33Z", 0, 0, 0),
        EPOCH_SECONDS("seconds since 1970-01-01 (epoch), at most 10 digits (years 1653 to 2286)", 1_000, 0, 9_999_999_999L),
        EPOCH_MILLIS("milliseconds since 1970-01-01 (epoch), 12 or 13 digits (years 1973 to 2286)", 1,
                100_000_000_000L, 9_999_999_999_999L),
        EPOCH_MICROS("microseconds since 1970-01-01 (epoch), 15 or 16 digits (years 1973 to 2286)", -1_000,
                100_000_000_000_000L, 9_999_999_999_999_999L),
        EPOCH_NANOS("nanoseconds since 1970-01-01 (epoch), 18 or 19 digits (years 1973 to 2262)", -1_000_000,
                100_000_000_000_000_000L, Long.MAX_VALUE);

        final String description;
        /** Positive: multiply to get millis; negative: divide by its absolute value. */
        final long scale;
        /** The smallest and largest magnitude of the whole number, inclusive. */
        final long least;
        final long most;

        Kind(String description, long scale, long least, long most) {
            this.description = description;
            this.scale = scale;
            this.least = least;
            this.most = most;
        }

        /** The epoch unit whose range holds a magnitude, or {@code null}. */
        static Kind ofMagnitude(long magnitude) {
            for (Kind k : values()) {
                if (k != ISO && magnitude >= k.least && magnitude <= k.most) {
                    return k;
                }
            }
            return null;
        }
    }

    private static final String NUMBER_UNITS = "a number since 1970-01-01 in seconds (at most 10 digits), milliseconds (12 or 13), "
            + "microseconds (15 or 16) or nanoseconds (18 or 19)";
    private static final TimestampFormat ISO = new TimestampFormat(Kind.ISO);
    private static final TimestampFormat[] EPOCHS = {new TimestampFormat(Kind.EPOCH_SECONDS), new TimestampFormat(Kind.EPOCH_MILLIS),
        new TimestampFormat(Kind.EPOCH_MICROS), new TimestampFormat(Kind.EPOCH_NANOS)};

    private final Kind kind;

    private TimestampFormat(Kind kind) {
        this.kind = kind;
    }

    /** The ISO 8601 format (all variants listed above). */
    public static TimestampFormat iso() {
        return ISO;
    }

    /** The ISO format if the text is an ISO date-time, else empty (numbers are not considered). */
    public static Optional<TimestampFormat> detectIso(String sample) {
        return ISO.parse(sample.strip(), ZoneOffset.UTC) != INVALID ? Optional.of(ISO) : Optional.empty();
    }

    /**
     * The format of a sample: ISO if it parses as a date-time, else the epoch unit whose range holds
     * the number (see the class comment); empty for anything else, a number fitting no unit included.
     */
    public static Optional<TimestampFormat> detect(String sample) {
        String s = sample.strip();
        if (detectIso(s).isPresent()) {
            return Optional.of(ISO);
        }
        long magnitude = magnitude(s);
        Kind k = magnitude < 0 ? null : Kind.ofMagnitude(magnitude);
        if (k == null) {
            return Optional.empty();
        }
        TimestampFormat f = EPOCHS[k.ordinal() - 1];
        return f.parse(s, ZoneOffset.UTC) != INVALID ? Optional.of(f) : Optional.empty();
    }

    /**
     * Why a sample that {@link #detect} refuses is not a timestamp, for an error message after the
     * quoted value: {@code "is not a timestamp; expected ..."}, or for a whole number fitting no epoch
     * unit, its digits and the ranges of the units.
     */
    public static String explain(String sample) {
        String s = sample.strip();
        if (s.isEmpty()) {
            return "is empty; every row needs a timestamp";
        }
        int digits = integerDigits(s);
        if (digits > 0 && digits == s.length() - (s.charAt(0) == '-' || s.charAt(0) == '+' ? 1 : 0)) {
            return "is a number of " + digits + " digits, which fits no unit of time; expected " + ISO.describe() + ", or " + NUMBER_UNITS;
        }
        return "is not a timestamp; expected " + ISO.describe() + ", or " + NUMBER_UNITS;
    }

    /** Whether this is a number-since-epoch format. */
    public boolean isEpoch() {
        return kind != Kind.ISO;
    }

    /** What a valid value looks like, for error messages. */
    public String describe() {
        return kind.description;
    }

    /**
     * Epoch milliseconds of a timestamp, or {@link #INVALID}. Text without a zone is read in
     * {@code zone}. Surrounding white space is ignored.
     */
    public long parse(String text, ZoneId zone) {
        int start = 0;
        int end = text.length();
        while (start < end && text.charAt(start) <= ' ') {
            start++;
        }
        while (end > start && text.charAt(end - 1) <= ' ') {
            end--;
        }
        if (start == end) {
            return INVALID;
        }
        return kind == Kind.ISO ? parseIso(text, start, end, zone) : parseEpoch(text, start, end);
    }

    private long parseEpoch(String s, int start, int end) {
        boolean negative = false;
        int i = start;
        if (s.charAt(i) == '-' || s.charAt(i) == '+') {
            negative = s.charAt(i) == '-';
            i++;
        }
        long whole = 0;
        int digits = 0;
        while (i < end && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            int d = s.charAt(i) - '0';
            if (whole > (Long.MAX_VALUE - d) / 10) {
                return INVALID; // beyond any unit's range, and beyond a long
            }
            whole = whole * 10 + d;
            digits++;
            i++;
        }
        if (digits == 0 || whole < kind.least || whole > kind.most) {
            return INVALID;
        }
        long fractionMillis = 0;
        boolean belowMillis = false;
        if (i < end && s.charAt(i) == '.') {
            i++;
            long scale = 100;
            int fractionDigits = 0;
            while (i < end && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                int d = s.charAt(i) - '0';
                if (kind == Kind.EPOCH_SECONDS && fractionDigits < 3) {
                    fractionMillis += d * scale;
                    scale /= 10;
                } else {
                    belowMillis |= d != 0;
                }
                i++;
                fractionDigits++;
            }
            if (fractionDigits == 0) {
                return INVALID;
            }
        }
        if (i != end) {
            return INVALID;
        }
        if (kind.scale > 0) { // in range: no overflow; a part below the millisecond is cut towards the past
            long millis = whole * kind.scale + fractionMillis;
            return negative ? -millis - (belowMillis ? 1 : 0) : millis;
        }
        long divisor = -kind.scale;
        return negative ? -Math.floorDiv(whole - 1, divisor) - 1 - (belowMillis && whole % divisor == 0 ? 1 : 0) : whole / divisor;
    }

    private static long parseIso(String s, int start, int end, ZoneId zone) {
        // yyyy-MM-dd
        int i = start;
        int year = digits(s, i, 4, end);
        if (year < 0 || i + 10 > end) {
            return INVALID;
        }
        char dateSep = s.charAt(i + 4);
        if ((dateSep != '-' && dateSep != '/') || s.charAt(i + 7) != dateSep) {
            return INVALID;
        }
        int month = digits(s, i + 5, 2, end);
        int day = digits(s, i + 8, 2, end);
        if (month < 0 || day < 0) {
            return INVALID;
        }
        i += 10;
        int hour = 0;
        int minute = 0;
        int second = 0;
        int nanos = 0;
        if (i < end && (s.charAt(i) == 'T' || s.charAt(i) == ' ')) {
            i++;
            hour = digits(s, i, 2, end);
            if (hour < 0 || i + 5 > end || s.charAt(i + 2) != ':') {
                return INVALID;
            }
            minute = digits(s, i + 3, 2, end);
            if (minute < 0) {
                return INVALID;
            }
            i += 5;
            if (i < end && s.charAt(i) == ':') {
                second = digits(s, i + 1, 2, end);
                if (second < 0) {
                    return INVALID;
                }
                i += 3;
                if (i < end && (s.charAt(i) == '.' || s.charAt(i) == ',')) {
                    i++;
                    int fractionDigits = 0;
                    int scale = 100_000_000;
                    while (i < end && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                        if (fractionDigits < 9) {
                            nanos += (s.charAt(i) - '0') * scale;
                            scale /= 10;
                        }
                        fractionDigits++;
                        i++;
                    }
                    if (fractionDigits == 0) {
                        return INVALID;
                    }
                }
            }
        }
        // zone: Z, ±HH, ±HHmm, ±HH:mm, optionally after a space; " UTC"
        int offsetSeconds = Integer.MIN_VALUE;
        if (i < end && s.charAt(i) == ' ') {
            i++;
            if (end - i == 3 && s.regionMatches(true, i, "UTC", 0, 3)) {
                offsetSeconds = 0;
                i = end;
            }
        }
        if (i < end) {
            char c = s.charAt(i);
            if ((c == 'Z' || c == 'z') && i + 1 == end) {
                offsetSeconds = 0;
                i++;
            } else if (c == '+' || c == '-') {
                int oh = digits(s, i + 1, 2, end);
                if (oh < 0) {
                    return INVALID;
                }
                int om = 0;
                int j = i + 3;
                if (j < end && s.charAt(j) == ':') {
                    j++;
                }
                if (j < end) {
                    om = digits(s, j, 2, end);
                    if (om < 0) {
                        return INVALID;
                    }
                    j += 2;
                }
                if (j != end || oh > 18 || om > 59) {
                    return INVALID;
                }
                offsetSeconds = (c == '-' ? -1 : 1) * (oh * 3600 + om * 60);
                i = end;
            } else {
                return INVALID;
            }
        }
        if (i != end) {
            return INVALID;
        }
        try {
            if (offsetSeconds != Integer.MIN_VALUE || zone instanceof ZoneOffset) {
                long offset = offsetSeconds != Integer.MIN_VALUE ? offsetSeconds : ((ZoneOffset) zone).getTotalSeconds();
                long epochDay = LocalDate.of(year, month, day).toEpochDay();
                if (hour > 23 || minute > 59 || second > 59) {
                    return INVALID;
                }
                long secs = epochDay * 86_400L + hour * 3600L + minute * 60L + second - offset;
                return secs * 1000L + nanos / 1_000_000;
            }
            return LocalDateTime.of(year, month, day, hour, minute, second, nanos).atZone(zone).toInstant().toEpochMilli();
        } catch (DateTimeException e) {
            return INVALID;
        }
    }

    /** Reads exactly {@code n} decimal digits at {@code at}, or -1. */
    private static int digits(String s, int at, int n, int end) {
        if (at + n > end) {
            return -1;
        }
        int v = 0;
        for (int k = at; k < at + n; k++) {
            char c = s.charAt(k);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static int integerDigits(String s) {
        int i = 0;
        if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
            i++;
        }
        int n = 0;
        while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            i++;
            n++;
        }
        return n;
    }

    /** The magnitude of the whole part of a number (sign, digits, optional fraction), or -1 if it is none or exceeds a long. */
    private static long magnitude(String s) {
        int i = 0;
        if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
            i++;
        }
        long v = 0;
        int digits = 0;
        while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            int d = s.charAt(i++) - '0';
            if (v > (Long.MAX_VALUE - d) / 10) {
                return -1;
            }
            v = v * 10 + d;
            digits++;
        }
        return digits == 0 ? -1 : v;
    }

    @Override
    public String toString() {
        return "TimestampFormat[" + kind + "]";
    }
}
