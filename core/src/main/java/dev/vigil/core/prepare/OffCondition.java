package dev.vigil.core.prepare;

import static java.util.Objects.requireNonNull;

import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.Names;
import dev.vigil.spi.VigilException;
import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.spi.log.JobLog;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * When the machine is off: Lookout for Equipment's {@code OffCondition}, a signal and a threshold written
 * {@code SIGNAL<VALUE} or {@code SIGNAL>VALUE} (for component folders {@code component\tag<value}, e.g.
 * {@code pump\Sensor13<4000}). Rows where it holds are left out of training and never flagged
 * (docs/file-formats.md#off-time).
 *
 * @param signal the column the condition reads
 * @param below true for {@code <} (off while the signal is below the threshold), false for {@code >}
 * @param threshold the value, finite
 */
public record OffCondition(String signal, boolean below, double threshold) {
    /** The origin written in log entries. */
    static final String ORIGIN = "Off-time";
    private static final Pattern NUMBER = Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");

    public OffCondition {
        requireNonNull(signal, "signal is null");
        if (signal.isBlank()) {
            throw new VigilException(ErrorCode.INVALID_CONFIGURATION, "The off condition names no signal");
        }
        if (!Double.isFinite(threshold)) {
            throw new VigilException(ErrorCode.INVALID_CONFIGURATION, "The off condition's threshold must be a finite number: " + threshold);
        }
    }

    /**
     * Parses {@code SIGNAL<VALUE} or {@code SIGNAL>VALUE} (spaces around the operator allowed; the last
     * {@code <} or {@code >} is the operator, so a signal name may hold the other).
     *
     * @throws VigilException {@link ErrorCode#INVALID_CONFIGURATION} saying what a valid condition looks like
     */
    public static OffCondition parse(String text) {
        requireNonNull(text, "text is null");
        int at = Math.max(text.lastIndexOf('<'), text.lastIndexOf('>'));
        String form = " is not an off condition; write SIGNAL<VALUE or SIGNAL>VALUE, e.g. 'pump\\Sensor13<4000' "
                + "(the machine is off while pump\\Sensor13 is below 4000)";
        if (at <= 0 || at == text.length() - 1) {
            throw new VigilException(ErrorCode.INVALID_CONFIGURATION, "'" + text + "'" + form);
        }
        String signal = text.substring(0, at).strip();
        String value = text.substring(at + 1).strip();
        if (signal.isEmpty() || !NUMBER.matcher(value).matches()) {
            throw new VigilException(ErrorCode.INVALID_CONFIGURATION, "'" + text + "'" + form
                    + (signal.isEmpty() ? ": no signal before the operator" : ": '" + value + "' is not a number"));
        }
        double threshold = Double.parseDouble(value);
        return new OffCondition(signal, text.charAt(at) == '<', threshold);
    }

    /**
     * One flag per row of the frame: true where the machine is off. A row whose signal is missing is not
     * off (nothing says it is). Logs how many rows are off, and warns when all or none are.
     *
     * @throws VigilException {@link ErrorCode#UNKNOWN_COLUMN} when the frame has no such signal, naming the
     *     nearest and the ones it has
     */
    public boolean[] mask(TimeFrame frame, JobLog log) {
        String column = resolve(frame.columnNames(), frame.source());
        double[] v = frame.values(column);
        boolean[] off = new boolean[v.length];
        int n = 0;
        int missing = 0;
        for (int i = 0; i < v.length; i++) {
            double x = v[i];
            boolean o = below ? x < threshold : x > threshold; // false for NaN
            off[i] = o;
            n += o ? 1 : 0;
            missing += Double.isNaN(x) ? 1 : 0;
        }
        String what = String.format(Locale.ROOT, "%,d of %,d rows (%.1f %%) of %s where %s: the machine is off there; they are left out of "
                + "training and never flagged.", n, v.length, v.length == 0 ? 0.0 : 100.0 * n / v.length, frame.source(), this);
        log.info(ORIGIN, what.substring(0, 1).toUpperCase(Locale.ROOT) + what.substring(1));
        if (missing > 0) {
            log.warning(ORIGIN, String.format(Locale.ROOT, "%,d rows have no value of '%s'; the off condition cannot hold there, so they "
                    + "count as on.", missing, column));
        }
        if (v.length > 0 && n == v.length) {
            log.warning(ORIGIN, "Every row is off (" + this + "): nothing is left to learn from or judge. Check the threshold and the operator.");
        } else if (v.length > 0 && n == 0) {
            log.info(ORIGIN, "No row is off (" + this + ").");
        }
        return off;
    }

    /**
     * The column the condition names: its exact name, or else the one column whose tag (after {@code
     * component\}) it is.
     */
    String resolve(List<String> columns, String source) {
        if (columns.contains(signal)) {
            return signal;
        }
        List<String> byTag = new ArrayList<>();
        for (String c : columns) {
            int at = c.indexOf('\\');
            if (at >= 0 && c.substring(at + 1).equals(signal)) {
                byTag.add(c);
            }
        }
        if (byTag.size() == 1) {
            return byTag.get(0);
        }
        throw new VigilException(ErrorCode.UNKNOWN_COLUMN, source + " has no signal " + Names.unknown(signal, columns, "signals")
                + (byTag.size() > 1 ? " (the tag is in several components: " + String.join(", ", byTag) + "; name one as component\\tag)" : "")
                + "; the off condition " + this + " needs one");
    }

    /** {@code signal<threshold} or {@code signal>threshold}. */
    @Override
    public String toString() {
        String t = threshold == Math.rint(threshold) && Math.abs(threshold) < 1e15 ? Long.toString((long) threshold) : Double.toString(threshold);
        return signal + (below ? "<" : ">") + t;
    }
}
