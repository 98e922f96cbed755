package dev.vigil.cli;

import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.Names;
import dev.vigil.spi.VigilException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Model.CommandSpec;

/** The two approaches a command may run, and the refusal of options that belong to the other. */
enum Approach {
    KPI_DRIVEN("kpi-driven"),
    SYSTEM_DRIVEN("system-driven");

    final String text;

    Approach(String text) {
        this.text = text;
    }

    /** The approach named {@code kpi-driven} or {@code system-driven}. */
    static Approach of(String name) {
        for (Approach a : values()) {
            if (a.text.equalsIgnoreCase(name)) {
                return a;
            }
        }
        throw new VigilException(ErrorCode.INVALID_CONFIGURATION, "--approach " + Names.unknown(name, List.of("kpi-driven", "system-driven")));
    }

    /**
     * Refuses the given options when the command line gives any of them: they are only for {@code what}.
     */
    static void refuse(CommandSpec spec, String what, String... options) {
        List<String> given = new ArrayList<>();
        for (String o : options) {
            if (spec.commandLine().getParseResult().hasMatchedOption(o)) {
                given.add(o);
            }
        }
        if (!given.isEmpty()) {
            throw new VigilException(ErrorCode.INVALID_CONFIGURATION, String.join(", ", given) + (given.size() == 1 ? " is" : " are")
                    + " only for " + what + "; leave " + (given.size() == 1 ? "it" : "them") + " out");
        }
    }

    /** An ISO 8601 period given for an option. */
    static Duration period(String option, String text) {
        try {
            return Duration.parse(text.toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException e) {
            throw new VigilException(ErrorCode.INVALID_CONFIGURATION, option + " '" + text + "' is not an ISO 8601 period; write e.g. PT5M "
                    + "(five minutes), PT30S or PT1H");
        }
    }
}
