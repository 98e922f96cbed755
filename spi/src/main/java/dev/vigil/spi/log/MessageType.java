package dev.vigil.spi.log;

/** Severity of a {@link LogEntry}, as in TIM's job logs. */
public enum MessageType {
    /** What was done or decided, and why. */
    Info,
    /** Something the user should look at; the job still produced its results. */
    Warning,
    /** The job could not do what was asked. */
    Error
}
