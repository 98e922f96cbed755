package dev.vigil.cli;

import dev.vigil.spi.log.LogEntry;
import dev.vigil.spi.log.MessageType;
import java.io.PrintWriter;
import java.util.List;

/** The job-log entries people must see on the command line: warnings and errors, one line each. */
final class Notices {
    private Notices() {
    }

    /** Prints every entry that is not {@link MessageType#Info} as {@code Warning: message}. */
    static void print(List<LogEntry> logs, PrintWriter out) {
        logs.stream().filter(e -> e.messageType() != MessageType.Info).forEach(e -> out.println(e.messageType() + ": " + e.message()));
        out.flush();
    }
}
