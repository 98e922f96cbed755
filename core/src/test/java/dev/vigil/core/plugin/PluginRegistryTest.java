package dev.vigil.core.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.core.detection.AnomalyDetector;
import dev.vigil.spi.DataFormat;
import dev.vigil.spi.DetectionPerspective;
import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.Feature;
import dev.vigil.spi.FeatureContext;
import dev.vigil.spi.FeatureGenerator;
import dev.vigil.spi.FeatureSpec;
import dev.vigil.spi.NormalBehaviorModelFactory;
import dev.vigil.spi.PluginLookup;
import dev.vigil.spi.SystemModelFactory;
import dev.vigil.spi.VigilException;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginRegistryTest {
    @Test
    void aDefaultConfigurationWithCoreAloneNamesTheArtifactThatProvidesItsFeatures() {
        // core's test class path has no vigil-features and no vigil-perspectives, as a user's with core alone
        assertThatThrownBy(() -> AnomalyDetector.builder().kpi("Output").build())
                .isInstanceOfSatisfying(VigilException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_PLUGIN))
                .hasMessage("Unknown feature 'Polynomial': it is in vigil-features; add that artifact, or vigil-all");
    }

    @Test
    void aDefaultPerspectiveWithCoreAloneNamesVigilPerspectives() {
        FeatureGenerator none = new FeatureGenerator() {
            @Override
            public String name() {
                return "None";
            }

            @Override
            public List<Feature> candidates(FeatureContext context) {
                return List.of();
            }

            @Override
            public Feature restore(FeatureSpec spec) {
                throw new UnsupportedOperationException();
            }
        };
        assertThatThrownBy(() -> AnomalyDetector.builder().kpi("Output").features(List.of(none)).build())
                .hasMessage("Unknown perspective 'Residual': it is in vigil-perspectives; add that artifact, or vigil-all");
    }

    @Test
    void everyBuiltInKindNamesItsArtifactWhenMissing() {
        PluginRegistry registry = PluginRegistry.empty();
        assertThatThrownBy(() -> registry.get(DataFormat.class, "Parquet"))
                .hasMessage("Unknown data format 'Parquet': it is in vigil-io-parquet; add that artifact, or vigil-all");
        assertThatThrownBy(() -> registry.get(DataFormat.class, "CSV"))
                .hasMessage("Unknown data format 'CSV': it is in vigil-io; add that artifact, or vigil-all");
        assertThatThrownBy(() -> registry.normalBehavior("SparseRegression"))
                .hasMessage("Unknown normal behaviour model 'SparseRegression': it is in vigil-core; add that artifact, or vigil-all");
        assertThatThrownBy(() -> registry.perspective("ImbalanceChange"))
                .hasMessage("Unknown perspective 'ImbalanceChange': it is in vigil-perspectives; add that artifact, or vigil-all");
        assertThatThrownBy(() -> registry.systemModel("eif"))
                .hasMessage("Unknown system model 'eif': it is in vigil-system; add that artifact, or vigil-all");
    }

    @Test
    void aRegistryIsThePluginLookupSystemModelsBuildOn() {
        // a system model reaches the plugins it builds on through the SPI's PluginLookup, which the registry is
        PluginLookup lookup = PluginRegistry.load(getClass().getClassLoader());
        assertThat(lookup.get(DetectionPerspective.class, "TestOnly")).isInstanceOf(TestOnlyPerspective.class);
        assertThatThrownBy(() -> lookup.get(SystemModelFactory.class, "msett"))
                .isInstanceOfSatisfying(VigilException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_PLUGIN))
                .hasMessage("Unknown system model 'msett'; none are known");
    }

    @Test
    void aBuiltInNameIsOnlyBuiltInForItsOwnKind() {
        // 'Residual' is a perspective: as a feature it is merely unknown, with the usual list
        PluginRegistry registry = PluginRegistry.load(getClass().getClassLoader());
        assertThatThrownBy(() -> registry.feature("Residual")).hasMessage("Unknown feature 'Residual'; none are known");
        assertThat(PluginRegistry.builtIns()).containsOnlyKeys(FeatureGenerator.class, DetectionPerspective.class,
                NormalBehaviorModelFactory.class, SystemModelFactory.class, DataFormat.class);
        assertThat(PluginRegistry.builtIns().get(SystemModelFactory.class)).containsOnlyKeys("cross-regression", "eif", "mset", "pca")
                .containsValue("vigil-system");
        assertThat(PluginRegistry.builtIns().get(FeatureGenerator.class)).containsEntry("Polynomial", "vigil-features").hasSize(14);
    }
    @Test
    void discoversATestOnlyPluginThroughMetaInfServices() {
        PluginRegistry registry = PluginRegistry.load(getClass().getClassLoader());
        assertThat(registry.perspective("TestOnly")).isInstanceOf(TestOnlyPerspective.class);
        assertThat(registry.all(DetectionPerspective.class)).containsOnlyKeys("TestOnly");
    }

    @Test
    void unknownNamesListTheKnownOnesAndTheNearest() {
        PluginRegistry registry = PluginRegistry.load(getClass().getClassLoader());
        assertThatThrownBy(() -> registry.perspective("TestOnyl"))
                .isInstanceOfSatisfying(VigilException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_PLUGIN))
                .hasMessage("Unknown perspective 'TestOnyl'; did you mean 'TestOnly'? known: TestOnly");
        assertThatThrownBy(() -> registry.feature("EMA"))
                .hasMessage("Unknown feature 'EMA'; none are known");
    }

    @Test
    void twoPluginsWithOneNameAreAConflictNamingBothClasses(@TempDir Path dir) throws IOException {
        Path services = dir.resolve("META-INF/services");
        Files.createDirectories(services);
        Files.writeString(services.resolve(DetectionPerspective.class.getName()),
                TestOnlyPerspective.TwinA.class.getName() + "\n" + TestOnlyPerspective.TwinB.class.getName() + "\n");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
            PluginRegistry registry = PluginRegistry.load(loader);
            assertThatThrownBy(() -> registry.all(DetectionPerspective.class))
                    .isInstanceOfSatisfying(VigilException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.PLUGIN_CONFLICT))
                    .hasMessageContaining("Two perspective plugins are named 'Twin'")
                    .hasMessageContaining("TwinA").hasMessageContaining("TwinB");
        }
    }

    @Test
    void aBrokenServiceEntryIsReportedAsAPluginError(@TempDir Path dir) throws IOException {
        Path services = dir.resolve("META-INF/services");
        Files.createDirectories(services);
        Files.writeString(services.resolve(DetectionPerspective.class.getName()), "com.example.Missing\n");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
            assertThatThrownBy(() -> PluginRegistry.load(loader).all(DetectionPerspective.class))
                    .isInstanceOfSatisfying(VigilException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.PLUGIN_CONFLICT))
                    .hasMessageContaining("com.example.Missing");
        }
    }

    @Test
    void withAddsOrReplacesWithoutChangingTheOriginal() {
        PluginRegistry base = PluginRegistry.load(getClass().getClassLoader());
        TestOnlyPerspective replacement = new TestOnlyPerspective();
        PluginRegistry changed = base.with(DetectionPerspective.class, replacement)
                .with(DetectionPerspective.class, new TestOnlyPerspective("Other"));
        assertThat(changed.perspective("TestOnly")).isSameAs(replacement);
        assertThat(changed.all(DetectionPerspective.class)).containsOnlyKeys("Other", "TestOnly");
        assertThat(base.all(DetectionPerspective.class)).containsOnlyKeys("TestOnly");
        assertThat(base.perspective("TestOnly")).isNotSameAs(replacement);
    }

    @Test
    void emptyRegistryDiscoversNothing() {
        assertThat(PluginRegistry.empty().all(FeatureGenerator.class)).isEmpty();
    }
}
