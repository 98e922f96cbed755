package dev.vigil.cli;

import dev.vigil.core.detection.DetectionModel;
import dev.vigil.core.plugin.PluginRegistry;
import dev.vigil.io.model.ModelFiles;
import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.VigilException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code vigil} command and the options every subcommand shares. Its subcommands are listed by
 * {@link CommandTree}; a run that names one gets this command with that subcommand alone.
 */
@Command(name = "vigil",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Anomaly detection on time series from machines, processes and businesses.",
        footer = {"", "Exit codes: 0 success, 2 bad usage or bad input, 1 internal error."})
class VigilCommand implements java.util.concurrent.Callable<Integer> {
    @Option(names = "--verbose", scope = ScopeType.INHERIT,
            description = "Show every log entry and, on failure, the stack trace.")
    boolean verbose;

    /** Read by {@link PluginPath} before parsing (the plugins feed the injector); declared here for help and checks. */
    @Option(names = "--plugins", scope = ScopeType.INHERIT, paramLabel = "PATH",
            description = "Plugin jars, or folders of them, to load perspectives, features, models and formats from; several "
                    + "separated by " + PluginPath.SEPARATOR_NAME + ", as in java -cp (default: the " + PluginPath.ENV
                    + " environment variable, same separator).")
    List<String> plugins = new ArrayList<>();

    @Spec
    CommandSpec spec;

    /** Without a subcommand: the usage on stderr, exit 2 (bad usage). */
    @Override
    public Integer call() {
        return Errors.nameACommand(spec);
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
                    + "); load the plugin that provides it with --plugins JAR or " + PluginPath.ENV, e);
        }
    }

    /**
     * A kpi-driven model file, read with the given plugins; an unknown plugin it names gets the hint
     * above, and a system-driven model is refused naming the commands that take one.
     */
    static DetectionModel readModel(Path file, PluginRegistry registry) {
        if (dev.vigil.io.model.SystemModelFiles.APPROACH.equals(ModelFiles.approach(file))) {
            throw new VigilException(ErrorCode.BAD_MODEL, "Model file " + file + " holds a system-driven model; this command works on "
                    + "kpi-driven models only (a system-driven model is used by vigil detect and vigil evaluate --model)");
        }
        return resolvingPluginsOf(file, () -> ModelFiles.read(file, registry));
    }
}
