package dev.vigil.guice;

import dev.vigil.core.plugin.PluginRegistry;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.MapBinder;
import dev.vigil.spi.DetectionPerspective;
import dev.vigil.spi.FeatureGenerator;
import dev.vigil.spi.NormalBehaviorModelFactory;
import dev.vigil.spi.Plugin;
import java.util.Map;
import java.util.Objects;

/**
 * Guice assembly of the discovered plugins: binds {@code Map<String, FeatureGenerator>}, {@code
 * Map<String, DetectionPerspective>} and {@code Map<String, NormalBehaviorModelFactory>} by name
 * (through {@link MapBinder}s), and a {@link PluginRegistry} made from those maps.
 *
 * <p>Users add plugins by adding map entries in their own module ({@code
 * MapBinder.newMapBinder(binder(), String.class, DetectionPerspective.class).addBinding("Mine")…}),
 * and replace a built-in by giving this module the plugins to leave out of discovery
 * ({@link #VigilModule(PluginRegistry)} with a registry built by {@link PluginRegistry#with}), or by
 * {@code Modules.override(new VigilModule()).with(theirs)} on the {@link PluginRegistry} binding.
 * Nothing in Vigil needs Guice: every class can also be composed in plain code.
 */
public final class VigilModule extends AbstractModule {
    private final PluginRegistry discovered;

    /** Binds the plugins visible to the context class loader. */
    public VigilModule() {
        this(PluginRegistry.load());
    }

    /** Binds the plugins of the given registry. */
    public VigilModule(PluginRegistry discovered) {
        this.discovered = Objects.requireNonNull(discovered, "discovered is null");
    }

    @Override
    protected void configure() {
        bindAll(FeatureGenerator.class);
        bindAll(DetectionPerspective.class);
        bindAll(NormalBehaviorModelFactory.class);
    }

    private <T extends Plugin> void bindAll(Class<T> kind) {
        MapBinder<String, T> map = MapBinder.newMapBinder(binder(), String.class, kind);
        discovered.all(kind).forEach((name, plugin) -> map.addBinding(name).toInstance(plugin));
    }

    @Provides
    @Singleton
    PluginRegistry registry(Map<String, FeatureGenerator> features, Map<String, DetectionPerspective> perspectives,
            Map<String, NormalBehaviorModelFactory> models) {
        PluginRegistry r = PluginRegistry.empty();
        for (FeatureGenerator f : features.values()) {
            r = r.with(FeatureGenerator.class, f);
        }
        for (DetectionPerspective p : perspectives.values()) {
            r = r.with(DetectionPerspective.class, p);
        }
        for (NormalBehaviorModelFactory m : models.values()) {
            r = r.with(NormalBehaviorModelFactory.class, m);
        }
        return r;
    }
}
