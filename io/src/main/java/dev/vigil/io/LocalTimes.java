package dev.vigil.io;

import dev.vigil.spi.log.JobLog;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.Locale;

/**
 * Notices timestamps written without a zone that daylight saving time makes ambiguous or impossible
 * in the zone they are read in: a local time in the hour repeated when clocks go back (read as its
 * first occurrence, so the second one becomes a duplicate timestamp) or in the hour skipped when they
 * go forward (read as the same time an hour later). Both are legal input; what changes silently is
 * their meaning, so a read counts them and {@link #report} names them in a warning.
 *
 * <p>Cheap on the way: only a timestamp within a day of a transition of the zone is looked at
 * closely. Not thread-safe: one per read.
 */
public final class LocalTimes {
    private static final long DAY = 86_400_000L;
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);
    private final ZoneId zone;
    private final ZoneRules rules;
    private final boolean fixed;
    /** Instants in [safeFrom, safeTo) are more than a day away from any transition. */
    private long safeFrom = 1;
    private long safeTo = 0;
    private long repeated;
    private long skipped;
    private String firstRepeated;
    private String firstSkipped;

    private LocalTimes(ZoneId zone) {
        this.zone = zone;
        this.rules = zone.getRules();
        this.fixed = zone instanceof ZoneOffset || rules.isFixedOffset();
    }

    /** A checker for timestamps read in {@code zone}; one that never counts anything for a fixed offset. */
    public static LocalTimes of(ZoneId zone) {
        return new LocalTimes(zone);
    }

    /**
     * Whether a timestamp read as {@code millis} lies within a day of a change of the zone's offset,
     * so that {@link #check} should look at its text; cheap (no allocation) for all others.
     */
    public boolean near(long millis) {
        if (fixed || millis >= safeFrom && millis < safeTo) {
            return false;
        }
        Instant t = Instant.ofEpochMilli(millis);
        ZoneOffsetTransition previous = rules.previousTransition(t);
        ZoneOffsetTransition next = rules.nextTransition(t);
        long from = previous == null ? Long.MIN_VALUE : saturated(previous.getInstant().toEpochMilli(), DAY);
        long to = next == null ? Long.MAX_VALUE : saturated(next.getInstant().toEpochMilli(), -DAY);
        if (millis >= from && millis < to) {
            safeFrom = from;
            safeTo = to;
            return false;
        }
        return true;
    }

    /**
     * Looks at one timestamp as read, if it is {@link #near} a change of offset.
     *
     * @param millis the instant it was read as
     * @param text the cell it was read from
     * @param where the line for a message, e.g. {@code "line 27"}
     */
    public void check(long millis, String text, String where) {
        if (!near(millis)) {
            return;
        }
        TimestampFormat iso = TimestampFormat.iso();
        long utc = iso.parse(text, ZoneOffset.UTC);
        if (utc == TimestampFormat.INVALID || iso.parse(text, ZoneOffset.ofHours(1)) == utc) {
            return; // not ISO, or written with its own offset
        }
        LocalDateTime local = LocalDateTime.ofEpochSecond(Math.floorDiv(utc, 1000), (int) Math.floorMod(utc, 1000) * 1_000_000, ZoneOffset.UTC);
        ZoneOffsetTransition transition = rules.getTransition(local);
        if (transition == null) {
            return;
        }
        String first = where + ", '" + text.strip() + "'";
        if (transition.isOverlap()) {
            if (repeated++ == 0) {
                firstRepeated = first + ", in the hour from " + HOUR.format(transition.getDateTimeAfter()) + " that happens twice on "
                        + transition.getDateTimeAfter().toLocalDate() + " when clocks go back from " + transition.getOffsetBefore()
                        + " to " + transition.getOffsetAfter() + "; read as " + transition.getOffsetBefore();
            }
        } else if (skipped++ == 0) {
            firstSkipped = first + "; clocks go from " + HOUR.format(transition.getDateTimeBefore()) + " to "
                    + HOUR.format(transition.getDateTimeAfter()) + " on " + transition.getDateTimeBefore().toLocalDate()
                    + ", so it was read " + transition.getDuration().toMinutes() + " minutes later";
        }
    }

    /** How many timestamps fell in an hour repeated when clocks went back. */
    public long repeated() {
        return repeated;
    }

    /** How many timestamps named a local time that does not exist, skipped when clocks went forward. */
    public long skipped() {
        return skipped;
    }

    /** Logs a warning for each kind counted, naming the source, the zone and the first such timestamp. */
    public void report(String source, JobLog log) {
        if (repeated > 0) {
            log.warning("Data", repeated + (repeated == 1 ? " timestamp" : " timestamps") + " of " + source + " without a zone "
                    + (repeated == 1 ? "falls" : "fall") + " in an hour that happens twice in " + zone + " at the end of daylight saving "
                    + "time (the first: " + firstRepeated + "), so a row of its second occurrence becomes a duplicate timestamp. "
                    + "Write timestamps with their offset (e.g. 2019-10-27T02:30:00+01:00) or in UTC to keep them apart.");
        }
        if (skipped > 0) {
            log.warning("Data", skipped + (skipped == 1 ? " timestamp" : " timestamps") + " of " + source + " without a zone "
                    + (skipped == 1 ? "names a local time" : "name local times") + " that " + (skipped == 1 ? "does" : "do")
                    + " not exist in " + zone + ", skipped at the start of daylight saving time (the first: " + firstSkipped + ").");
        }
    }

    private static long saturated(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? (b > 0 ? Long.MAX_VALUE : Long.MIN_VALUE) : r;
    }
}
