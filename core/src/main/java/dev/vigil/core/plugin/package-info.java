/**
 * Plugin discovery through {@link java.util.ServiceLoader}, and the artifact that provides each of
 * Vigil's own plugins, for messages about plugins missing from the class path.
 */
package dev.vigil.core.plugin;
