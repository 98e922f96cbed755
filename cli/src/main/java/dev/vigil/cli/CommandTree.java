package dev.vigil.cli;

import dev.vigil.spi.Names;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Arrays;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IFactory;

/**
 * The whole {@code vigil} command tree: {@link VigilCommand} with every subcommand. Help, the shell
 * completion script and the man pages are made from it.
 *
 * <p>picocli builds the model of every command it is given, which costs a cold start about 0.1 s of
 * CPU for the commands a run does not use: {@link #forArguments} gives a run that names a subcommand
 * the root with that subcommand alone, and the whole tree otherwise (no subcommand, a misspelt one, help).
 */
@Command(subcommands = {DemoCommand.class, InspectCommand.class, BuildModelCommand.class, DetectCommand.class, RebuildModelCommand.class,
    RcaCommand.class, StreamCommand.class, WhatIfCommand.class, TuneCommand.class, ConvertCommand.class, EvaluateCommand.class,
    NabCommand.class,
    ReportCommand.class, SchedulerCommand.class})
final class CommandTree extends VigilCommand {
    /** The command line for these arguments, its objects created by {@code factory}. */
    static CommandLine forArguments(String[] args, IFactory factory) {
        Class<?> named = subcommandNamed(args);
        CommandLine cli;
        if (named == null) {
            cli = new CommandLine(CommandTree.class, factory);
        } else {
            cli = new CommandLine(VigilCommand.class, factory);
            cli.addSubcommand(new CommandLine(named, factory));
        }
        return cli.registerConverter(ZoneId.class, CommandTree::zone);
    }

    /**
     * A time zone option's value: a region ({@code Europe/Berlin}), an offset ({@code +01:00}) or
     * {@code UTC}; anything else is refused saying what valid zones look like (and the nearest region).
     */
    static ZoneId zone(String text) {
        try {
            return ZoneId.of(text.strip());
        } catch (DateTimeException e) {
            String near = Names.nearest(text.strip(), ZoneId.getAvailableZoneIds()).map(n -> "did you mean '" + n + "'? ").orElse("");
            throw new CommandLine.TypeConversionException("'" + text + "' is not a time zone; " + near + "expected a region of the tz "
                    + "database such as Europe/Berlin or America/New_York, an offset such as +01:00, or UTC");
        }
    }

    /**
     * The subcommand the arguments name: the first argument that is a subcommand's name or alias, the
     * value of {@code --plugins} aside (the root's only option with a value); {@code null} for none.
     */
    static Class<?> subcommandNamed(String[] args) {
        Class<?>[] subcommands = CommandTree.class.getAnnotation(Command.class).subcommands();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--plugins")) {
                i++;
                continue;
            }
            if (args[i].equals("--")) {
                return null;
            }
            for (Class<?> c : subcommands) {
                Command command = c.getAnnotation(Command.class);
                if (command.name().equals(args[i]) || Arrays.asList(command.aliases()).contains(args[i])) {
                    return c;
                }
            }
        }
        return null;
    }
}
