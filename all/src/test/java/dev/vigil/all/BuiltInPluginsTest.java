package dev.vigil.all;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.core.plugin.PluginRegistry;
import dev.vigil.spi.Plugin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@link PluginRegistry#builtIns()}, the table core uses to name the artifact a missing plugin is in,
 * against what vigil-all's class path really holds: every built-in plugin is discovered here, so the
 * table must list exactly these, each with the artifact whose root package holds its class.
 */
class BuiltInPluginsTest {
    @Test
    void theTableOfBuiltInsIsExactlyWhatVigilAllDiscovers() {
        PluginRegistry registry = PluginRegistry.load(getClass().getClassLoader());
        for (Map.Entry<Class<? extends Plugin>, SortedMap<String, String>> kind : PluginRegistry.builtIns().entrySet()) {
            SortedMap<String, String> discovered = new TreeMap<>();
            registry.all(kind.getKey()).forEach((name, plugin) -> discovered.put(name, artifactOf(plugin.getClass())));
            assertThat(discovered).as(kind.getKey().getSimpleName()).isEqualTo(kind.getValue());
        }
    }

    @Test
    void everyPluginKindOfTheSpiIsInTheTable() throws Exception {
        // every interface of vigil-spi that extends Plugin, read from the artifact itself, so a new kind cannot be forgotten
        Path spi = Path.of(Plugin.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> classes = new ArrayList<>();
        if (Files.isDirectory(spi)) {
            try (Stream<Path> files = Files.walk(spi)) {
                files.map(f -> spi.relativize(f).toString().replace(java.io.File.separatorChar, '/')).forEach(classes::add);
            }
        } else {
            try (JarFile jar = new JarFile(spi.toFile())) {
                jar.stream().map(JarEntry::getName).forEach(classes::add);
            }
        }
        List<Class<? extends Plugin>> kinds = new ArrayList<>();
        for (String name : classes) {
            if (name.endsWith(".class") && !name.endsWith("package-info.class")) {
                Class<?> type = Class.forName(name.substring(0, name.length() - ".class".length()).replace('/', '.'), false,
                        Plugin.class.getClassLoader());
                if (type.isInterface() && type != Plugin.class && Plugin.class.isAssignableFrom(type)) {
                    kinds.add(type.asSubclass(Plugin.class));
                }
            }
        }
        assertThat(kinds).hasSizeGreaterThanOrEqualTo(4);
        assertThat(PluginRegistry.builtIns().keySet()).containsExactlyInAnyOrderElementsOf(kinds);
    }

    /** One module, one artifact, one root package: dev.vigil.io.parquet is vigil-io-parquet, dev.vigil.io.csv vigil-io. */
    private static String artifactOf(Class<?> type) {
        String artifact = null;
        for (String candidate : PluginRegistry.builtIns().values().stream().flatMap(m -> m.values().stream()).distinct().toList()) {
            String root = "dev.vigil." + candidate.substring("vigil-".length()).replace('-', '.');
            boolean inside = type.getPackageName().equals(root) || type.getPackageName().startsWith(root + ".");
            if (inside && (artifact == null || candidate.length() > artifact.length())) {
                artifact = candidate;
            }
        }
        return artifact == null ? "(no artifact's root package holds " + type.getName() + ")" : artifact;
    }
}
