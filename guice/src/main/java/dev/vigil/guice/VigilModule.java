package dev.vigil.guice;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.MapBinder;
import dev.vigil.core.plugin.PluginRegistry;
import dev.vigil.io.DataFiles;
import dev.vigil.spi.DataFormat;
import dev.vigil.spi.DetectionPerspective;
import dev.vigil.spi.FeatureGenerator;
import dev.vigil.spi.NormalBehaviorModelFactory;
import dev.vigil.spi.Plugin;
import dev.vigil.spi.SystemModelFactory;
import dev.vigil.spi.settings.JobSettings;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Guice assembly of a Vigil application: every plugin kind bound by name, and what jobs read and
 * write with.
 *
 * <ul>
 *   <li>{@code Map<String, FeatureGenerator>}, {@code Map<String, DetectionPerspective>}, {@code
 *       Map<String, NormalBehaviorModelFactory>}, {@code Map<String, SystemModelFactory>} and {@code
 *       Map<String, DataFormat>}, through {@link
 *       MapBinder}s filled with the plugins discovered ({@link java.util.ServiceLoader}) in the
 *       module's class loader;</li>
 *   <li>a {@link PluginRegistry} made from those maps: jobs, model files and configurations resolve
 *       plugin names through it;</li>
 *   <li>{@link DataFiles}, reading and writing data files in the bound formats;</li>
 *   <li>{@link JobSettings}: the settings of a job that is given no configuration ({@link
 *       JobSettings#DEFAULT}).</li>
 * </ul>
 *
 * <p>Users add a plugin with their own map entry ({@code MapBinder.newMapBinder(binder(), String.class,
 * DetectionPerspective.class).addBinding("Mine")…}), load plugin jars by giving the module a class
 * loader that sees them ({@link #VigilModule(ClassLoader)}), and replace any binding — a built-in
 * plugin, the registry, {@code DataFiles}, the default settings — with {@code
 * Modules.override(new VigilModule()).with(theirs)}. Nothing in Vigil needs Guice: every class can
 * also be composed in plain code. The module discovers the plugins when it is made, once.
 */
public final class VigilModule extends AbstractModule {
    /** The plugin kinds bound by name. */
    static final List<Class<? extends Plugin>> KINDS =
            List.of(FeatureGenerator.class, DetectionPerspective.class, NormalBehaviorModelFactory.class, SystemModelFactory.class, DataFormat.class);

    private final PluginRegistry discovered;

    /** Binds the plugins visible to the context class loader. */
    public VigilModule() {
        this(PluginRegistry.load());
    }

    /** Binds the plugins visible to the given class loader, e.g. one that also sees a folder of plugin jars. */
    public VigilModule(ClassLoader plugins) {
        this(PluginRegistry.load(Objects.requireNonNull(plugins, "plugins is null")));
    }

    /** Binds the plugins of the given registry. */
    public VigilModule(PluginRegistry discovered) {
        this.discovered = Objects.requireNonNull(discovered, "discovered is null");
    }

    @Override
    protected void configure() {
        for (Class<? extends Plugin> kind : KINDS) {
            bindAll(kind);
        }
    }

    private <T extends Plugin> void bindAll(Class<T> kind) {
        MapBinder<String, T> map = MapBinder.newMapBinder(binder(), String.class, kind);
        discovered.all(kind).forEach((name, plugin) -> map.addBinding(name).toInstance(plugin));
    }

    @Provides
    @Singleton
    PluginRegistry registry(Map<String, FeatureGenerator> features, Map<String, DetectionPerspective> perspectives,
            Map<String, NormalBehaviorModelFactory> models, Map<String, SystemModelFactory> systemModels, Map<String, DataFormat> formats) {
        PluginRegistry r = PluginRegistry.empty();
        r = withAll(r, FeatureGenerator.class, features);
        r = withAll(r, DetectionPerspective.class, perspectives);
        r = withAll(r, NormalBehaviorModelFactory.class, models);
        r = withAll(r, SystemModelFactory.class, systemModels);
        return withAll(r, DataFormat.class, formats);
    }

    private static <T extends Plugin> PluginRegistry withAll(PluginRegistry registry, Class<T> kind, Map<String, T> plugins) {
        PluginRegistry r = registry;
        for (T plugin : plugins.values()) {
            r = r.with(kind, plugin);
        }
        return r;
    }

    @Provides
    @Singleton
    DataFiles dataFiles(PluginRegistry registry) {
        return DataFiles.of(registry);
    }

    @Provides
    JobSettings defaultSettings() {
        return JobSettings.DEFAULT;
    }
}
