/**
 * Plugin discovery through {@link java.util.ServiceLoader}: the registry of plugins by kind and name,
 * and the artifact that provides each of Vigil's own plugins, for messages about plugins missing from
 * the class path. Guice assembly of the same plugins is vigil-guice's {@code VigilModule}.
 */
package dev.vigil.core.plugin;
