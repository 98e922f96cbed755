package dev.vigil.spi;

/**
 * What every Vigil plugin has: a name, unique among the plugins of its kind, by which JSON
 * configurations, model files and the command line refer to it.
 *
 * <p>Plugins are discovered with {@link java.util.ServiceLoader}: an implementation with a public
 * no-argument constructor, listed in {@code META-INF/services/<the SPI interface>}.
 */
public interface Plugin {
    /** The unique name, e.g. {@code "Residual"}; never null or blank. */
    String name();
}
