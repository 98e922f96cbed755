package dev.vigil.spi;

/**
 * Finds a plugin of a kind by name: how a plugin that builds on other plugins (a system model that
 * fits normal-behaviour models with feature generators) reaches them without knowing where they come
 * from. vigil-core's {@code PluginRegistry} is one.
 *
 * <p>Implementations are thread-safe.
 */
public interface PluginLookup {
    /**
     * The plugin of a kind with the given name; never null.
     *
     * @throws VigilException {@link ErrorCode#UNKNOWN_PLUGIN} naming the known plugins of that kind
     */
    <T extends Plugin> T get(Class<T> kind, String name);
}
