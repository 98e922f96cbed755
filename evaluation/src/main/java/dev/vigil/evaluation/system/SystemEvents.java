package dev.vigil.evaluation.system;

import dev.vigil.evaluation.Event;
import dev.vigil.spi.SignalContributions;
import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.system.Contribution;
import dev.vigil.system.SystemDetection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Merges the anomalous rows of a system-driven detection into {@link SystemEvent}s (reference §5.8), with
 * the event merging of vigil-evaluation ({@link Event#runs}, {@link Event#merge}): runs of anomalous rows
 * at most {@link EventRules#mergeGapRows()} rows apart are one event unless a row where the machine is off
 * lies between them; events shorter than {@link EventRules#minDuration()} are dropped. An event's
 * diagnostics are the mean shares of its anomalous rows, renormalised. Stateless.
 */
public final class SystemEvents {
    private SystemEvents() {
    }

    /**
     * The events of a detection, in time order.
     *
     * @param detection what was found; its anomalous rows carry contributions
     * @param off per row, whether the machine was off ({@code null}: never); off rows end events
     * @param groups each signal's component or subsystem, for the totals (signals not in it are their own)
     */
    public static List<SystemEvent> of(SystemDetection detection, boolean[] off, Map<String, String> groups, EventRules rules) {
        SignalContributions c = detection.contributions();
        List<SystemEvent> out = new ArrayList<>();
        for (Event e : merge(detection.time(), detection.flags(), off, rules)) {
            out.add(summarise(detection, c, e, groups));
        }
        return List.copyOf(out);
    }

    /**
     * The spans of the events of flagged rows, in time order: the one merging rule of system-driven events,
     * used by detect (through {@link #of}) and by the evaluation of a results table ({@link #ofTable}) alike.
     *
     * @param times the rows' timestamps, in time order
     * @param flags per row, whether it is anomalous
     * @param off per row, whether the machine was off ({@code null}: never); off rows end events
     */
    public static List<Event> merge(long[] times, boolean[] flags, boolean[] off, EventRules rules) {
        List<Event> merged = new ArrayList<>();
        List<Event> segment = new ArrayList<>();
        for (Event run : Event.runs(times, flags)) {
            if (!segment.isEmpty() && off != null && anyOff(off, segment.get(segment.size() - 1).lastRow() + 1, run.firstRow())) {
                merged.addAll(Event.merge(segment, rules.mergeGapRows()));
                segment.clear();
            }
            segment.add(run);
        }
        merged.addAll(Event.merge(segment, rules.mergeGapRows()));
        List<Event> kept = new ArrayList<>();
        for (Event e : merged) {
            if (e.duration().compareTo(rules.minDuration()) >= 0) {
                kept.add(e);
            }
        }
        return List.copyOf(kept);
    }

    /**
     * The events of a system-driven results table as detect wrote it ({@link SystemRun#table}), by {@link
     * #merge}: its rows in time order, flagged where {@code flags} says, off where its {@value
     * SystemRun#MACHINE_OFF} column is 1 (a table without that column comes from a model without an off
     * condition). So {@code vigil evaluate} counts the events detect reported.
     *
     * @param table the results table, rows in time order
     * @param flags per row, whether it is anomalous (its anomaly code)
     */
    public static List<Event> ofTable(TimeFrame table, boolean[] flags, EventRules rules) {
        boolean[] off = null;
        if (table.hasColumn(SystemRun.MACHINE_OFF)) {
            double[] v = table.values(SystemRun.MACHINE_OFF);
            off = new boolean[v.length];
            for (int r = 0; r < v.length; r++) {
                off[r] = v[r] == 1;
            }
        }
        return merge(table.times(), flags, off, rules);
    }

    private static boolean anyOff(boolean[] off, int from, int to) {
        for (int r = from; r < to; r++) {
            if (off[r]) {
                return true;
            }
        }
        return false;
    }

    private static SystemEvent summarise(SystemDetection d, SignalContributions c, Event e, Map<String, String> groups) {
        int signals = d.signals().size();
        double[] share = new double[signals];
        double[] deviation = new double[signals];
        int anomalous = 0;
        int explained = 0;
        double peak = 0;
        double severity = 0;
        int[] rows = c.rows();
        for (int r = e.firstRow(); r <= e.lastRow(); r++) {
            if (!d.anomalous(r)) {
                continue;
            }
            anomalous++;
            peak = Math.max(peak, d.indicator()[r]);
            severity = Math.max(severity, d.severity()[r]);
            int at = Arrays.binarySearch(rows, r);
            if (at < 0 || Double.isNaN(c.shares()[at][0])) {
                continue;
            }
            explained++;
            for (int j = 0; j < signals; j++) {
                share[j] += c.shares()[at][j];
                deviation[j] += c.deviations()[at][j];
            }
        }
        double total = 0;
        for (double s : share) {
            total += s;
        }
        List<Contribution> diagnostics = new ArrayList<>();
        for (int j = 0; j < signals; j++) {
            double s = total > 0 ? share[j] / total : 1.0 / signals;
            diagnostics.add(new Contribution(d.signals().get(j), s, explained == 0 ? Double.NaN : deviation[j] / explained));
        }
        return new SystemEvent(e, anomalous, peak, severity, diagnostics, Diagnostics.totals(diagnostics, groups));
    }
}
