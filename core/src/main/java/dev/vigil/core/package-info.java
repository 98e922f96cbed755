/**
 * Vigil's engine. Sub-packages: data preparation ({@code prepare}), plugin discovery ({@code
 * plugin}), the normal-behaviour regression ({@code normal}), the anomalous-behaviour model and
 * indicator calibration ({@code anomaly}), the build, detect and rebuild jobs ({@code detection}),
 * and the bridge from job logs to SLF4J ({@code log}). The types plugins see live in vigil-spi.
 */
package dev.vigil.core;
