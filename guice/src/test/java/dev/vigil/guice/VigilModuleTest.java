package dev.vigil.guice;

import dev.vigil.core.plugin.PluginRegistry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import com.google.inject.multibindings.MapBinder;
import com.google.inject.util.Modules;
import dev.vigil.spi.DetectionPerspective;
import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.FeatureGenerator;
import dev.vigil.spi.VigilException;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VigilModuleTest {
    @Test
    void guiceBindsDiscoveredPluginsByNameAndTheRegistry() {
        Injector injector = Guice.createInjector(new VigilModule(PluginRegistry.load(getClass().getClassLoader())));
        Map<String, DetectionPerspective> perspectives =
                injector.getInstance(Key.get(new TypeLiteral<Map<String, DetectionPerspective>>() { }));
        assertThat(perspectives).containsOnlyKeys("TestOnly");
        assertThat(injector.getInstance(PluginRegistry.class).perspective("TestOnly")).isInstanceOf(TestOnlyPerspective.class);
    }

    @Test
    void usersAddPluginsThroughTheirOwnMapBinder() {
        DetectionPerspective mine = new TestOnlyPerspective("Mine");
        Injector injector = Guice.createInjector(new VigilModule(PluginRegistry.load(getClass().getClassLoader())),
                new AbstractModule() {
                    @Override
                    protected void configure() {
                        MapBinder.newMapBinder(binder(), String.class, DetectionPerspective.class).addBinding("Mine").toInstance(mine);
                    }
                });
        PluginRegistry registry = injector.getInstance(PluginRegistry.class);
        assertThat(registry.all(DetectionPerspective.class)).containsOnlyKeys("Mine", "TestOnly");
        assertThat(registry.perspective("Mine")).isSameAs(mine);
    }

    @Test
    void usersOverrideTheRegistryBinding() {
        DetectionPerspective replacement = new TestOnlyPerspective();
        PluginRegistry custom = PluginRegistry.empty().with(DetectionPerspective.class, replacement);
        Injector injector = Guice.createInjector(Modules.override(new VigilModule(PluginRegistry.load(getClass().getClassLoader())))
                .with(new AbstractModule() {
                    @Override
                    protected void configure() {
                        bind(PluginRegistry.class).toInstance(custom);
                    }
                }));
        assertThat(injector.getInstance(PluginRegistry.class).perspective("TestOnly")).isSameAs(replacement);
    }

    @Test
    void aBuiltInIsReplacedByGivingTheModuleAnAmendedRegistry() {
        DetectionPerspective replacement = new TestOnlyPerspective();
        PluginRegistry amended = PluginRegistry.load(getClass().getClassLoader()).with(DetectionPerspective.class, replacement);
        Injector injector = Guice.createInjector(new VigilModule(amended));
        assertThat(injector.getInstance(PluginRegistry.class).perspective("TestOnly")).isSameAs(replacement);
        assertThat(injector.getInstance(Key.get(new TypeLiteral<Map<String, DetectionPerspective>>() { })))
                .containsEntry("TestOnly", replacement);
    }
}
