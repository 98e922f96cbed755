package dev.vigil.cli;

import dev.vigil.spi.ErrorKind;
import dev.vigil.spi.Names;
import dev.vigil.spi.VigilException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/** How the command line reports failures: one clear line on stderr and an exit code. */
final class Errors {
    /** Bad usage or bad input. */
    static final int BAD_INPUT = 2;
    /** A bug or a broken plugin. */
    static final int INTERNAL = 1;

    private Errors() {
    }

    /** Bad options: the problem and where to get help, exit 2. */
    /** A parent command run without a subcommand: says so and prints its usage on stderr; exit 2 (bad usage). */
    static int nameACommand(picocli.CommandLine.Model.CommandSpec spec) {
        spec.commandLine().getErr().println("vigil: name a command of '%s'; they are listed below.".formatted(spec.qualifiedName()));
        spec.commandLine().usage(spec.commandLine().getErr());
        return BAD_INPUT;
    }

    static final class UsageHandler implements IParameterExceptionHandler {
        @Override
        public int handleParseException(ParameterException ex, String[] args) {
            CommandLine cmd = ex.getCommandLine();
            PrintWriter err = cmd.getErr();
            err.println("vigil: " + ex.getMessage() + suggestion(ex));
            err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
            return BAD_INPUT;
        }
    }

    /**
     * For an unknown subcommand or option, the nearest valid one: {@code "; did you mean
     * 'build-model'? commands: build-model, convert, ..."}; empty otherwise.
     */
    static String suggestion(ParameterException ex) {
        if (!(ex instanceof UnmatchedArgumentException u) || u.getUnmatched().isEmpty()) {
            return "";
        }
        String typed = u.getUnmatched().get(0);
        CommandLine.Model.CommandSpec spec = ex.getCommandLine().getCommandSpec();
        if (typed.startsWith("-")) {
            String name = typed.contains("=") ? typed.substring(0, typed.indexOf('=')) : typed;
            List<String> options = spec.options().stream().flatMap(o -> Arrays.stream(o.names())).filter(n -> n.startsWith("--")).toList();
            return Names.nearest(name, options).map(n -> "; did you mean '" + n + "'?").orElse("");
        }
        if (spec.subcommands().isEmpty()) {
            return "";
        }
        List<String> commands = new ArrayList<>(new TreeSet<>(spec.subcommands().keySet()));
        return "; " + Names.unknown(typed, commands, "commands").substring(typed.length() + 4);
    }

    /** Failures while running: Vigil's own message for bad input (exit 2), an internal error otherwise (exit 1). */
    static final class FailureHandler implements IExecutionExceptionHandler {
        private final BooleanSupplier verbose;

        FailureHandler(BooleanSupplier verbose) {
            this.verbose = verbose;
        }

        @Override
        public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parsed) {
            return report(ex, cmd.getErr(), verbose.getAsBoolean());
        }
    }

    /**
     * The data did not fit the Java heap: what the inputs weighed, the heap's limit and how to give Java
     * more memory, in one line on {@code err}, exit 2 (the data, not Vigil, were too large).
     */
    static int outOfMemory(OutOfMemoryError e, ParseResult parsed, PrintWriter err, boolean verbose) {
        long heap = Runtime.getRuntime().maxMemory();
        List<String> inputs = new ArrayList<>();
        long bytes = 0;
        ParseResult leaf = parsed;
        while (leaf.subcommand() != null) {
            leaf = leaf.subcommand();
        }
        List<Object> values = new ArrayList<>();
        leaf.matchedOptions().stream().filter(o -> !o.longestName().endsWith("-out") && !o.longestName().equals("--out"))
                .forEach(o -> values.add(o.getValue()));
        leaf.matchedPositionals().forEach(p -> values.add(p.getValue()));
        for (Object v : values) {
            if (v instanceof Path p && Files.isRegularFile(p)) {
                try {
                    long size = Files.size(p);
                    bytes += size;
                    inputs.add(p + " (" + megabytes(size) + ")");
                } catch (IOException ignored) {
                    // a file that cannot be measured is left out of the message
                }
            }
        }
        long suggested = Math.max(2 * heap, 8 * bytes);
        long gigabytes = Math.max(1, (suggested + (1L << 30) - 1) >> 30);
        err.println("vigil: the data did not fit in Java's memory (its limit is " + megabytes(heap) + (inputs.isEmpty() ? ""
                : "; the input " + (inputs.size() == 1 ? "file is " : "files are ") + String.join(", ", inputs)) + "). Give Java more memory: "
                + "VIGIL_JAVA_OPTS=-Xmx" + gigabytes + "g ./vigil …, or java -Xmx" + gigabytes + "g -jar vigil.jar …; or select fewer rows "
                + "or columns");
        if (verbose) {
            e.printStackTrace(err);
        }
        err.flush();
        return BAD_INPUT;
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%,.0f MB", bytes / 1048576.0);
    }

    /**
     * Reports a failure in one line on {@code err} (and its stack trace when {@code verbose}): Vigil's
     * own message for bad input (exit 2), an internal or plugin error otherwise (exit 1).
     */
    static int report(Exception ex, PrintWriter err, boolean verbose) {
        int code;
        if (ex instanceof VigilException v) {
            boolean userCanFix = v.kind() == ErrorKind.USER_INPUT || v.kind() == ErrorKind.IO;
            code = userCanFix ? BAD_INPUT : INTERNAL;
            err.println("vigil: " + (userCanFix ? "" : v.kind() == ErrorKind.PLUGIN ? "plugin error: " : "internal error: ")
                    + v.getMessage());
        } else {
            code = INTERNAL;
            err.println("vigil: internal error: " + ex + (verbose ? "" : " (run with --verbose for the stack trace)"));
        }
        if (verbose) {
            ex.printStackTrace(err);
        }
        err.flush();
        return code;
    }
}
