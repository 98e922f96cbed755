package dev.vigil.core.plugin;

import dev.vigil.spi.DataFormat;
import dev.vigil.spi.DetectionPerspective;
import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.FeatureGenerator;
import dev.vigil.spi.Names;
import dev.vigil.spi.NormalBehaviorModelFactory;
import dev.vigil.spi.Plugin;
import dev.vigil.spi.PluginLookup;
import dev.vigil.spi.SystemModelFactory;
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
 * {@code Unknown perspective 'Imbalanse'; did you mean 'Imbalance'? known: Fluctuation, …}. A name
 * that belongs to one of Vigil's own plugins, asked for while the artifact that provides it is not on
 * the class path, fails naming that artifact instead:
 * {@code Unknown feature 'Polynomial': it is in vigil-features; add that artifact, or vigil-all}.
 *
 * <p>Immutable and thread-safe; kinds are discovered lazily, once, on first use.
 */
public final class PluginRegistry implements PluginLookup {
    private static final Map<Class<?>, String> KIND_NAMES = Map.of(
            FeatureGenerator.class, "feature",
            DetectionPerspective.class, "perspective",
            NormalBehaviorModelFactory.class, "normal behaviour model",
            SystemModelFactory.class, "system model",
            DataFormat.class, "data format");

    /**
     * Vigil's own plugins: kind → name → the artifact that provides it. Kept honest by a test in
     * vigil-all, which sees every one of them: what that test discovers is exactly this table.
     */
    private static final Map<Class<? extends Plugin>, SortedMap<String, String>> BUILT_INS = Map.of(
            FeatureGenerator.class, builtIns("vigil-features", "DayOfWeek", "ExponentialMovingAverage", "Fourier", "Identity",
                    "Intercept", "Month", "Periodic", "PiecewiseLinear", "Polynomial", "PublicHolidays", "RestOfWeek",
                    "SimpleMovingAverage", "TimeOffsets", "Trend"),
            DetectionPerspective.class, builtIns("vigil-perspectives", "Fluctuation", "FluctuationChange", "Imbalance",
                    "ImbalanceChange", "Residual", "ResidualChange"),
            NormalBehaviorModelFactory.class, builtIns("vigil-core", "SparseRegression"),
            SystemModelFactory.class, builtIns("vigil-system", "cross-regression", "eif", "mset", "pca"),
            DataFormat.class, merge(builtIns("vigil-io", "CSV"), builtIns("vigil-io-parquet", "Parquet")));

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
     * @throws VigilException {@link ErrorCode#UNKNOWN_PLUGIN} naming the artifact that provides it, for
     *     one of Vigil's own plugins; else listing the known names and the nearest one
     */
    @Override
    public <T extends Plugin> T get(Class<T> kind, String name) {
        T plugin = all(kind).get(name);
        if (plugin == null) {
            String artifact = BUILT_INS.getOrDefault(kind, Collections.emptySortedMap()).get(name);
            throw new VigilException(ErrorCode.UNKNOWN_PLUGIN, "Unknown " + kindName(kind) + " " + (artifact != null
                    ? "'" + name + "': it is in " + artifact + "; add that artifact, or vigil-all"
                    : Names.unknown(name, all(kind).keySet())));
        }
        return plugin;
    }

    /**
     * Vigil's own plugins, whether on the class path or not: for each kind, each built-in plugin's name
     * and the artifact that provides it (e.g. {@code Polynomial → vigil-features}).
     */
    public static Map<Class<? extends Plugin>, SortedMap<String, String>> builtIns() {
        return BUILT_INS;
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

    /** The system model factory of that name. */
    public SystemModelFactory systemModel(String name) {
        return get(SystemModelFactory.class, name);
    }

    /** How messages call plugins of a kind: "perspective", "feature", or the interface's name. */
    public static String kindName(Class<?> kind) {
        return KIND_NAMES.getOrDefault(kind, kind.getSimpleName());
    }

    private static SortedMap<String, String> builtIns(String artifact, String... names) {
        SortedMap<String, String> byName = new TreeMap<>();
        for (String name : names) {
            byName.put(name, artifact);
        }
        return Collections.unmodifiableSortedMap(byName);
    }

    private static SortedMap<String, String> merge(SortedMap<String, String> a, SortedMap<String, String> b) {
        SortedMap<String, String> both = new TreeMap<>(a);
        both.putAll(b);
        return Collections.unmodifiableSortedMap(both);
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
        for (Class<? extends Plugin> kind : List.of(FeatureGenerator.class, DetectionPerspective.class, NormalBehaviorModelFactory.class,
                SystemModelFactory.class)) {
            sb.append(kindName(kind)).append("s=").append(all(kind).keySet()).append(' ');
        }
        return sb.toString().strip() + "]";
    }
}
