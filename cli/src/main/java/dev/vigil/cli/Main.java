package dev.vigil.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.util.Modules;
import dev.vigil.guice.VigilModule;
import dev.vigil.spi.VigilException;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/** Entry point of the {@code vigil} command line. */
public final class Main {
    private Main() {
    }

    /** Runs the command line and exits with its exit code. */
    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), ProgressBar.standardError()));
    }

    /**
     * Runs the command line with the given output streams and returns the exit code: 0 success, 2 bad
     * usage or bad input, 1 internal error.
     */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return run(args, out, err, List.of());
    }

    /**
     * {@link #run(String[], PrintWriter, PrintWriter)} with bindings of {@link VigilModule} replaced by
     * those of the given modules (e.g. a perspective, {@code DataFiles}, the default settings).
     *
     * <p>One injector per run: {@link VigilModule} with the plugins of {@code --plugins} or {@code
     * VIGIL_PLUGINS} (its class loader), overridden by {@code overrides}; picocli gets every command
     * object from it.
     */
    static int run(String[] args, PrintWriter out, PrintWriter err, List<Module> overrides) {
        boolean verboseAsked = Arrays.asList(args).contains("--verbose");
        Injector injector;
        try {
            ClassLoader plugins = PluginPath.classLoader(PluginPath.of(args, System.getenv(PluginPath.ENV)), Main.class.getClassLoader());
            injector = Guice.createInjector(Modules.override(new VigilModule(plugins)).with(overrides));
        } catch (VigilException | CreationException e) {
            return Errors.report(e instanceof CreationException c && c.getCause() instanceof VigilException v ? v : e, err, verboseAsked);
        }
        CommandLine cli = new CommandLine(VigilCommand.class, new GuiceFactory(injector)).setCaseInsensitiveEnumValuesAllowed(true);
        VigilCommand root = cli.getCommand();
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionStrategy(parsed -> {
            quietLogging(!root.verbose);
            return new CommandLine.RunLast().execute(parsed);
        });
        cli.setParameterExceptionHandler(new Errors.UsageHandler());
        cli.setExecutionExceptionHandler(new Errors.FailureHandler(() -> root.verbose));
        return cli.execute(args);
    }

    private static void quietLogging(boolean quiet) {
        if (LoggerFactory.getLogger("dev.vigil") instanceof Logger vigil) {
            vigil.setLevel(quiet ? Level.WARN : Level.DEBUG);
        }
        if (LoggerFactory.getLogger("dev.vigil.job") instanceof Logger jobs) {
            jobs.setLevel(quiet ? Level.OFF : Level.DEBUG);
        }
    }
}
