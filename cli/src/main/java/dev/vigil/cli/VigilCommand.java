package dev.vigil.cli;

import dev.vigil.core.detection.DetectionModel;
import dev.vigil.core.plugin.PluginRegistry;
import dev.vigil.io.DataFiles;
import dev.vigil.io.model.ModelFiles;
import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.VigilException;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** The {@code vigil} command: a list of subcommands, and the options they all share. */
@Command(name = "vigil",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Anomaly detection on time series from machines, processes and businesses.",
        subcommands = {DemoCommand.class, InspectCommand.class, BuildModelCommand.class, DetectCommand.class, RebuildModelCommand.class,
            RcaCommand.class, ConvertCommand.class, EvaluateCommand.class, NabCommand.class},
        footer = {"", "Exit codes: 0 success, 2 bad usage or bad input, 1 internal error."})
final class VigilCommand implements Runnable {
    @Option(names = "--verbose", scope = ScopeType.INHERIT,
            description = "Show every log entry and, on failure, the stack trace.")
    boolean verbose;

    @Option(names = "--plugins", scope = ScopeType.INHERIT, paramLabel = "PATH", split = ",",
            description = "Plugin jars, or folders of them, to load perspectives, features and formats from "
                    + "(default: the VIGIL_PLUGINS environment variable).")
    List<Path> plugins = new ArrayList<>();

    @Spec
    CommandSpec spec;

    private PluginRegistry registry;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The plugins on the class path and in the plugin jars, loaded once. */
    synchronized PluginRegistry registry() {
        if (registry == null) {
            List<Path> paths = new ArrayList<>(plugins);
            String env = System.getenv("VIGIL_PLUGINS");
            if (paths.isEmpty() && env != null && !env.isBlank()) {
                for (String p : env.split(java.io.File.pathSeparator)) {
                    paths.add(Path.of(p));
                }
            }
            ClassLoader parent = VigilCommand.class.getClassLoader();
            registry = paths.isEmpty() ? PluginRegistry.load(parent)
                    : PluginRegistry.load(new URLClassLoader(jars(paths), parent));
        }
        return registry;
    }

    /**
     * Runs a step that resolves plugin names read from a file (a model or a configuration); a name no
     * loaded plugin has fails as before, with the file and how to load the plugin added.
     */
    static <T> T resolvingPluginsOf(Path source, Supplier<T> step) {
        try {
            return step.get();
        } catch (VigilException e) {
            if (e.code() != ErrorCode.UNKNOWN_PLUGIN) {
                throw e;
            }
            throw new VigilException(ErrorCode.UNKNOWN_PLUGIN, e.getMessage() + " (named in " + source
                    + "); load the plugin that provides it with --plugins JAR or VIGIL_PLUGINS", e);
        }
    }

    /** A model file, read with this command line's plugins; an unknown plugin it names gets the hint above. */
    DetectionModel readModel(Path file) {
        return resolvingPluginsOf(file, () -> ModelFiles.read(file, registry()));
    }

    /** The data formats of {@link #registry()}. */
    DataFiles dataFiles() {
        return DataFiles.of(registry());
    }

    private static URL[] jars(List<Path> paths) {
        List<URL> urls = new ArrayList<>();
        for (Path p : paths) {
            if (!Files.exists(p)) {
                throw new VigilException(ErrorCode.INVALID_CONFIGURATION, "--plugins " + p + " does not exist");
            }
            try {
                if (Files.isDirectory(p)) {
                    try (Stream<Path> files = Files.list(p)) {
                        List<Path> found = files.filter(f -> f.toString().endsWith(".jar")).sorted().toList();
                        if (found.isEmpty()) {
                            urls.add(p.toUri().toURL()); // a folder of classes
                        }
                        for (Path jar : found) {
                            urls.add(jar.toUri().toURL());
                        }
                    }
                } else {
                    urls.add(p.toUri().toURL());
                }
            } catch (MalformedURLException e) {
                throw new VigilException(ErrorCode.INVALID_CONFIGURATION, "--plugins " + p + " is not a usable path: " + e.getMessage());
            } catch (IOException e) {
                throw new VigilException(ErrorCode.IO_FAILURE, "Cannot list " + p + ": " + e.getMessage(), e);
            }
        }
        return urls.toArray(URL[]::new);
    }
}
