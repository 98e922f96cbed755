package dev.vigil.spi.log;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * One job-log record in TIM's shape: {@code {createdAt, origin, messageType, message}}.
 *
 * @param createdAt when it was written
 * @param origin the stage that wrote it, e.g. {@code "Validation"}, {@code "Preparation"},
 *     {@code "Execution"}
 * @param messageType severity
 * @param message one sentence for a human
 */
public record LogEntry(Instant createdAt, String origin, MessageType messageType, String message) {
    public LogEntry {
        requireNonNull(createdAt, "createdAt is null");
        requireNonNull(origin, "origin is null");
        requireNonNull(messageType, "messageType is null");
        requireNonNull(message, "message is null");
    }
}
