/**
 * System-driven jobs in plain code: build and detect ({@link dev.vigil.evaluation.system.SystemJob}), events
 * of anomalous rows with their diagnostics ({@link dev.vigil.evaluation.system.SystemEvents}), and Lookout's
 * model metrics against labelled ranges ({@link dev.vigil.evaluation.system.ModelMetrics})
 * (docs/system-driven.md).
 */
package dev.vigil.evaluation.system;
