/**
 * What a plugin implements to be evaluated one row at a time in a stream (docs/streaming.md):
 * a {@link dev.vigil.spi.Feature} may offer an {@link dev.vigil.spi.stream.IncrementalFeature}, a
 * {@link dev.vigil.spi.DetectionPerspective} an {@link dev.vigil.spi.stream.IncrementalPerspective}, a
 * {@link dev.vigil.spi.NormalBehaviorModel} an {@link dev.vigil.spi.stream.IncrementalNormalBehavior}.
 * Each reads the rows the stream holds through a {@link dev.vigil.spi.stream.StreamHistory} and keeps
 * its own state in primitives, so that a row costs the same whatever came before.
 *
 * <p>All of it is optional: a plugin that offers none is still streamed, by a generic fallback in
 * vigil-core that evaluates its batch method on the last rows it needs (exact, but its cost per row
 * grows with its history).
 */
package dev.vigil.spi.stream;
