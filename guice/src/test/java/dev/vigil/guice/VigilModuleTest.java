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
import dev.vigil.io.DataFiles;
import dev.vigil.spi.DataFormat;
import dev.vigil.spi.DetectionPerspective;
import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.FeatureGenerator;
import dev.vigil.spi.VigilException;
import dev.vigil.spi.settings.JobSettings;
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

    @Test
    void everyPluginKindIsBoundByNameDataFormatsIncluded() {
        Injector injector = Guice.createInjector(new VigilModule(getClass().getClassLoader()));
        Map<String, DataFormat> formats = injector.getInstance(Key.get(new TypeLiteral<Map<String, DataFormat>>() { }));
        assertThat(formats).containsKey("CSV");
        assertThat(injector.getInstance(Key.get(new TypeLiteral<Map<String, FeatureGenerator>>() { }))).isEmpty(); // none on this class path
        assertThat(injector.getInstance(PluginRegistry.class).all(DataFormat.class)).isEqualTo(formats);
        assertThat(injector.getInstance(DataFiles.class).formatOf(Path.of("x.csv.gz"))).isSameAs(formats.get("CSV"));
        assertThat(injector.getInstance(DataFiles.class)).isSameAs(injector.getInstance(DataFiles.class));
        assertThat(injector.getInstance(JobSettings.class)).isSameAs(JobSettings.DEFAULT);
    }

    @Test
    void dataFilesAndTheDefaultSettingsCanBeOverridden() {
        DataFormat tsv = new TestOnlyFormat();
        JobSettings house = JobSettings.DEFAULT.withData(JobSettings.DEFAULT.data().withKpiColumn("Output"));
        Injector injector = Guice.createInjector(Modules.override(new VigilModule(getClass().getClassLoader())).with(new AbstractModule() {
            @Override
            protected void configure() {
                bind(DataFiles.class).toInstance(DataFiles.of(PluginRegistry.empty().with(DataFormat.class, tsv)));
                bind(JobSettings.class).toInstance(house);
            }
        }));
        assertThat(injector.getInstance(DataFiles.class).formatOf(Path.of("x.tsv"))).isSameAs(tsv);
        assertThatThrownBy(() -> injector.getInstance(DataFiles.class).formatOf(Path.of("x.csv"))).isInstanceOf(VigilException.class)
                .hasMessageContaining("known extensions: .tsv");
        assertThat(injector.getInstance(JobSettings.class).data().kpiColumn()).isEqualTo("Output");
    }

    @Test
    void aClassLoaderThatSeesPluginJarsFeedsTheModule(@TempDir Path dir) throws IOException {
        Path services = dir.resolve("META-INF/services/" + DetectionPerspective.class.getName());
        Files.createDirectories(services.getParent());
        Files.writeString(services, TestOnlyPerspective.Other.class.getName() + "\n");
        // a loader whose parent does not see the test's own services file, but sees its classes
        ClassLoader parent = new ClassLoader(getClass().getClassLoader()) {
            @Override
            public URL getResource(String name) {
                return name.startsWith("META-INF/services/") ? null : super.getResource(name);
            }

            @Override
            public java.util.Enumeration<URL> getResources(String name) throws IOException {
                return name.startsWith("META-INF/services/") ? java.util.Collections.emptyEnumeration() : super.getResources(name);
            }
        };
        try (URLClassLoader plugins = new URLClassLoader(new URL[] {dir.toUri().toURL()}, parent)) {
            Injector injector = Guice.createInjector(new VigilModule(plugins));
            assertThat(injector.getInstance(PluginRegistry.class).all(DetectionPerspective.class)).containsOnlyKeys("Other");
        }
        assertThatThrownBy(() -> Guice.createInjector(new VigilModule(PluginRegistry.empty())).getInstance(PluginRegistry.class)
                .perspective("Other")).isInstanceOf(VigilException.class).satisfies(e ->
                assertThat(((VigilException) e).code()).isEqualTo(ErrorCode.UNKNOWN_PLUGIN));
    }
}
