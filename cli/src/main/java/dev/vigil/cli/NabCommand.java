package dev.vigil.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code vigil nab}: the Numenta Anomaly Benchmark. A parent command: its subcommands ({@code
 * score}, and {@code run} beside it) do the work.
 */
@Command(name = "nab",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "The Numenta Anomaly Benchmark (NAB): run Vigil on it, or score any detector's results, with NAB's exact rules.",
        subcommands = {NabScoreCommand.class, NabRunCommand.class})
final class NabCommand implements java.util.concurrent.Callable<Integer> {
    @Spec
    CommandSpec spec;

    /** Without a subcommand: the usage on stderr, exit 2 (bad usage). */
    @Override
    public Integer call() {
        return Errors.nameACommand(spec);
    }
}
