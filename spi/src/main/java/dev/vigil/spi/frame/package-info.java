/**
 * The time frame — Vigil's column-oriented, immutable table of time-stamped numbers — with its
 * column views and row sets. Preparing a frame for a job (sorting, grids, imputation) is vigil-core's
 * {@code dev.vigil.core.prepare}.
 */
package dev.vigil.spi.frame;
