package dev.vigil.cli;

import dev.vigil.core.detection.ProgressListener;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * A one-line progress bar on stderr, redrawn in place, for jobs run from a terminal; silent when the
 * output is piped or redirected (no console), or when {@code VIGIL_PROGRESS=0}.
 */
final class ProgressBar implements ProgressListener {
    private static final int WIDTH = 30;

    private final PrintWriter err;
    private final boolean enabled;
    private int lastPercent = -1;
    private String lastStage = "";
    private boolean drawn;

    private ProgressBar(PrintWriter err, boolean enabled) {
        this.err = err;
        this.enabled = enabled;
    }

    /** A bar that draws only on a terminal. */
    static ProgressBar on(PrintWriter err) {
        return new ProgressBar(err, System.console() != null && !"0".equals(System.getenv("VIGIL_PROGRESS")));
    }

    @Override
    public synchronized void progress(String stage, double fraction) {
        if (!enabled) {
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
}
