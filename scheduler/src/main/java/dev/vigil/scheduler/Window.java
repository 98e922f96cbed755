package dev.vigil.scheduler;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * One execution's data window {@code (DataStartTime, DataEndTime]} and when it runs (reference §5.6): windows
 * of the scheduler's frequency aligned to the top of the hour, consecutive and not overlapping; the run for a
 * window starts when it ends plus the delay, {@code ScheduledStartTime}. A window is named by its end.
 *
 * @param start {@code DataStartTime}, excluded
 * @param end {@code DataEndTime}, included
 * @param scheduledStart {@code ScheduledStartTime} = end + delay
 */
public record Window(Instant start, Instant end, Instant scheduledStart) {
    /** The output sub-folder's name: {@code ScheduledStartTime} as {@code yyyy-MM-dd'T'HH:mm:ss'Z'}. */
    static final DateTimeFormatter FOLDER = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    public Window {
        requireNonNull(start, "start is null");
        requireNonNull(end, "end is null");
        requireNonNull(scheduledStart, "scheduledStart is null");
    }

    /** The window of the given configuration that ends at {@code end} (which must be aligned). */
    public static Window ending(Instant end, SchedulerConfig config) {
        return new Window(end.minus(config.frequency()), end, end.plus(config.delay()));
    }

    /** The end of the first window: the first aligned end after the configuration's start. */
    public static Instant firstEnd(SchedulerConfig config) {
        return nextEndAfter(config.start(), config.frequency());
    }

    /** The first end of a window of length {@code f} (aligned to the hour) strictly after {@code t}. */
    static Instant nextEndAfter(Instant t, Duration f) {
        long s = f.toSeconds();
        long e = Math.floorDiv(t.getEpochSecond(), s) * s + s;
        return Instant.ofEpochSecond(e);
    }

    /**
     * The windows due at {@code now} (their scheduled start is not after it) that end after {@code lastEnd}
     * ({@code null}: none has run yet), oldest first; at most {@code limit} of them, the newest.
     *
     * @return the windows to run and how many older ones were left out by the limit
     */
    static Due due(SchedulerConfig config, Instant lastEnd, Instant now, int limit) {
        Instant end = lastEnd == null ? firstEnd(config) : lastEnd.plus(config.frequency());
        Instant lastDueEnd = now.minus(config.delay());
        if (end.isAfter(lastDueEnd)) {
            return new Due(List.of(), 0);
        }
        long f = config.frequency().toSeconds();
        long count = (lastDueEnd.getEpochSecond() - end.getEpochSecond()) / f + 1;
        long skipped = Math.max(0, count - limit);
        Instant first = end.plusSeconds(skipped * f);
        List<Window> out = new ArrayList<>();
        for (long k = 0; k < count - skipped; k++) {
            out.add(ending(first.plusSeconds(k * f), config));
        }
        return new Due(out, skipped);
    }

    /** The windows due now and how many older windows the catch-up limit left out. */
    record Due(List<Window> windows, long skipped) {
    }

    /** When the next window after {@code lastEnd} runs. */
    static Instant nextRun(SchedulerConfig config, Instant lastEnd) {
        Instant end = lastEnd == null ? firstEnd(config) : lastEnd.plus(config.frequency());
        return end.plus(config.delay());
    }

    /** The name of this execution's output folder. */
    public String folder() {
        return FOLDER.format(scheduledStart);
    }

    @Override
    public String toString() {
        return "(" + start + ", " + end + "] at " + scheduledStart;
    }
}
