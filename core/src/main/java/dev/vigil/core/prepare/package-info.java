/**
 * Preparation of a time frame for a job: sorting, de-duplication, the regular grid, resampling,
 * imputation and row selection; and the summary {@code vigil inspect} prints.
 */
package dev.vigil.core.prepare;
