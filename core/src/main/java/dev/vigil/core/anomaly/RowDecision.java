package dev.vigil.core.anomaly;

import java.util.List;

/**
 * The decision step of a stream, one row at a time: each perspective's value of the row becomes its
 * anomaly indicator ({@code NaN} outside detection intervals or where the value is not calculated),
 * and the indicators become the row's {@code anomaly_code} — exactly as {@link
 * AnomalousBehaviorModel#indicators} and {@link AnomalousBehaviorModel#codes} decide on every row of
 * a batch. Causal; stateless today, with {@link #state()} and {@link #restore} for a decision rule that
 * keeps state across rows, so that streams can snapshot it. Not thread-safe: one per stream.
 */
public final class RowDecision {
    private final Submodel[] submodels;
    private final DetectionCalendar calendar;

    RowDecision(List<Submodel> submodels, DetectionCalendar calendar) {
        this.submodels = submodels.toArray(Submodel[]::new);
        this.calendar = calendar;
    }

    /** Number of perspectives. */
    public int perspectives() {
        return submodels.length;
    }

    /**
     * Decides one row.
     *
     * @param localMillis the row's local time in the data's zone, milliseconds since 1970-01-01T00:00 local
     * @param values each perspective's value of the row, {@code NaN} where not calculated
     * @param indicators receives each perspective's indicator
     * @return the row's anomaly code: 0, 1, 2 or 3
     */
    public int decide(long localMillis, double[] values, double[] indicators) {
        boolean detect = calendar.inDetectionLocal(localMillis);
        boolean all = true;
        boolean above = false;
        for (int k = 0; k < submodels.length; k++) {
            double v = detect ? submodels[k].indicator(values[k]) : Double.NaN;
            indicators[k] = v;
            if (Double.isNaN(v)) {
                all = false;
            } else if (v > 1) {
                above = true;
            }
        }
        return AnomalousBehaviorModel.code(all, above);
    }

    /** What a snapshot keeps of the decision rule's state: nothing, for today's stateless rule. */
    public double[] state() {
        return new double[0];
    }

    /** Resumes from a {@link #state()}. */
    public void restore(double[] state) {
        if (state.length != 0) {
            throw new IllegalArgumentException("the decision rule keeps no state, got " + state.length + " values");
        }
    }
}
