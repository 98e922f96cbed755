package dev.vigil.scheduler;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;

/**
 * A clock that moves only when told ({@link #set}, {@link #advance}): threads waiting in {@link #sleepUntil} wake
 * when it passes their time. {@link #awaitSleeping} lets a test wait, without sleeping, until the daemon's threads
 * have done what was due and wait again. Thread-safe.
 */
public final class ManualClock implements SchedulerClock {
    private Instant now;
    private final java.util.List<Instant> targets = new java.util.ArrayList<>();

    /** A clock at {@code start}. */
    public ManualClock(Instant start) {
        this.now = requireNonNull(start, "start is null");
    }

    @Override
    public synchronized Instant now() {
        return now;
    }

    /** Moves the clock to {@code t} (never back). */
    public synchronized void set(Instant t) {
        if (t.isAfter(now)) {
            now = t;
            notifyAll();
        }
    }

    /** Moves the clock on by {@code d}. */
    public synchronized void advance(Duration d) {
        set(now.plus(d));
    }

    @Override
    public synchronized void sleepUntil(Instant t) throws InterruptedException {
        targets.add(t);
        notifyAll();
        try {
            while (now.isBefore(t)) {
                wait();
            }
        } finally {
            targets.remove(t);
        }
    }

    /**
     * Waits until at least {@code threads} threads wait in {@link #sleepUntil} for a time after now: they have done
     * everything due.
     */
    public synchronized void awaitSleeping(int threads) throws InterruptedException {
        while (targets.stream().filter(t -> t.isAfter(now)).count() < threads) {
            wait();
        }
    }
}
