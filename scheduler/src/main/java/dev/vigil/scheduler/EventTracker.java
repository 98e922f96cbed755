package dev.vigil.scheduler;

import dev.vigil.evaluation.Event;
import dev.vigil.evaluation.system.EventRules;
import dev.vigil.evaluation.system.SystemEvents;
import dev.vigil.evaluation.window.Scored;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Events across executions: an execution's anomalous rows are merged by vigil-evaluation's one rule ({@link
 * SystemEvents#merge}) together with the event still open from the executions before, so that an event spanning
 * windows stays one event. The open event enters the merge as one anomalous row followed by the normal rows seen
 * since ({@code trailing}); an event is open while fewer than {@link EventRules#mergeGapRows()} + 1 normal rows
 * and no row where the machine is off follow it. The rules' minimum duration is not applied: an open event may
 * still grow, so every event is kept. Stateless.
 */
final class EventTracker {
    private EventTracker() {
    }

    /**
     * The events an execution changes or adds, and which one stays open.
     *
     * @param changed the open event extended or kept, then new events, in time order
     * @param open the index in {@code changed} of the event still open, or -1
     * @param trailing normal rows after the open event's last anomalous row
     */
    record Update(List<StoredEvent> changed, int open, int trailing) {
    }

    static Update update(String scheduler, StoredEvent open, int trailing, Scored s) {
        int prefix = open == null ? 0 : 1 + trailing;
        int n = prefix + s.rows();
        long[] times = new long[n];
        boolean[] flags = new boolean[n];
        boolean[] off = new boolean[n];
        if (open != null) {
            java.util.Arrays.fill(times, 0, prefix, open.end());
            flags[0] = true;
        }
        System.arraycopy(s.time(), 0, times, prefix, s.rows());
        System.arraycopy(s.anomalous(), 0, flags, prefix, s.rows());
        System.arraycopy(s.off(), 0, off, prefix, s.rows());
        EventRules rules = new EventRules(s.rules().mergeGapRows(), Duration.ZERO);
        List<StoredEvent> changed = new ArrayList<>();
        boolean openKept = false;
        Event last = null;
        for (Event e : SystemEvents.merge(times, flags, off, rules)) {
            boolean continues = open != null && e.firstRow() == 0;
            StoredEvent base = continues ? open : null;
            long start = continues ? open.start() : e.start();
            int rows = continues ? open.anomalousRows() : 0;
            double peak = continues ? open.peakIndicator() : 0;
            double[] sums = continues && open.names().equals(s.names()) ? open.shareSums() : new double[s.names().size()];
            int explained = continues ? open.explained() : 0;
            for (int r = Math.max(prefix, e.firstRow()); r <= e.lastRow(); r++) {
                int i = r - prefix;
                if (!s.anomalous()[i]) {
                    continue;
                }
                rows++;
                peak = Math.max(peak, s.indicator()[i]);
                double[] sh = s.shares()[i];
                if (sh != null) {
                    explained++;
                    for (int j = 0; j < sums.length; j++) {
                        sums[j] += sh[j];
                    }
                }
            }
            openKept |= continues;
            changed.add(new StoredEvent(base == null ? 0 : base.id(), scheduler, start, e.end(), rows, peak, s.names(), sums, explained));
            last = e;
        }
        if (open != null && !openKept) {
            // not extended: it stays open while the rows after it may still be bridged
            boolean offSince = false;
            for (boolean o : s.off()) {
                offSince |= o;
            }
            int since = trailing + s.rows();
            if (!offSince && since <= s.rules().mergeGapRows()) {
                List<StoredEvent> withOpen = new ArrayList<>();
                withOpen.add(open);
                withOpen.addAll(changed);
                if (changed.isEmpty()) {
                    return new Update(withOpen, 0, since);
                }
                changed = withOpen;
            }
        }
        if (last == null) {
            return new Update(changed, -1, 0);
        }
        int after = n - 1 - last.lastRow();
        boolean offAfter = false;
        for (int r = last.lastRow() + 1; r < n; r++) {
            offAfter |= off[r];
        }
        boolean stillOpen = !offAfter && after <= s.rules().mergeGapRows();
        return new Update(changed, stillOpen ? changed.size() - 1 : -1, stillOpen ? after : 0);
    }
}
