package dev.vigil.core.plugin;

import dev.vigil.spi.DetectionPerspective;
import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.FeatureGenerator;
import dev.vigil.spi.Names;
import dev.vigil.spi.NormalBehaviorModelFactory;
import dev.vigil.spi.Plugin;
import dev.vigil.spi.VigilException;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The plugins available to a job, by kind and name. Built by {@link #load(ClassLoader)} from
 * {@link ServiceLoader} (each SPI interface listed in {@code META-INF/services}), or by hand from
 * {@link #empty()} and {@link #with}. Names are unique per kind; asking for an unknown name fails
 * with the known names and the nearest one:
 * {@code Unknown perspective 'Imbalanse'; did you mean 'Imbalance'? known: Fluctuation, …}.
 *
 * <p>Immutable and thread-safe; kinds are discovered lazily, once, on first use.
 */
public final class PluginRegistry {
    private static final Map<Class<?>, String> KIND_NAMES = Map.of(
            FeatureGenerator.class, "feature",
            DetectionPerspective.class, "perspective",
            NormalBehaviorModelFactory.class, "normal behaviour model");

    private final ClassLoader loader;
    private final Map<Class<?>, SortedMap<String, Plugin>> kinds;

    private PluginRegistry(ClassLoader loader, Map<Class<?>, SortedMap<String, Plugin>> kinds) {
        this.loader = loader;
        this.kinds = new ConcurrentHashMap<>(kinds);
    }

    /** Plugins visible to the thread's context class loader (or this class's loader). */
    public static PluginRegistry load() {
        ClassLoader cl = Thread.currentThread().getContextClassLoader();
        return load(cl != null ? cl : PluginRegistry.class.getClassLoader());
    }

    /** Plugins visible to the given class loader, e.g. one that also sees a folder of plugin jars. */
    public static PluginRegistry load(ClassLoader loader) {
        return new PluginRegistry(Objects.requireNonNull(loader, "loader is null"), Map.of());
    }

    /** A registry that discovers nothing: add plugins with {@link #with}. */
    public static PluginRegistry empty() {
        return new PluginRegistry(null, Map.of());
    }

    /**
     * A copy of this registry in which {@code plugin} is known under its name, replacing a plugin of
     * the same kind and name if there is one.
     */
    public <T extends Plugin> PluginRegistry with(Class<T> kind, T plugin) {
        Objects.requireNonNull(plugin, "plugin is null");
        Map<Class<?>, SortedMap<String, Plugin>> copy = new HashMap<>(kinds);
        SortedMap<String, Plugin> byName = new TreeMap<>(discover(kind));
        byName.put(checkedName(kind, plugin), plugin);
        copy.put(kind, Collections.unmodifiableSortedMap(byName));
        return new PluginRegistry(loader, copy);
    }

    /** All plugins of a kind, by name (sorted). */
    public <T extends Plugin> SortedMap<String, T> all(Class<T> kind) {
        @SuppressWarnings("unchecked")
        SortedMap<String, T> m = (SortedMap<String, T>) discover(kind);
        return m;
    }

    /**
     * The plugin of a kind with the given name.
     *
     * @throws VigilException {@link ErrorCode#UNKNOWN_PLUGIN} listing the known names
     */
    public <T extends Plugin> T get(Class<T> kind, String name) {
        T plugin = all(kind).get(name);
        if (plugin == null) {
            throw new VigilException(ErrorCode.UNKNOWN_PLUGIN, "Unknown " + kindName(kind) + " "
                    + Names.unknown(name, all(kind).keySet()));
        }
        return plugin;
    }

    /** The feature generator of that name. */
    public FeatureGenerator feature(String name) {
        return get(FeatureGenerator.class, name);
    }

    /** The detection perspective of that name. */
    public DetectionPerspective perspective(String name) {
        return get(DetectionPerspective.class, name);
    }

    /** The normal-behaviour model factory of that name. */
    public NormalBehaviorModelFactory normalBehavior(String name) {
        return get(NormalBehaviorModelFactory.class, name);
    }

    /** How messages call plugins of a kind: "perspective", "feature", or the interface's name. */
    public static String kindName(Class<?> kind) {
        return KIND_NAMES.getOrDefault(kind, kind.getSimpleName());
    }

    private SortedMap<String, Plugin> discover(Class<? extends Plugin> kind) {
        return kinds.computeIfAbsent(kind, k -> loader == null
                ? Collections.emptySortedMap()
                : Collections.unmodifiableSortedMap(serviceLoad(kind, loader)));
    }

    private static SortedMap<String, Plugin> serviceLoad(Class<? extends Plugin> kind, ClassLoader loader) {
        SortedMap<String, Plugin> byName = new TreeMap<>();
        Iterator<? extends Plugin> it = ServiceLoader.load(kind, loader).iterator();
        while (true) {
            Plugin plugin;
            try {
                if (!it.hasNext()) {
                    break;
                }
                plugin = it.next();
            } catch (ServiceConfigurationError e) {
                throw new VigilException(ErrorCode.PLUGIN_CONFLICT, "Cannot load a " + kindName(kind) + " plugin listed in META-INF/services/"
                        + kind.getName() + ": " + e.getMessage(), e);
            }
            String name = checkedName(kind, plugin);
            Plugin previous = byName.putIfAbsent(name, plugin);
            if (previous != null) {
                throw new VigilException(ErrorCode.PLUGIN_CONFLICT, "Two " + kindName(kind) + " plugins are named '" + name + "': "
                        + previous.getClass().getName() + " and " + plugin.getClass().getName()
                        + "; remove one from the class path or rename it");
            }
        }
        return byName;
    }

    private static String checkedName(Class<?> kind, Plugin plugin) {
        if (!kind.isInstance(plugin)) {
            throw new IllegalArgumentException(plugin.getClass().getName() + " is not a " + kind.getName());
        }
        String name = plugin.name();
        if (name == null || name.isBlank()) {
            throw new VigilException(ErrorCode.PLUGIN_CONFLICT, "The " + kindName(kind) + " plugin "
                    + plugin.getClass().getName() + " has no name");
        }
        return name;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("PluginRegistry[");
        for (Class<? extends Plugin> kind : List.of(FeatureGenerator.class, DetectionPerspective.class, NormalBehaviorModelFactory.class)) {
            sb.append(kindName(kind)).append("s=").append(all(kind).keySet()).append(' ');
        }
        return sb.toString().strip() + "]";
    }
}
