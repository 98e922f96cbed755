package dev.vigil.scheduler;

import java.time.Duration;
import java.time.Instant;

/**
 * The scheduler's time: what time it is, and waiting until a time. {@link #system()} is the wall clock; {@link
 * ManualClock} is stepped by tests, so that no test sleeps. Implementations are thread-safe.
 */
public interface SchedulerClock {
    /** Now. */
    Instant now();

    /**
     * Waits until {@code t} (returns at once when it has passed).
     *
     * @throws InterruptedException when the thread is interrupted (the daemon stops)
     */
    void sleepUntil(Instant t) throws InterruptedException;

    /** The wall clock. */
    static SchedulerClock system() {
        return new SchedulerClock() {
            @Override
            public Instant now() {
                return Instant.now();
            }

            @Override
            public void sleepUntil(Instant t) throws InterruptedException {
                Duration d = Duration.between(Instant.now(), t);
                if (!d.isNegative() && !d.isZero()) {
                    Thread.sleep(Math.max(1, d.toMillis()));
                }
            }

            @Override
            public String toString() {
                return "the system clock";
            }
        };
    }
}
