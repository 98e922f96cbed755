package dev.vigil.spi.log;

/**
 * Receives every {@link LogEntry} written to any {@link JobLog}, as it is written: where job logs
 * meet a logging framework. vigil-core provides one that forwards to SLF4J; another is added by
 * listing it in {@code META-INF/services/dev.vigil.spi.log.LogSink}. Implementations are
 * thread-safe and quick, and never throw.
 */
public interface LogSink {
    /** Takes one entry; called on the thread that wrote it. */
    void accept(LogEntry entry);
}
