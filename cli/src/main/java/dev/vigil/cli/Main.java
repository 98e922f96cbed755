package dev.vigil.cli;

import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.util.Modules;
import dev.vigil.guice.VigilModule;
import dev.vigil.spi.VigilException;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
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
     * VIGIL_PLUGINS} (its class loader), overridden by {@code overrides}. It is made on a second thread
     * while picocli builds its model of the command and parses the arguments (the two largest parts of a
     * cold start, so they overlap); the command's {@code @Inject} fields are set from it just before the
     * command runs ({@link DeferredInjection}). Arguments that ask only for help or the version run no
     * command and never wait for it.
     */
    static int run(String[] args, PrintWriter out, PrintWriter err, List<Module> overrides) {
        // Guice's source stack traces and generated fast classes serve long-lived servers; a command line
        // that runs once does without them, 30 ms sooner (a JVM option given by the user wins)
        setIfAbsent("guice_include_stack_traces", "OFF");
        setIfAbsent("guice_bytecode_gen_option", "DISABLED");
        Supplier<CompletableFuture<Injector>> makeInjector = () -> inBackground("vigil-injector", () -> Guice.createInjector(
                Modules.override(new VigilModule(PluginPath.classLoader(PluginPath.of(args, System.getenv(PluginPath.ENV)),
                        Main.class.getClassLoader()))).with(overrides)));
        Class<?> named = CommandTree.subcommandNamed(args);
        // Started at once only when a command will surely run: help, the version and a parent command's
        // usage need neither, and load no Logback class
        boolean runs = named != null && named.getAnnotation(CommandLine.Command.class).subcommands().length == 0
                && !mayAskForHelpOrVersion(args);
        CompletableFuture<Injector> early = runs ? makeInjector.get() : null;
        CompletableFuture<?> logging = runs ? inBackground("vigil-logging", LoggerFactory::getILoggerFactory) : null;
        DeferredInjection factory = new DeferredInjection();
        CommandLine cli = CommandTree.forArguments(args, factory);
        VigilCommand root = cli.getCommand();
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionStrategy(parsed -> {
            if (helpOrVersion(parsed)) {
                return new CommandLine.RunLast().execute(parsed);
            }
            try {
                factory.inject((early != null ? early : makeInjector.get()).join());
            } catch (CompletionException e) {
                Throwable cause = e.getCause() instanceof CreationException c && c.getCause() instanceof VigilException v ? v : e.getCause();
                return Errors.report(cause instanceof Exception x ? x : e, err, root.verbose);
            }
            if (logging != null) {
                logging.join();
            }
            LogbackSetup.start(root.verbose);
            try {
                return new CommandLine.RunLast().execute(parsed);
            } catch (OutOfMemoryError e) {
                return Errors.outOfMemory(e, parsed, err, root.verbose);
            }
        });
        cli.setParameterExceptionHandler(new Errors.UsageHandler());
        cli.setExecutionExceptionHandler(new Errors.FailureHandler(() -> root.verbose));
        return cli.execute(args);
    }

    /** Starts a task on a daemon thread of its own (the common pool would size itself to the cores first). */
    private static <T> CompletableFuture<T> inBackground(String name, Supplier<T> task) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                result.complete(task.get());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        }, name);
        t.setDaemon(true);
        t.start();
        return result;
    }

    private static void setIfAbsent(String property, String value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, value);
        }
    }

    /** Whether an argument could be a help or version option. */
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
