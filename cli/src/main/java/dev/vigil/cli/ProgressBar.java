package dev.vigil.cli;

import dev.vigil.core.detection.ProgressListener;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A one-line progress bar on stderr, redrawn in place, for jobs run from a terminal; silent when
 * stderr is piped or redirected, when the command writes to other writers than the process's stderr
 * (e.g. {@link Main#run} called from code), or when {@code VIGIL_PROGRESS=0}.
 *
 * <p>Whether stderr is a terminal is read from the link {@code /proc/self/fd/2} (Linux). Where there
 * is no such link, Java 17 can only tell whether stdin and stdout are a terminal ({@link
 * System#console()}), so there a bar may still be drawn into a redirected stderr while stdout is a
 * terminal; {@code VIGIL_PROGRESS=0} turns it off.
 */
final class ProgressBar implements ProgressListener {
    private static final int WIDTH = 30;
    private static final Path STDERR_LINK = Path.of("/proc/self/fd/2");

    private final PrintWriter err;
    private final boolean interactive;
    private int lastPercent = -1;
    private String lastStage = "";
    private boolean drawn;

    /**
     * A bar that draws on {@code err} when {@code interactive}, and renders nothing otherwise.
     */
    ProgressBar(PrintWriter err, boolean interactive) {
        this.err = err;
        this.interactive = interactive;
    }

    /** A bar that draws only when {@code err} is the process's stderr ({@link #standardError()}) and that is a terminal. */
    static ProgressBar on(PrintWriter err) {
        return new ProgressBar(err, err instanceof StandardError && isTerminal(STDERR_LINK)
                && !"0".equals(System.getenv("VIGIL_PROGRESS")));
    }

    /** The process's stderr, as a writer a bar may draw on when it is a terminal. */
    static PrintWriter standardError() {
        return new StandardError();
    }

    /**
     * Whether a file-descriptor link (e.g. {@code /proc/self/fd/2}) points at a terminal device; without
     * such a link, whether the JVM has a console (stdin and stdout are terminals).
     */
    static boolean isTerminal(Path descriptorLink) {
        try {
            String target = Files.readSymbolicLink(descriptorLink).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return System.console() != null;
        }
    }

    @Override
    public synchronized void progress(String stage, double fraction) {
        if (!interactive) {
            return;
        }
        int percent = (int) Math.round(100 * Math.max(0, Math.min(1, fraction)));
        if (percent == lastPercent && stage.equals(lastStage)) {
            return;
        }
        lastPercent = percent;
        lastStage = stage;
        int filled = percent * WIDTH / 100;
        err.print(String.format(Locale.ROOT, "\r[%s%s] %3d%% %-40s", "=".repeat(filled), " ".repeat(WIDTH - filled), percent, stage));
        err.flush();
        drawn = true;
    }

    /** Clears the bar so that what follows starts on a clean line. */
    synchronized void finish() {
        if (drawn) {
            err.print("\r" + " ".repeat(WIDTH + 48) + "\r");
            err.flush();
            drawn = false;
        }
    }

    /** The process's stderr; the type tells {@link #on} that the terminal check applies to it. */
    private static final class StandardError extends PrintWriter {
        StandardError() {
            super(System.err, true);
        }
    }
}
