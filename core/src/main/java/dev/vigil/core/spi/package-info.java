/**
 * The plugin SPIs: {@link dev.vigil.core.spi.FeatureGenerator}, {@link
 * dev.vigil.core.spi.NormalBehaviorModelFactory} and {@link dev.vigil.core.spi.DetectionPerspective}.
 * Signatures use only JDK types and Vigil's own value types — never Guice, Jackson or Tablesaw — so
 * that plugins compile against a small, stable surface.
 */
package dev.vigil.core.spi;
