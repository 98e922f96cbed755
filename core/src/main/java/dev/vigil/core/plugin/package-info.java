/**
 * Plugin discovery through {@link java.util.ServiceLoader}: the registry of plugins by kind and name.
 * Guice assembly of the same plugins is vigil-guice's {@code VigilModule}.
 */
package dev.vigil.core.plugin;
