package dev.vigil.evaluation.window;

import static java.util.Objects.requireNonNull;

import dev.vigil.evaluation.system.EventRules;
import dev.vigil.spi.frame.TimeFrame;
import java.util.List;

/**
 * What a {@link WindowModel} said about the rows of one window, in time order, and the state it carries to the
 * next. The arrays are the model's own, not copied: read them, do not change them.
 *
 * @param time the rows' timestamps, epoch milliseconds
 * @param anomalous per row, whether it is anomalous ({@code prediction} 1)
 * @param off per row, whether the machine was off (a system-driven model's off condition; Lookout's {@code MACHINE_OFF})
 * @param indicator per row, the anomaly indicator (above 1 ⇔ anomalous), {@code NaN} where there is none
 * @param names the names of the diagnostics' entries (the model's signals, or a KPI model's perspectives)
 * @param shares per row, the entries' shares summing to 1; {@code null} on a row without diagnostics
 * @param state the model's state after these rows, for the next window
 * @param rules how anomalous rows become events
 * @param table these rows of the results table {@code vigil detect} writes for the model (a KPI-driven model's
 *     {@code model_index, kpi, normal_behavior, anomaly_code, anomaly_indicator_<perspective>…}; a system-driven
 *     model's {@code label, anomaly_code, anomaly_indicator, score, severity}, and {@code machine_off} with an off
 *     condition), one row per row here; {@code null} when not made
 */
public record Scored(long[] time, boolean[] anomalous, boolean[] off, double[] indicator, List<String> names, double[][] shares, String state,
        EventRules rules, TimeFrame table) {
    public Scored {
        requireNonNull(time, "time is null");
        names = List.copyOf(names);
        requireNonNull(state, "state is null");
        requireNonNull(rules, "rules is null");
        if (anomalous.length != time.length || off.length != time.length || indicator.length != time.length || shares.length != time.length) {
            throw new IllegalArgumentException("one flag, indicator and share per row");
        }
        if (table != null && table.rows() != time.length) {
            throw new IllegalArgumentException("one row of the results table per row");
        }
    }

    /** The same without the results table (what the scheduler's events need). */
    public Scored(long[] time, boolean[] anomalous, boolean[] off, double[] indicator, List<String> names, double[][] shares, String state,
            EventRules rules) {
        this(time, anomalous, off, indicator, names, shares, state, rules, null);
    }

    /** Number of rows. */
    public int rows() {
        return time.length;
    }

    /** Number of anomalous rows. */
    public int anomalies() {
        int n = 0;
        for (boolean a : anomalous) {
            n += a ? 1 : 0;
        }
        return n;
    }
}
