/**
 * The detection perspectives of TIM (reference: tim-anomaly-spec.md §3.2), discovered through {@code
 * META-INF/services/dev.vigil.spi.DetectionPerspective}. Windows count samples of regular data; a
 * row whose window is not complete gets no value.
 */
package dev.vigil.perspectives;
