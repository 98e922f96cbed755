package dev.vigil.cli;

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
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
            // the most frequent call of all needs neither picocli's model of every command nor an injector
            for (String line : VersionProvider.lines()) {
                System.out.println(line);
            }
            return;
        }
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
     * object from it. Arguments that ask only for help or the version run no command: they are answered
     * by picocli alone, without the injector, whose creation is the largest part of a cold start.
     */
    static int run(String[] args, PrintWriter out, PrintWriter err, List<Module> overrides) {
        if (mayAskForHelpOrVersion(args)) {
            CommandLine probe = configure(new CommandLine(VigilCommand.class), out, err);
            CommandLine.ParseResult parsed;
            try {
                parsed = probe.parseArgs(args);
            } catch (CommandLine.ParameterException e) {
                return new Errors.UsageHandler().handleParseException(e, args);
            } catch (RuntimeException e) {
                return Errors.report(e, err, false);
            }
            if (helpOrVersion(parsed)) {
                return probe.execute(args); // prints help or the version: no command runs, so no injector is needed
            }
        }
        boolean verboseAsked = Arrays.asList(args).contains("--verbose");
        // Guice's source stack traces and generated fast classes serve long-lived servers; a command line
        // that runs once does without them, 30 ms sooner (a JVM option given by the user wins)
        setIfAbsent("guice_include_stack_traces", "OFF");
        setIfAbsent("guice_bytecode_gen_option", "DISABLED");
        Thread warmUp = namesOnlyAParentCommand(args) ? null : warmUp();
        Injector injector;
        try {
            ClassLoader plugins = PluginPath.classLoader(PluginPath.of(args, System.getenv(PluginPath.ENV)), Main.class.getClassLoader());
            injector = Guice.createInjector(Modules.override(new VigilModule(plugins)).with(overrides));
        } catch (VigilException | CreationException e) {
            return Errors.report(e instanceof CreationException c && c.getCause() instanceof VigilException v ? v : e, err, verboseAsked);
        }
        join(warmUp);
        return configure(new CommandLine(VigilCommand.class, new GuiceFactory(injector)), out, err).execute(args);
    }

    /**
     * Starts, beside the injector's creation, the work every command run does next and that does not
     * need the injector: Logback's set-up (a command will log) and the loading of picocli's classes.
     * On a machine with two cores this takes them off the cold start's critical path.
     */
    private static Thread warmUp() {
        Thread t = new Thread(() -> {
            LoggerFactory.getILoggerFactory();
            new CommandLine(new NabCommand()); // a small command: loads and links picocli's model classes
        }, "vigil-warm-up");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void setIfAbsent(String property, String value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, value);
        }
    }

    /** {@code vigil} or {@code vigil nab}: a parent command alone, which prints its usage and runs nothing. */
    private static boolean namesOnlyAParentCommand(String[] args) {
        return args.length == 0 || args.length == 1 && args[0].equals(NabCommand.class.getAnnotation(CommandLine.Command.class).name());
    }

    private static void join(Thread warmUp) {
        if (warmUp == null) {
            return;
        }
        try {
            warmUp.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The command line's settings, handlers and execution strategy. */
    private static CommandLine configure(CommandLine cli, PrintWriter out, PrintWriter err) {
        VigilCommand root = cli.getCommand();
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionStrategy(parsed -> {
            if (!helpOrVersion(parsed)) {
                LogbackSetup.start(root.verbose);
            }
            return new CommandLine.RunLast().execute(parsed);
        });
        cli.setParameterExceptionHandler(new Errors.UsageHandler());
        cli.setExecutionExceptionHandler(new Errors.FailureHandler(() -> root.verbose));
        return cli;
    }

    /** Whether an argument could be a help or version option (then the arguments are parsed before any injector is made). */
    private static boolean mayAskForHelpOrVersion(String[] args) {
        for (String a : args) {
            if (a.equals("--")) {
                return false;
            }
            if (a.equals("-h") || a.equals("--help") || a.equals("-V") || a.equals("--version")
                    || a.startsWith("-") && !a.startsWith("--") && (a.contains("h") || a.contains("V"))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the command line asks only for help or the version, at any level, or names a parent command
     * without its subcommand (which prints its usage): then logging never starts.
     */
    private static boolean helpOrVersion(CommandLine.ParseResult parsed) {
        CommandLine.ParseResult last = parsed;
        for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.isUsageHelpRequested() || p.isVersionHelpRequested()) {
                return true;
            }
            last = p;
        }
        return !last.commandSpec().subcommands().isEmpty();
    }
}
