package dev.vigil.core.anomaly;

/**
 * How indicators become flagged rows (docs/models.md#the-decision-rule): a single threshold either
 * misses long anomalies or breaks them into pieces, and flags lone rows that barely cross it. On top
 * of TIM's rule (a row is anomalous when an indicator exceeds 1), runs of flagged rows separated by at
 * most {@code bridge} rows are joined into one event, and an event shorter than {@code minRows} rows
 * is kept only when its largest indicator exceeds {@code shortPeak} — a lone spike must be clearly
 * rarer than the threshold, a long excursion need not be. Indicators above 1 are rarities (an
 * indicator of 1.25 is a value as rare as the threshold's rarity to the power 1.25; see {@link
 * Submodel}), so the same numbers mean the same for every perspective and series.
 *
 * <p>A run must also hold a row that is rare among the in-sample values, whatever the sensitivity:
 * its rarest row's in-sample p-value (the conformal one of {@link TailCalibration}, {@code e^−σ})
 * must be below {@code shortRarity} for a short run and below {@code longRarity} for a long one. An
 * indicator threshold alone does not say this: at a 5 % sensitivity an indicator of 1.25 is a value
 * in the top 2.4 % of the in-sample values, at 1 % in the top 0.3 %, so the perspectives whose
 * automatic sensitivity sits at its upper bound (heavy-tailed noise, a smoothed perspective such as
 * Imbalance) raised most false alarms: single rows and long, shallow excursions no rarer than the
 * bulk's own tail. A row's rarity is its largest indicator above 1 times that perspective's threshold
 * surprisal ({@link Submodel#thresholdSurprisal}), so batch and streams compute it alike.
 *
 * <p>The defaults were chosen on the development cases of the KPI quality benchmark (BENCHMARKS.md,
 * "KPI detection by default"), not on the held-out ones: bridge 6, runs under 6 rows need a row in
 * the rarest 0.5 % of the in-sample values, longer runs one in the rarest 1 %. Against the former
 * default (peak indicator 1.25 for short runs, no rarity) they cut false-alarm runs by more than
 * three while raising point F1 and keeping event recall above 90 %.
 *
 * @param bridge most unflagged rows between two runs that are joined; 0 joins nothing
 * @param minRows events shorter than this need a peak above {@code shortPeak} (and {@code shortRarity}); 1 keeps every event
 * @param shortPeak the peak indicator a short event needs, at least 1
 * @param shortRarity the in-sample p-value a short event's rarest row must be below, in (0, 1]; 1 asks nothing
 * @param longRarity the in-sample p-value a long event's rarest row must be below, in (0, 1]; 1 asks nothing
 */
public record DecisionRule(int bridge, int minRows, double shortPeak, double shortRarity, double longRarity) {
    /**
     * Vigil's default: bridge 6 rows, events under 6 rows need a row in the rarest 0.5 % of the
     * in-sample values, longer ones a row in the rarest 1 %.
     */
    public static final DecisionRule DEFAULT = new DecisionRule(6, 6, 1, 0.005, 0.01);
    /** The default of model files written before rarities were stored: bridge 6, events under 6 rows need a peak above 1.25. */
    public static final DecisionRule PEAK_ONLY = new DecisionRule(6, 6, 1.25);
    /** TIM's rule: every row on its own, flagged when an indicator exceeds 1. */
    public static final DecisionRule POINTWISE = new DecisionRule(0, 1, 1);

    public DecisionRule {
        if (bridge < 0 || minRows < 1 || !(shortPeak >= 1) || !(shortRarity > 0 && shortRarity <= 1) || !(longRarity > 0 && longRarity <= 1)) {
            throw new IllegalArgumentException("need bridge >= 0, minRows >= 1, shortPeak >= 1 and rarities in (0, 1]; got " + bridge + ", "
                    + minRows + ", " + shortPeak + ", " + shortRarity + ", " + longRarity);
        }
    }

    /** A rule without rarities (both 1): as model files written before rarities were stored. */
    public DecisionRule(int bridge, int minRows, double shortPeak) {
        this(bridge, minRows, shortPeak, 1, 1);
    }

    /** Whether a run of {@code rows} rows with this peak indicator and this largest surprisal (nats) is kept. */
    boolean keeps(long rows, double peak, double surprisal) {
        return rows >= minRows ? rare(surprisal, longRarity) : peak > shortPeak && rare(surprisal, shortRarity);
    }

    private static boolean rare(double surprisal, double rarity) {
        return rarity >= 1 || surprisal > -Math.log(rarity);
    }

    /** {@link #flag(double[], double[])} with every row's surprisal infinite: rarities ask nothing. */
    boolean[] flag(double[] largest) {
        double[] surprisal = new double[largest.length];
        java.util.Arrays.fill(surprisal, Double.POSITIVE_INFINITY);
        return flag(largest, surprisal);
    }

