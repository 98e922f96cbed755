/**
 * The time frame — Vigil's column-oriented, immutable table of time-stamped numbers — and its
 * preparation: sorting, de-duplication, regular grids, resampling, imputation and row selection.
 */
package dev.vigil.core.frame;
