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
 * <p>Folds: with k folds, fold f (1 … k) builds on the first {@code (k + f − 1)/(2k)} of the rows and
 * scores the next {@code 1/(2k)}, so the validation parts tile the second half of the data. For each
 * fold and perspective set one model is built with the automatic sensitivity; each fixed sensitivity
 * re-calibrates its thresholds on the same in-sample rows (TIM's rebuild type {@code DomainSpecifics})
 * instead of building again. The objective is averaged over the folds.
 *
 * <p>The choice falls back to the default when the evidence is weak: the best candidate replaces the
 * detector's own configuration (its perspectives with the automatic sensitivity, when that is one of the
 * candidates) only when it beats it by more than one validation event's worth of the objective, {@code 1/E}
 * with E the labelled events in all validation parts. With 2 folds of a few events each, candidates
 * that win by one event in-sample were as likely to lose after it (BENCHMARKS.md, "KPI detection by
 * default").
 *
 * <pre>{@code
 * LabelTuning.Result r = LabelTuning.tune(AnomalyDetector.builder().kpi("kpi").label("label"), raw,
 *         LabelTuning.Objective.EVENT_F1, LabelTuning.DEFAULT_PERSPECTIVE_SETS, LabelTuning.DEFAULT_SENSITIVITIES, 2);
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

    /** What tuning maximises on the validation rows. */
    public enum Objective {
        /** Point F1 over rows. */
        POINT_F1,
        /** Event F1: harmonic mean of event precision (detections touching a labelled event) and event recall (events touched). */
        EVENT_F1
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
     * A candidate's figures, averaged over the folds.
     *
     * @param candidate the configuration
     * @param objective the objective
     * @param precision point precision
     * @param recall point recall
     * @param eventPrecision share of detections that touch a labelled event
     * @param eventRecall share of labelled events touched by a detection
     * @param falseRunsPer10k false-alarm runs per 10,000 normal rows
     */
    public record Trial(Candidate candidate, double objective, double precision, double recall, double eventPrecision, double eventRecall,
            double falseRunsPer10k) {
    }

    /**
     * The outcome.
     *
     * @param objective what was maximised
     * @param trials every candidate's figures, in the order tried
     * @param best the chosen trial: the best (the first of equals), unless it beats the default by no more than one
     *     validation event's worth of the objective, then the default (see the class comment)
     * @param settings the detector's settings with the best candidate's perspectives and sensitivity
     * @param validationEvents labelled events in all validation parts, summed over the folds (NaN when not known):
     *     one event's worth of the objective is {@code 1 / validationEvents}
     */
    public record Result(Objective objective, List<Trial> trials, Trial best, JobSettings settings, double validationEvents) {
        public Result {
            trials = List.copyOf(trials);
        }

        /** A result whose count of validation events is not known ({@link #validationEvents()} NaN). */
        public Result(Objective objective, List<Trial> trials, Trial best, JobSettings settings) {
            this(objective, trials, best, settings, Double.NaN);
        }

        /** The trial with the highest objective (the first of equals): {@link #best()} unless the default was kept. */
        public Trial top() {
            return LabelTuning.top(trials);
        }

        /** Whether the default was kept over a candidate that did better by no more than one validation event's worth. */
        public boolean keptDefault() {
            return top().objective() > best.objective();
        }
    }

    /**
     * Tunes on labelled data.
     *
     * @param detector the detector, naming the KPI and the label column; its row selection is replaced per fold
     * @param raw the labelled data, in time order
     * @param perspectiveSets perspective sets to try
     * @param sensitivities fixed sensitivities to try, percent, besides the automatic one
     * @param folds number of folds, at least 1
     * @throws VigilException without a label column, or when a fold has too few rows to build on
     */
    public static Result tune(AnomalyDetector.Builder detector, TimeFrame raw, Objective objective, List<List<String>> perspectiveSets,
            List<Double> sensitivities, int folds) {
        JobSettings base = detector.build().settings();
        if (base.data().label().isEmpty()) {
            throw new VigilException(ErrorCode.INVALID_CONFIGURATION, "Tuning needs labels: name the label column (--label)");
        }
        if (folds < 1) {
            throw new IllegalArgumentException("folds must be at least 1, got " + folds);
        }
        int n = raw.rows();
        int candidatesPerSet = 1 + sensitivities.size();
        double[][] sums = new double[perspectiveSets.size() * candidatesPerSet][SUMS];
        for (int f = 1; f <= folds; f++) {
            int cut = (int) ((long) n * (folds + f - 1) / (2 * folds));
            int end = (int) ((long) n * (folds + f) / (2 * folds));
            TimeFrame train = raw.slice(0, cut);
            TimeFrame upToEnd = raw.slice(0, end);
            RowSelection validation = RowSelection.last(end - cut, RowUnit.Sample);
            for (int s = 0; s < perspectiveSets.size(); s++) {
                List<String> set = perspectiveSets.get(s);
                Candidate auto = new Candidate(set, OptionalDouble.empty());
                JobSettings settings = base.withConfiguration(base.configuration().withDomainSpecifics(auto.domainSpecifics()));
                DetectionModel model = detector.settings(settings).rows(RowSelection.first(cut, RowUnit.Sample)).build().build(train).model();
                add(sums[s * candidatesPerSet], model.detect(upToEnd, validation));
                for (int k = 0; k < sensitivities.size(); k++) {
                    Candidate fixed = new Candidate(set, OptionalDouble.of(sensitivities.get(k)));
                    DetectionModel recalibrated = model.rebuild(train, RebuildType.DomainSpecifics, null, fixed.domainSpecifics(),
                            ProgressListener.NONE).model();
                    add(sums[s * candidatesPerSet + 1 + k], recalibrated.detect(upToEnd, validation));
                }
            }
        }
        List<Trial> trials = new ArrayList<>();
        for (int s = 0; s < perspectiveSets.size(); s++) {
            for (int k = 0; k < candidatesPerSet; k++) {
                Candidate c = new Candidate(perspectiveSets.get(s), k == 0 ? OptionalDouble.empty() : OptionalDouble.of(sensitivities.get(k - 1)));
                double[] m = sums[s * candidatesPerSet + k];
                // recall is a mean over the folds that have something to recall: a fold without labelled rows (events) has
                // no recall, and counting it as 0 would cap every candidate's recall at the share of folds with labels
                double recall = m[1] / Math.max(1, m[6]);
                double eventRecall = m[3] / Math.max(1, m[7]);
                double pointF1 = f1(m[0] / folds, recall);
                double eventF1 = f1(m[2] / folds, eventRecall);
                Trial t = new Trial(c, objective == Objective.POINT_F1 ? pointF1 : eventF1, m[0] / folds, recall, m[2] / folds,
                        eventRecall, m[4] / folds);
                trials.add(t);
            }
        }
        Trial best = choose(trials, base.configuration().domainSpecifics(), sums[0][5]);
        Configuration tuned = base.configuration().withDomainSpecifics(best.candidate().domainSpecifics());
        return new Result(objective, trials, best, base.withConfiguration(tuned), sums[0][5]);
    }

    /**
     * The chosen trial: the best (the first of equals), unless the default — the trial whose candidate has
     * the {@code defaults} domain specifics, if any — is within one validation event's worth of the
     * objective of it ({@code 1/events}); then the default.
     *
     * @param events labelled events in all validation parts
     */
    static Trial choose(List<Trial> trials, List<DomainSpecific> defaults, double events) {
        Trial best = top(trials);
        Trial fallback = trials.stream().filter(t -> t.candidate().domainSpecifics().equals(defaults)).findFirst().orElse(null);
        return fallback != null && best.objective() - fallback.objective() <= 1 / Math.max(1, events) ? fallback : best;
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

    /** Sums per candidate: see {@link #add}. */
    private static final int SUMS = 8;

    /**
     * Adds a validation result's precision, recall, event precision, event recall, false runs per 10k normal rows,
     * labelled events, and whether the fold has labelled rows and labelled events (recall is averaged over those folds only).
     */
    private static void add(double[] sums, DetectionResult result) {
        double[] labels = result.labels();
        boolean[] predicted = ErrorMeasures.predicted(result.table().values(DetectionResult.ANOMALY_CODE));
        ConfusionMatrix m = ConfusionMatrix.of(labels, predicted);
        EventMetrics e = AnomalyEvent.metrics(result); // detect's events, as the job reports count them
        long normal = 0;
        for (double l : labels) {
            normal += l == 0 ? 1 : 0;
        }
        sums[0] += m.precision().orElse(0);
        sums[1] += m.recall().orElse(0);
        sums[6] += m.recall().isPresent() ? 1 : 0;
        sums[2] += e.detected().isEmpty() ? 0 : (double) e.trueDetections() / e.detected().size();
        sums[3] += e.labelled().isEmpty() ? 0 : (double) e.caught().size() / e.labelled().size();
        sums[4] += normal == 0 ? 0 : 1e4 * (e.detected().size() - e.trueDetections()) / normal;
        sums[5] += e.labelled().size(); // labelled events in the validation rows, summed over the folds
        sums[7] += e.labelled().isEmpty() ? 0 : 1;
    }

    private static double f1(double p, double r) {
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }
}