    /**
     * The flagged rows: the rows run through {@link Online} one after another, so that batch and
     * streams decide with one piece of code.
     *
     * @param largest each row's largest calculated indicator, {@code NaN} where none was calculated
     * @param surprisal each row's largest surprisal among its indicators above 1 (see the class comment)
     */
    boolean[] flag(double[] largest, double[] surprisal) {
        boolean[] flagged = new boolean[largest.length];
        int[] next = {0};
        Online.Decided into = (rows, flag) -> {
            java.util.Arrays.fill(flagged, next[0], next[0] + rows, flag);
            next[0] += rows;
        };
        Online online = new Online(this);
        for (int i = 0; i < largest.length; i++) {
            online.push(largest[i], surprisal[i], into);
        }
        online.end(into);
        return flagged;
    }

    /**
     * The rule applied one row at a time: a row is decided as soon as no later row can change it, and
     * rows are decided in order. A row waits while it belongs to a run that may yet be dropped as short
     * (fewer than {@code minRows} rows, peak not above {@code shortPeak}) or to a gap that a later
     * flagged row may bridge; so at most {@code minRows - 1 + bridge} rows wait. A run is decided
     * when it reaches {@code minRows} rows: kept when it holds a row rarer than {@code longRarity},
     * otherwise its rows so far are left unflagged and the next flagged row opens a new run. Its
     * {@link #state} is five numbers. Not thread-safe.
     */
    static final class Online {
        /** Receives decisions: the oldest {@code rows} rows not yet decided are flagged or not. */
        @FunctionalInterface
        interface Decided {
            void rows(int rows, boolean flagged);
        }

        private final DecisionRule rule;
        /** Rows of the open run up to its last flagged row (bridged gaps included); 0 when no run is open. */
        private int run;
        /** Unflagged, calculated rows since the open run's last flagged row. */
        private int gap;
        /** Whether the open run is kept (long enough, or a peak high enough): its rows are answered as flagged. */
        private boolean kept;
        /** The open run's largest indicator. */
        private double peak;
        /** The open run's largest surprisal. */
        private double surprisal;

        Online(DecisionRule rule) {
            this.rule = rule;
        }

        /** The most rows that may wait at once. */
        long holds() {
            return (long) rule.minRows - 1 + rule.bridge + 1;
        }

        /** Rows waiting for a decision. */
        int waiting() {
            return (kept ? 0 : run) + gap;
        }

        /**
         * Takes the next row's largest indicator ({@code NaN} where none was calculated) and its largest
         * surprisal among indicators above 1, and decides what it can.
         */
        void push(double largest, double rowSurprisal, Decided out) {
            if (largest > 1) {
                if (run > 0) { // the gap is bridged: its rows join the run
                    run = (int) Math.min(Integer.MAX_VALUE, (long) run + gap + 1);
                    peak = Math.max(peak, largest);
                    surprisal = Math.max(surprisal, rowSurprisal);
                } else {
                    run = 1;
                    peak = largest;
                    surprisal = rowSurprisal;
                    kept = false;
                }
                int bridged = gap;
                gap = 0;
                if (kept) {
                    out.rows(bridged + 1, true);
                } else if (rule.keeps(run, peak, surprisal)) {
                    kept = true;
                    out.rows(run, true);
                } else if (run >= rule.minRows) { // long but not rare: its rows are dropped, the next flagged row opens a new run
                    int dropped = run;
                    run = 0;
                    out.rows(dropped, false);
                }
            } else if (run == 0) {
                out.rows(1, false);
            } else if (Double.isNaN(largest) || ++gap > rule.bridge) { // the run ends: an unkept run is dropped
                int waiting = waiting() + (Double.isNaN(largest) ? 1 : 0);
                run = 0;
                gap = 0;
                out.rows(waiting, false);
            }
        }

        /** The end of the data: an open run that is not kept is dropped, a gap after it stays unflagged. */
        void end(Decided out) {
            int waiting = waiting();
            run = 0;
            gap = 0;
            if (waiting > 0) {
                out.rows(waiting, false);
            }
        }

        /** The state between rows, for a stream's snapshot: run, gap, kept (0|1), peak, surprisal. */
        double[] state() {
            return new double[] {run, gap, kept ? 1 : 0, peak, surprisal};
        }

        /**
         * Resumes from a {@link #state()}; an empty one is a state without an open run, one of four
         * numbers (a snapshot from before surprisals were kept) one whose run's surprisal is infinite.
         */
        void restore(double[] state) {
            if (state.length == 0) {
                run = 0;
                gap = 0;
                kept = false;
                peak = 0;
                surprisal = 0;
                return;
            }
            if ((state.length != 4 && state.length != 5) || !(state[0] >= 0) || !(state[1] >= 0) || state[0] > Integer.MAX_VALUE || state[1] > Integer.MAX_VALUE
                    || (state[2] != 0 && state[2] != 1) || (state[0] == 0 && state[1] != 0)) {
                throw new IllegalArgumentException("the decision rule's state is 5 numbers (run, gap, kept 0|1, peak, surprisal), got "
                        + java.util.Arrays.toString(state));
            }
            run = (int) state[0];
            gap = (int) state[1];
            kept = state[2] == 1;
            peak = state[3];
            surprisal = state.length == 5 ? state[4] : Double.POSITIVE_INFINITY;
        }
    }
}
