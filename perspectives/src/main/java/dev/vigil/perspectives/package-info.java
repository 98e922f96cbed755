/**
 * The detection perspectives of TIM (docs/models.md#detection-perspectives), discovered through {@code
 * META-INF/services/dev.vigil.spi.DetectionPerspective}. Windows count samples of regular data; a
 * row whose window is not complete gets no value.
 */
package dev.vigil.perspectives;
