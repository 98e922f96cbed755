package dev.vigil.evaluation;

import dev.vigil.core.detection.DetectionResult;
import dev.vigil.evaluation.nab.NabProfile;
import dev.vigil.evaluation.nab.NabProfileScore;
import dev.vigil.evaluation.nab.NabScorer;
import dev.vigil.evaluation.nab.NabSeries;
import dev.vigil.evaluation.nab.NabWindow;
import java.util.Arrays;
import java.util.List;

/**
 * What one candidate did on the validation rows of one fold of {@link LabelTuning}, as counts, so
 * that folds can be pooled ({@link #plus}) before any ratio is taken: a ratio of sums weighs every
 * event alike, where a mean of per-fold ratios lets a fold with one event count as much as one with five.
 *
 * @param labelledEvents labelled events (runs of rows labelled 1)
 * @param caughtEvents labelled events touched by a detection
 * @param detections detected events (as detect reports them)
 * @param trueDetections detected events that touch a labelled event
 * @param truePositives flagged rows labelled 1
 * @param falsePositives flagged rows labelled 0
 * @param falseNegatives rows labelled 1 not flagged
 * @param normalRows rows labelled 0
 * @param days the validation rows' span in days (rows × sampling period)
 * @param nabRaw the NAB raw score under NAB's standard profile, the labelled events as windows and the flagged rows as detections
 * @param nabNull the NAB raw score of the detector that flags nothing: −1 per window
 * @param nabPerfect the NAB raw score of the perfect detector: +1 per window
 */
public record FoldTally(int labelledEvents, int caughtEvents, int detections, int trueDetections, long truePositives, long falsePositives,
        long falseNegatives, long normalRows, double days, double nabRaw, double nabNull, double nabPerfect) {
    /** Nothing: the start of a sum. */
    public static final FoldTally EMPTY = new FoldTally(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    /** The counts of both. */
    public FoldTally plus(FoldTally o) {
        return new FoldTally(labelledEvents + o.labelledEvents, caughtEvents + o.caughtEvents, detections + o.detections,
                trueDetections + o.trueDetections, truePositives + o.truePositives, falsePositives + o.falsePositives,
                falseNegatives + o.falseNegatives, normalRows + o.normalRows, days + o.days, nabRaw + o.nabRaw, nabNull + o.nabNull,
                nabPerfect + o.nabPerfect);
    }

    /** The pooled counts of several folds. */
    public static FoldTally sum(List<FoldTally> folds) {
        return folds.stream().reduce(EMPTY, FoldTally::plus);
    }

    /** Point precision, 0 without flagged rows. */
    public double precision() {
        return ratio(truePositives, truePositives + falsePositives);
    }

    /** Point recall, 0 without labelled rows. */
    public double recall() {
        return ratio(truePositives, truePositives + falseNegatives);
    }

    /** Event precision: true detections / detections, 0 without detections. */
    public double eventPrecision() {
        return ratio(trueDetections, detections);
    }

    /** Event recall: caught / labelled events, 0 without labelled events. */
    public double eventRecall() {
        return ratio(caughtEvents, labelledEvents);
    }

    /** Point F1. */
    public double pointF1() {
        return f1(precision(), recall());
    }

    /** Event F1. */
    public double eventF1() {
        return f1(eventPrecision(), eventRecall());
    }

    /** Detected events that touch no labelled event. */
    public int falseAlarms() {
        return detections - trueDetections;
    }

    /** False alarms per 10,000 normal rows, 0 without normal rows. */
    public double falseAlarmsPer10k() {
        return normalRows == 0 ? 0 : 1e4 * falseAlarms() / normalRows;
    }

    /** False alarms per day of validation rows, 0 when they span no time. */
    public double falseAlarmsPerDay() {
        return days > 0 ? falseAlarms() / days : 0;
    }

    /**
     * NAB's normalised score under the standard profile, divided by 100: 0 for flagging nothing, 1 for flagging
     * the first row of every labelled event and nothing else (can be negative); 0 without labelled events.
     * One event more caught at its first row is worth 1/E of it, as for event recall.
     */
    public double nab() {
        return nabPerfect > nabNull ? (nabRaw - nabNull) / (nabPerfect - nabNull) : 0;
    }

    /**
     * The tally of one fold's validation rows.
     *
     * @param before the timestamps of the rows before the validation rows (the fold's in-sample rows): they pad NAB's
     *     probation period, which is the first 15 % of a file (at most 750 rows), so that no validation row falls in it
     *     as long as they are at least 15 % of the rows up to the fold's end (in every fold of {@link LabelTuning.Split#folds}, half or more)
     * @param result the detection on the validation rows, with labels
     */
    static FoldTally of(long[] before, DetectionResult result) {
        double[] labels = result.labels();
        long[] times = result.table().times();
        boolean[] predicted = ErrorMeasures.predicted(result.table().values(DetectionResult.ANOMALY_CODE));
        ConfusionMatrix m = ConfusionMatrix.of(labels, predicted);
        EventMetrics e = AnomalyEvent.metrics(result); // detect's events, as the job reports count them
        long normal = Arrays.stream(labels).filter(l -> l == 0).count();
        long period = result.table().samplingPeriodMillis();
        double span = period > 0 ? (double) times.length * period : times.length < 2 ? 0 : times[times.length - 1] - times[0];
        double[] nab = nab(before, times, predicted, e.labelled());
        return new FoldTally(e.labelled().size(), e.caught().size(), e.detected().size(), e.trueDetections(), m.truePositive(),
                m.falsePositive(), m.falseNegative(), normal, span / 86_400_000.0, nab[0], nab[1], nab[2]);
    }

    /**
     * NAB's raw, null and perfect scores (standard profile) with the labelled events as windows and every flagged row
     * as a detection, scored by {@link NabScorer}; without windows, NAB charges each flagged row its full false-positive weight.
     */
    static double[] nab(long[] before, long[] times, boolean[] predicted, List<Event> labelled) {
        NabProfile standard = NabProfile.STANDARD;
        if (labelled.isEmpty()) {
            long flagged = 0;
            for (boolean p : predicted) {
                flagged += p ? 1 : 0;
            }
            return new double[] {-standard.falsePositiveWeight() * flagged, 0, 0};
        }
        long[] all = new long[before.length + times.length];
        System.arraycopy(before, 0, all, 0, before.length);
        System.arraycopy(times, 0, all, before.length, times.length);
        double[] scores = new double[all.length];
        for (int i = 0; i < predicted.length; i++) {
            scores[before.length + i] = predicted[i] ? 1 : 0;
        }
        List<NabWindow> windows = labelled.stream().map(ev -> new NabWindow(ev.start(), ev.end())).toList();
        NabProfileScore s = NabScorer.scoreAt(List.of(new NabSeries("validation", all, scores, windows)), standard, 0.5);
        return new double[] {s.total().rawScore(), s.nullScore(), s.perfectScore()};
    }

    private static double ratio(double a, double b) {
        return b == 0 ? 0 : a / b;
    }

    static double f1(double p, double r) {
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }
}
