package dev.vigil.spi.log;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.ServiceLoader;

/**
 * Collects the {@link LogEntry log entries} of one job, in order, and mirrors each to the {@link
 * LogSink}s on the class path (vigil-core's forwards to SLF4J, logger {@code dev.vigil.job}). Every step that decides something on the user's behalf (sampling
 * period, dropped duplicates, switched-off features) writes an entry saying what and why.
 *
 * <p>Thread-safe: steps running in parallel may write to the same log.
 */
public final class JobLog {
    /** The sinks found once, on first use, through {@link ServiceLoader}. */
    private static final class Sinks {
        static final List<LogSink> ALL = ServiceLoader.load(LogSink.class, JobLog.class.getClassLoader()).stream()
                .map(ServiceLoader.Provider::get).toList();
    }

    private final Clock clock;
    private final boolean mirrored;
    private final List<LogEntry> entries = new ArrayList<>();

    /** A log stamping entries with the system clock. */
    public JobLog() {
        this(Clock.systemUTC());
    }

    /** A log stamping entries with the given clock (for reproducible output). */
    public JobLog(Clock clock) {
        this(clock, true);
    }

    private JobLog(Clock clock, boolean mirrored) {
        this.clock = Objects.requireNonNull(clock, "clock is null");
        this.mirrored = mirrored;
    }

    /**
     * A log that only collects, mirroring nothing to the sinks: for a step whose entries are handed to
     * its caller, who reports them or not (e.g. data prepared again for root-cause analysis, as they were
     * for the job that logged it once already).
     */
    public static JobLog collecting(Clock clock) {
        return new JobLog(clock, false);
    }

    /** Adds an Info entry. */
    public void info(String origin, String message) {
        add(origin, MessageType.Info, message);
    }

    /** Adds a Warning entry. */
    public void warning(String origin, String message) {
        add(origin, MessageType.Warning, message);
    }

    /** Adds an Error entry. */
    public void error(String origin, String message) {
        add(origin, MessageType.Error, message);
    }

    /** Adds an entry. */
    public void add(String origin, MessageType type, String message) {
        LogEntry entry = new LogEntry(clock.instant(), origin, type, message);
        synchronized (entries) {
            entries.add(entry);
        }
        if (mirrored) {
            for (LogSink sink : Sinks.ALL) {
                sink.accept(entry);
            }
        }
    }

    /** Appends all entries of another log, keeping their timestamps. */
    public void addAll(List<LogEntry> other) {
        synchronized (entries) {
            entries.addAll(other);
        }
    }

    /** A snapshot of the entries so far, oldest first. */
    public List<LogEntry> entries() {
        synchronized (entries) {
            return List.copyOf(entries);
        }
    }

    /** Whether any entry has the given type. */
    public boolean has(MessageType type) {
        synchronized (entries) {
            return entries.stream().anyMatch(e -> e.messageType() == type);
        }
    }
}
