package dev.vigil.core.anomaly;

import java.util.Arrays;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * The decision step of a stream, one row at a time: each perspective's value of the row becomes its
 * anomaly indicator ({@code NaN} outside detection intervals or where the value is not calculated),
 * and the indicators become the row's {@code anomaly_code} — exactly as {@link
 * AnomalousBehaviorModel#indicators} and {@link AnomalousBehaviorModel#codes} decide on every row of
 * a batch, with the model's {@link DecisionRule}. A row's indicators are known at once; its code may
 * wait for later rows (a short run may yet grow long enough to be kept, a gap may yet be bridged), so
 * codes are handed out in row order as they are decided: with TIM's pointwise rule always at once,
 * with Vigil's default at most {@code minRows - 1 + bridge} rows late. Not thread-safe: one per stream.
 */
public final class RowDecision {
    private final Submodel[] submodels;
    private final double[] thresholdSurprisals;
    private final DetectionCalendar calendar;
    private final DecisionRule.Online rule;
    /** Whether each waiting row has every indicator calculated, oldest first. */
    private boolean[] all = new boolean[16];
    private int head;
    private int waiting;
    private IntConsumer codes;
    private final DecisionRule.Online.Decided decided = this::decided;

    RowDecision(List<Submodel> submodels, DetectionCalendar calendar, DecisionRule rule) {
        this.submodels = submodels.toArray(Submodel[]::new);
        this.thresholdSurprisals = submodels.stream().mapToDouble(Submodel::thresholdSurprisal).toArray();
        this.calendar = calendar;
        this.rule = new DecisionRule.Online(rule);
    }

    /** Number of perspectives. */
    public int perspectives() {
        return submodels.length;
    }

    /** The most rows whose codes may wait at once under the model's rule. */
    public long holds() {
        return rule.holds();
    }

    /** Rows whose code is not decided yet. */
    public int waiting() {
        return waiting;
    }

    /**
     * Decides one row's indicators, and the codes of every row this row decides, its own included
     * unless it waits.
     *
     * @param localMillis the row's local time in the data's zone, milliseconds since 1970-01-01T00:00 local
     * @param values each perspective's value of the row, {@code NaN} where not calculated
     * @param indicators receives each perspective's indicator
     * @param out receives anomaly codes (0, 1, 2 or 3), one per row decided, oldest first, during this call
     */
    public void decide(long localMillis, double[] values, double[] indicators, IntConsumer out) {
        boolean detect = calendar.inDetectionLocal(localMillis);
        boolean every = true;
        double largest = Double.NaN;
        double rarest = 0;
        for (int k = 0; k < submodels.length; k++) {
            double v = detect ? submodels[k].indicator(values[k]) : Double.NaN;
            indicators[k] = v;
            if (Double.isNaN(v)) {
                every = false;
            } else if (!(v <= largest)) {
                largest = v;
            }
            rarest = AnomalousBehaviorModel.rarest(rarest, v, thresholdSurprisals[k]);
        }
        add(every);
        codes = out;
        try {
            rule.push(largest, rarest, decided);
        } finally {
            codes = null;
        }
    }

    /** The end of the data: decides every waiting row as batch decides the last rows of its data. */
    public void end(IntConsumer out) {
        codes = out;
        try {
            rule.end(decided);
        } finally {
            codes = null;
        }
    }

    private void decided(int rows, boolean flagged) {
        for (int i = 0; i < rows; i++) {
            boolean every = all[head];
            head = (head + 1) % all.length;
            waiting--;
            codes.accept(AnomalousBehaviorModel.code(every, flagged));
        }
    }

    private void add(boolean every) {
        if (waiting == all.length) {
            boolean[] bigger = new boolean[all.length * 2];
            for (int i = 0; i < waiting; i++) {
                bigger[i] = all[(head + i) % all.length];
            }
            all = bigger;
            head = 0;
        }
        all[(head + waiting) % all.length] = every;
        waiting++;
    }

    /**
     * What a snapshot keeps of the decision between rows: {@link #STATE_MARK}, the rule's five numbers,
     * then each waiting row's "every indicator calculated" (0 or 1).
     */
    public double[] state() {
        double[] r = rule.state();
        double[] s = new double[1 + r.length + waiting];
        s[0] = STATE_MARK;
        System.arraycopy(r, 0, s, 1, r.length);
        for (int i = 0; i < waiting; i++) {
            s[1 + r.length + i] = all[(head + i) % all.length] ? 1 : 0;
        }
        return s;
    }

    /**
     * The first number of a {@link #state()} since the rule keeps a run's surprisal: a snapshot from
     * before began with the run's length, never negative, and held four numbers of the rule.
     */
    static final double STATE_MARK = -1;

    /**
     * Resumes from a {@link #state()}; an empty one (a snapshot from before the decision kept state)
     * is a state without rows waiting.
     */
    public void restore(double[] state) {
        boolean marked = state.length > 0 && state[0] == STATE_MARK;
        int skip = marked ? 1 : 0;
        int ruleNumbers = marked ? 5 : 4;
        if (state.length > 0 && state.length < skip + ruleNumbers) {
            throw new IllegalArgumentException("the decision's state is empty, at least 4 numbers, or " + STATE_MARK
                    + " and at least 5 numbers; got " + Arrays.toString(state));
        }
        double[] r = state.length == 0 ? state : Arrays.copyOfRange(state, skip, skip + ruleNumbers);
        rule.restore(r);
        int n = Math.max(0, state.length - skip - r.length);
        if (n != rule.waiting()) {
            throw new IllegalArgumentException("the decision's state holds " + n + " waiting rows where its rule has " + rule.waiting());
        }
        all = new boolean[Math.max(16, Integer.highestOneBit(Math.max(1, n)) * 2)];
        head = 0;
        waiting = 0;
        for (int i = 0; i < n; i++) {
            double flag = state[skip + r.length + i];
            if (flag != 0 && flag != 1) {
                throw new IllegalArgumentException("a waiting row's flag is 0 or 1, got " + flag);
            }
            add(flag == 1);
        }
    }
}
