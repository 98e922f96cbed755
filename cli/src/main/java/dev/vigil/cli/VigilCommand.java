package dev.vigil.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The {@code vigil} command: a list of subcommands. */
@Command(name = "vigil",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Anomaly detection on time series from machines, processes and businesses.",
        subcommands = {InspectCommand.class, ConvertCommand.class},
        footer = {"", "Exit codes: 0 success, 2 bad usage or bad input, 1 internal error."})
final class VigilCommand implements Runnable {
    @Option(names = "--verbose", scope = ScopeType.INHERIT,
            description = "Show every log entry and, on failure, the stack trace.")
    boolean verbose;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
