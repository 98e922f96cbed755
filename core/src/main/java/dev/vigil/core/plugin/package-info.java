/**
 * Plugin discovery through {@link java.util.ServiceLoader} and assembly with Guice.
 */
package dev.vigil.core.plugin;
