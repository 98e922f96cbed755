package dev.vigil.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.io.PrintWriter;
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
        VigilCommand root = new VigilCommand();
        CommandLine cli = new CommandLine(root).setCaseInsensitiveEnumValuesAllowed(true);
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
