package dev.vigil.evaluation;

import static java.util.Objects.requireNonNull;

import dev.vigil.core.detection.AnomalyDetector;
import dev.vigil.core.detection.DetectionModel;
import dev.vigil.core.detection.DetectionResult;
import dev.vigil.core.detection.ProgressListener;
import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.VigilException;
import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.spi.settings.Configuration;
import dev.vigil.spi.settings.DomainSpecific;
import dev.vigil.spi.settings.JobSettings;
import dev.vigil.spi.settings.RebuildType;
import dev.vigil.spi.settings.RowSelection;
import dev.vigil.spi.settings.RowUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * Label-based tuning (docs/evaluation.md#label-tuning): the perspectives and sensitivity that maximise
 * an objective on labelled rows, judged by time-ordered cross-validation — each fold builds on the rows
 * before a cut and scores the rows after it, so no configuration is judged on rows its model saw.
 *
 * <p>Folds ({@link Split#folds}): with k folds (4 by default in {@code vigil tune}), fold f (1 … k) builds on the first
 * {@code (k + f − 1)/(2k)} of the rows and scores the next {@code 1/(2k)}, so the validation parts tile the second half
 * of the data. For each fold and perspective set one model is built with the automatic sensitivity; each fixed
 * sensitivity re-calibrates its thresholds on the same in-sample rows (TIM's rebuild type {@code DomainSpecifics})
 * instead of building again. Each candidate's counts ({@link FoldTally}) are pooled over the folds before the
 * objective ({@link Objective}: point F1, event F1, NAB's standard profile, or event recall within a false-alarm budget
 * per day) is taken, so that every validation event weighs the same.
 *
 * <p>The choice falls back to the default when the evidence is weak ({@link #choose}): a candidate replaces the
 * detector's own configuration (its perspectives with the automatic sensitivity, when that is one of the candidates)
 * only when it beats it by more than one validation event's worth of the objective, {@code 1/E} with E the labelled
 * events in all validation parts, and stays ahead (by one event's worth of the rest) with any one fold left out. With
 * few events per fold, candidates that won in-sample on the strength of one fold were as likely to lose after it
 * (BENCHMARKS.md, "Label tuning, fourth round").
 *
 * <pre>{@code
 * LabelTuning.Result r = LabelTuning.tune(AnomalyDetector.builder().kpi("kpi").label("label"), raw,
 *         LabelTuning.Objective.EVENT_F1, LabelTuning.DEFAULT_PERSPECTIVE_SETS, LabelTuning.DEFAULT_SENSITIVITIES, 4);
 * // at most one false-alarm run per two days of validation rows, then as many events as possible:
 * LabelTuning.tune(builder, raw, LabelTuning.Objective.FA_BUDGET, 0.5, LabelTuning.DEFAULT_PERSPECTIVE_SETS,
 *         LabelTuning.DEFAULT_SENSITIVITIES, 4);
 * r.settings();   // the detector's settings with the best perspectives and sensitivity
 * }</pre>
 */
public final class LabelTuning {
    /** Perspective sets tried by default: TIM's default, with Fluctuation, Residual alone, with ImbalanceChange. */
    public static final List<List<String>> DEFAULT_PERSPECTIVE_SETS = List.of(List.of("Residual", "Imbalance"),
            List.of("Residual", "Imbalance", "Fluctuation"), List.of("Residual"), List.of("Residual", "Imbalance", "ImbalanceChange"));
    /** Sensitivities tried by default, percent, besides the automatic one. */
    public static final List<Double> DEFAULT_SENSITIVITIES = List.of(0.1, 0.25, 0.5, 1.0, 2.0, 3.0, 5.0);

    private LabelTuning() {
    }

    /** What tuning maximises on the validation rows, pooled over the folds (docs/evaluation.md#label-tuning). */
    public enum Objective {
        /** Point F1 over rows. */
        POINT_F1,
        /** Event F1: harmonic mean of event precision (detections touching a labelled event) and event recall (events touched). */
        EVENT_F1,
        /**
         * NAB's standard profile, the labelled events as windows and the flagged rows as detections, normalised and divided
         * by 100: 1 for flagging the first row of every event and nothing else, 0 for flagging nothing ({@link FoldTally#nab()}).
         */
        NAB,
        /**
         * Event recall, among the candidates with at most the budget's false-alarm runs per day of validation rows; when
         * none keeps to it, the fewest false alarms per day (the objective is then minus that rate).
         */
        FA_BUDGET;

        /** This objective's value of pooled counts; {@code maxFalseAlarmsPerDay} only matters for {@link #FA_BUDGET}. */
        public double of(FoldTally t, double maxFalseAlarmsPerDay) {
            return switch (this) {
                case POINT_F1 -> t.pointF1();
                case EVENT_F1 -> t.eventF1();
                case NAB -> t.nab();
                case FA_BUDGET -> t.falseAlarmsPerDay() <= maxFalseAlarmsPerDay ? t.eventRecall() : -t.falseAlarmsPerDay();
            };
        }
    }

    /**
     * One fold: build on rows {@code [0, cut)}, score rows {@code [cut, end)}.
     *
     * @param cut the first validation row
     * @param end one past the last validation row
     */
    public record Split(int cut, int end) {
        public Split {
            if (cut < 1 || end <= cut) {
                throw new IllegalArgumentException("a split needs rows to build on and rows to score: cut " + cut + ", end " + end);
            }
        }

        /**
         * The time-ordered folds: fold f (1 … k) builds on the first {@code (k + f − 1)/(2k)} of the rows and scores
         * the next {@code 1/(2k)}, so the validation parts tile the second half of the data.
         *
         * @throws IllegalArgumentException when {@code k} is below 1 or a fold would have no rows to score
         */
        public static List<Split> folds(int rows, int k) {
            if (k < 1) {
                throw new IllegalArgumentException("folds must be at least 1, got " + k);
            }
            List<Split> out = new ArrayList<>();
            for (int f = 1; f <= k; f++) {
                out.add(new Split((int) ((long) rows * (k + f - 1) / (2 * k)), (int) ((long) rows * (k + f) / (2 * k))));
            }
            return out;
        }
    }

    /**
     * One configuration tried.
     *
     * @param perspectives the perspectives
     * @param sensitivity the sensitivity of every perspective, percent; empty: automatic
     */
    public record Candidate(List<String> perspectives, OptionalDouble sensitivity) {
        public Candidate {
            perspectives = List.copyOf(requireNonNull(perspectives, "perspectives is null"));
            requireNonNull(sensitivity, "sensitivity is null");
        }

        /** The domain specifics of this candidate (automatic ones between 0 and 5 %). */
        public List<DomainSpecific> domainSpecifics() {
            return perspectives.stream().map(p -> sensitivity.isPresent() ? DomainSpecific.fixed(p, sensitivity.getAsDouble())
                    : DomainSpecific.auto(p)).toList();
        }

        @Override
        public String toString() {
            return String.join("+", perspectives) + " @ " + (sensitivity.isPresent()
                    ? String.format(Locale.ROOT, "%s %%", sensitivity.getAsDouble()) : "auto");
        }
    }

    /**
     * A candidate's figures on the validation rows, pooled over the folds (ratios of summed counts).
     *
     * @param candidate the configuration
     * @param objective the objective
     * @param precision point precision
     * @param recall point recall
     * @param eventPrecision share of detections that touch a labelled event
     * @param eventRecall share of labelled events touched by a detection
     * @param falseRunsPer10k false-alarm runs per 10,000 normal rows
     * @param falseAlarmsPerDay false-alarm runs per day of validation rows
     * @param folds the counts of each fold, in time order (empty when not known)
     */
    public record Trial(Candidate candidate, double objective, double precision, double recall, double eventPrecision, double eventRecall,
            double falseRunsPer10k, double falseAlarmsPerDay, List<FoldTally> folds) {
        public Trial {
            requireNonNull(candidate, "candidate is null");
            folds = List.copyOf(folds);
        }

        /** A trial without per-fold counts. */
        public Trial(Candidate candidate, double objective, double precision, double recall, double eventPrecision, double eventRecall,
                double falseRunsPer10k) {
            this(candidate, objective, precision, recall, eventPrecision, eventRecall, falseRunsPer10k, Double.NaN, List.of());
        }

        /** A candidate's trial from its per-fold counts. */
        public static Trial of(Candidate candidate, Objective objective, double maxFalseAlarmsPerDay, List<FoldTally> folds) {
            FoldTally t = FoldTally.sum(folds);
            return new Trial(candidate, objective.of(t, maxFalseAlarmsPerDay), t.precision(), t.recall(), t.eventPrecision(), t.eventRecall(),
                    t.falseAlarmsPer10k(), t.falseAlarmsPerDay(), folds);
        }

        /** The counts of all folds together. */
        public FoldTally pooled() {
            return FoldTally.sum(folds);
        }
    }

    /**
     * The outcome.
     *
     * @param objective what was maximised
     * @param trials every candidate's figures, in the order tried
     * @param best the chosen trial ({@link LabelTuning#choose}): the best that beats the default clearly and steadily, else
     *     the default (see the class comment)
     * @param settings the detector's settings with the best candidate's perspectives and sensitivity
     * @param validationEvents labelled events in all validation parts, summed over the folds (NaN when not known):
     *     one event's worth of the objective is {@code 1 / validationEvents}
     * @param maxFalseAlarmsPerDay the budget of {@link Objective#FA_BUDGET}, NaN for the other objectives
     */
    public record Result(Objective objective, List<Trial> trials, Trial best, JobSettings settings, double validationEvents,
            double maxFalseAlarmsPerDay) {
        public Result {
            trials = List.copyOf(trials);
        }

        /** A result of an objective without a budget. */
        public Result(Objective objective, List<Trial> trials, Trial best, JobSettings settings, double validationEvents) {
            this(objective, trials, best, settings, validationEvents, Double.NaN);
        }

        /** A result whose count of validation events is not known ({@link #validationEvents()} NaN). */
        public Result(Objective objective, List<Trial> trials, Trial best, JobSettings settings) {
            this(objective, trials, best, settings, Double.NaN);
        }

        /** The trial with the highest objective (the first of equals): {@link #best()} unless the default was kept. */
        public Trial top() {
            return LabelTuning.top(trials);
        }

        /**
         * Whether a trial with a higher objective was passed over: the chosen one is the default, or a candidate that beats it
         * clearly and steadily, where the top one did not.
         */
        public boolean keptDefault() {
            return top().objective() > best.objective();
        }

        /**
         * When a better trial was passed over: the first fold (0-based) without which that trial is not ahead of
         * the chosen one by more than one event's worth of the other folds' rows, or −1 (it is ahead without any one fold,
         * so it was its pooled margin that was too small, or nothing was passed over).
         */
        public int foldTheTopNeeds() {
            return keptDefault() ? firstFoldItNeeds(top(), best, objective, maxFalseAlarmsPerDay) : -1;
        }

        /** For {@link Objective#FA_BUDGET}: whether no candidate kept to the budget (the fewest false alarms was chosen). */
        public boolean budgetMissed() {
            return objective == Objective.FA_BUDGET && trials.stream().noneMatch(t -> t.falseAlarmsPerDay() <= maxFalseAlarmsPerDay);
        }
    }

    /**
     * Tunes on labelled data for an objective other than {@link Objective#FA_BUDGET}.
     *
     * @see #tune(AnomalyDetector.Builder, TimeFrame, Objective, double, List, List, int)
     */
    public static Result tune(AnomalyDetector.Builder detector, TimeFrame raw, Objective objective, List<List<String>> perspectiveSets,
            List<Double> sensitivities, int folds) {
        return tune(detector, raw, objective, Double.NaN, perspectiveSets, sensitivities, folds);
    }

    /**
     * Tunes on labelled data.
     *
     * @param detector the detector, naming the KPI and the label column; its row selection is replaced per fold
     * @param raw the labelled data, in time order
     * @param objective what to maximise
     * @param maxFalseAlarmsPerDay for {@link Objective#FA_BUDGET}, the budget: false-alarm runs per day of validation rows,
     *     positive; ignored (may be NaN) for the other objectives
     * @param perspectiveSets perspective sets to try
     * @param sensitivities fixed sensitivities to try, percent, besides the automatic one
     * @param folds number of folds, at least 1
     * @throws VigilException without a label column, for {@link Objective#FA_BUDGET} without a positive budget, or when a
     *     fold has too few rows to build on
     */
    public static Result tune(AnomalyDetector.Builder detector, TimeFrame raw, Objective objective, double maxFalseAlarmsPerDay,
            List<List<String>> perspectiveSets, List<Double> sensitivities, int folds) {
        requireNonNull(objective, "objective is null");
        if (objective == Objective.FA_BUDGET && !(maxFalseAlarmsPerDay > 0 && Double.isFinite(maxFalseAlarmsPerDay))) {
            throw new VigilException(ErrorCode.INVALID_CONFIGURATION, "The objective FA_BUDGET needs a budget of false alarms per day "
                    + "(--max-false-alarms-per-day) that is a positive number, got " + maxFalseAlarmsPerDay);
        }
        JobSettings base = detector.build().settings();
        List<Split> splits = Split.folds(raw.rows(), folds);
        List<List<FoldTally>> tallies = evaluate(detector, raw, perspectiveSets, sensitivities, splits);
        List<Trial> trials = new ArrayList<>();
        int k = 0;
        for (Candidate c : candidates(perspectiveSets, sensitivities)) {
            trials.add(Trial.of(c, objective, maxFalseAlarmsPerDay, tallies.get(k++)));
        }
        double events = trials.get(0).pooled().labelledEvents();
        Trial best = choose(trials, base.configuration().domainSpecifics(), events, objective, maxFalseAlarmsPerDay);
        Configuration tuned = base.configuration().withDomainSpecifics(best.candidate().domainSpecifics());
        return new Result(objective, trials, best, base.withConfiguration(tuned), events, maxFalseAlarmsPerDay);
    }

    /** The candidates tried, in order: per perspective set, the automatic sensitivity then each fixed one. */
    public static List<Candidate> candidates(List<List<String>> perspectiveSets, List<Double> sensitivities) {
        List<Candidate> out = new ArrayList<>();
        for (List<String> set : perspectiveSets) {
            out.add(new Candidate(set, OptionalDouble.empty()));
            for (double s : sensitivities) {
                out.add(new Candidate(set, OptionalDouble.of(s)));
            }
        }
        return out;
    }

    /**
     * Builds on each split's in-sample rows and tallies every candidate on its validation rows: per perspective set one
     * model with the automatic sensitivity, re-calibrated for each fixed sensitivity on the same rows.
     *
     * @return per candidate ({@link #candidates} order), one tally per split
     * @throws VigilException without a label column, or when a split has too few rows to build on
     */
    public static List<List<FoldTally>> evaluate(AnomalyDetector.Builder detector, TimeFrame raw, List<List<String>> perspectiveSets,
            List<Double> sensitivities, List<Split> splits) {
        JobSettings base = detector.build().settings();
        if (base.data().label().isEmpty()) {
            throw new VigilException(ErrorCode.INVALID_CONFIGURATION, "Tuning needs labels: name the label column (--label)");
        }
        int candidatesPerSet = 1 + sensitivities.size();
        List<List<FoldTally>> out = new ArrayList<>();
        for (int i = 0; i < perspectiveSets.size() * candidatesPerSet; i++) {
            out.add(new ArrayList<>());
        }
        for (Split split : splits) {
            int cut = split.cut();
            int end = split.end();
            TimeFrame train = raw.slice(0, cut);
            TimeFrame upToEnd = raw.slice(0, end);
            long[] before = train.times();
            RowSelection validation = RowSelection.last(end - cut, RowUnit.Sample);
            for (int s = 0; s < perspectiveSets.size(); s++) {
                List<String> set = perspectiveSets.get(s);
                Candidate auto = new Candidate(set, OptionalDouble.empty());
                JobSettings settings = base.withConfiguration(base.configuration().withDomainSpecifics(auto.domainSpecifics()));
                DetectionModel model = detector.settings(settings).rows(RowSelection.first(cut, RowUnit.Sample)).build().build(train).model();
                out.get(s * candidatesPerSet).add(FoldTally.of(before, model.detect(upToEnd, validation)));
                for (int k = 0; k < sensitivities.size(); k++) {
                    Candidate fixed = new Candidate(set, OptionalDouble.of(sensitivities.get(k)));
                    DetectionModel recalibrated = model.rebuild(train, RebuildType.DomainSpecifics, null, fixed.domainSpecifics(),
                            ProgressListener.NONE).model();
                    out.get(s * candidatesPerSet + 1 + k).add(FoldTally.of(before, recalibrated.detect(upToEnd, validation)));
                }
            }
        }
        detector.settings(base);
        return out;
    }

    /**
     * The chosen trial. The default is the trial whose candidate has the {@code defaults} domain specifics; without one
     * among the trials, the best (the first of equals). Otherwise a candidate replaces the default only when it is
     * <i>clearly and steadily</i> better: its pooled objective beats the default's by more than one validation event's
     * worth ({@code 1/events}), and, with two folds or more, it stays ahead of the default (by more than one event's worth
     * of the remaining rows) on the validation rows of the other folds when any one fold is left out — a win that rests on
     * one fold's few events is luck as often as not. Of the candidates that qualify, the best; if none, the default.
     * For {@link Objective#FA_BUDGET} the budget is a hard limit: only the trials that keep to it are considered, and when
     * the default does not, the best of them is taken without the tests above; when none does, the fewest false alarms.
     *
     * @param events labelled events in all validation parts
     */
    static Trial choose(List<Trial> trials, List<DomainSpecific> defaults, double events) {
        return choose(trials, defaults, events, null, Double.NaN);
    }

    /**
     * {@link #choose(List, List, double)} with the objective that gave the trials their values, which the leave-one-fold-out
     * test needs to recompute them on fewer folds; {@code null}: no such test.
     */
    static Trial choose(List<Trial> trials, List<DomainSpecific> defaults, double events, Objective objective, double maxFalseAlarmsPerDay) {
        Trial fallback = trials.stream().filter(t -> t.candidate().domainSpecifics().equals(defaults)).findFirst().orElse(null);
        List<Trial> eligible = trials;
        if (objective == Objective.FA_BUDGET) { // the budget is a hard limit, not something a margin may trade against recall
            List<Trial> within = trials.stream().filter(t -> t.falseAlarmsPerDay() <= maxFalseAlarmsPerDay).toList();
            if (within.isEmpty() || fallback == null || !within.contains(fallback)) {
                return top(within.isEmpty() ? trials : within);
            }
            eligible = within;
        }
        if (fallback == null) {
            return top(eligible);
        }
        Trial chosen = fallback;
        for (Trial t : eligible) {
            if (t.objective() > chosen.objective() && t.objective() - fallback.objective() > 1 / Math.max(1, events)
                    && (objective == null || firstFoldItNeeds(t, fallback, objective, maxFalseAlarmsPerDay) < 0)) {
                chosen = t;
            }
        }
        return chosen;
    }

    /**
     * The first fold (0-based) without which {@code candidate} is no longer ahead of {@code fallback} by more than one
     * event's worth of the other folds' validation rows, or −1 if there is none (or fewer than two folds).
     */
    static int firstFoldItNeeds(Trial candidate, Trial fallback, Objective objective, double maxFalseAlarmsPerDay) {
        int k = candidate.folds().size();
        if (k < 2 || fallback.folds().size() != k) {
            return -1;
        }
        for (int f = 0; f < k; f++) {
            FoldTally c = FoldTally.EMPTY;
            FoldTally d = FoldTally.EMPTY;
            for (int g = 0; g < k; g++) {
                if (g != f) {
                    c = c.plus(candidate.folds().get(g));
                    d = d.plus(fallback.folds().get(g));
                }
            }
            if (objective.of(c, maxFalseAlarmsPerDay) - objective.of(d, maxFalseAlarmsPerDay) <= 1.0 / Math.max(1, d.labelledEvents())) {
                return f;
            }
        }
        return -1;
    }

    /** The trial with the highest objective, the first of equals. */
    static Trial top(List<Trial> trials) {
        Trial best = null;
        for (Trial t : trials) {
            if (best == null || t.objective() > best.objective()) {
                best = t;
            }
        }
        return best;
    }
}
