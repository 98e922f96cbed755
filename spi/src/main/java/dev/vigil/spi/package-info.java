/**
 * What a plugin author compiles against, and nothing else: the plugin interfaces ({@link
 * dev.vigil.spi.FeatureGenerator}, {@link dev.vigil.spi.DetectionPerspective}, {@link
 * dev.vigil.spi.NormalBehaviorModelFactory}, {@link dev.vigil.spi.SystemModelFactory}, {@link
 * dev.vigil.spi.DataFormat}), the records in their
 * signatures, and the one error type every module throws, {@link dev.vigil.spi.VigilException}.
 * Sub-packages hold the values those signatures carry: the time frame ({@code frame}), the job log
 * ({@code log}) and the settings mirroring TIM's configuration ({@code settings}).
 *
 * <p>This artifact depends on the JDK alone — never Guice, Jackson, SLF4J or Tablesaw — so that a
 * plugin brings no dependency of Vigil's into its users' class path.
 */
package dev.vigil.spi;
