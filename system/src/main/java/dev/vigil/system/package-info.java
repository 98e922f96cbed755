/**
 * System-driven detection composed in plain code: {@link dev.vigil.system.SystemDetector} fits a
 * {@link dev.vigil.spi.SystemModel} and calibrates TIM's anomaly indicator on its scores ({@link
 * dev.vigil.system.IndicatorCalibration}); {@link dev.vigil.system.SystemDetection} holds what it found,
 * with the signals that drove each anomalous row. docs/system-driven.md describes it.
 */
package dev.vigil.system;
