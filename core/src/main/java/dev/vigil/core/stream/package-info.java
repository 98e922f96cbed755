/**
 * Detection one row at a time (docs/streaming.md): {@link dev.vigil.core.stream.DetectionStream}
 * (from {@link dev.vigil.core.detection.DetectionModel#stream()}) answers each row as batch detection
 * answers it; the history of the last rows in a ring, imputation decided as rows arrive, plugins'
 * incremental forms or a generic fallback for plugins without one, snapshots as plain values.
 */
package dev.vigil.core.stream;
