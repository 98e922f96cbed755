package dev.vigil.evaluation.system;

import static java.util.Objects.requireNonNull;

import dev.vigil.core.plugin.PluginRegistry;
import dev.vigil.core.prepare.Preparation;
import dev.vigil.evaluation.ErrorMeasures;
import dev.vigil.evaluation.Labels;
import dev.vigil.io.labels.LabelRanges;
import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.Names;
import dev.vigil.spi.SignalContributions;
import dev.vigil.spi.SystemProblem;
import dev.vigil.spi.VigilException;
import dev.vigil.spi.frame.RowSet;
import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.spi.log.JobLog;
import dev.vigil.spi.settings.RowSelection;
import dev.vigil.system.SystemDetection;
import dev.vigil.system.SystemDetector;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.DoubleConsumer;

/**
 * The system-driven jobs as the command line runs them, in plain code (no injector): build a model on the
 * selected rows of a machine's signals, or detect with a stored one, then merge the anomalous rows into
 * events and judge them against labelled ranges. docs/system-driven.md#in-code shows it in use.
 *
 * <ul>
 *   <li>the data are sorted and duplicate timestamps dropped first (the log says so);
 *   <li>rows where the machine is off ({@link SystemJobSettings#offCondition()}) are left out of training
 *       and never flagged;
 *   <li>labelled ranges are left out of training (Lookout's rule: they mark abnormal behaviour), and judge
 *       the events ({@link ModelMetrics}) and the indicator (TIM's error measures).
 * </ul>
 */
public final class SystemJob {
    /** The origin of the job's log entries. */
    public static final String ORIGIN = "System-driven";
    /** Fewer training rows than this are refused: no model learns a machine from a handful of rows. */
    static final int MIN_FIT_ROWS = 20;

    private SystemJob() {
    }

    /**
     * Builds a model on the selected rows and detects on them (the in-sample rows).
     *
     * @param data the signals (and other columns, named in {@code exclude}), in any row order
     * @param rows the rows to build on ({@code null}: all)
     * @param exclude columns that are not signals (a label column, identifiers); every name must be a column
     * @param labels labelled ranges ({@code null}: none), left out of training
     * @param progress receives the fraction of the fit done
     * @throws VigilException naming an excluded column the data lack, or when too few rows are left to train on
     */
    public static SystemRun build(TimeFrame data, RowSelection rows, List<String> exclude, LabelRanges labels, SystemJobSettings settings,
            PluginRegistry registry, JobLog log, DoubleConsumer progress) {
        requireNonNull(settings, "settings is null");
        TimeFrame frame = Preparation.sortAndDeduplicate(data, log);
        if (labels != null) {
            labels.overlapsData(frame.times(), log);
        }
        List<String> signals = signals(frame, exclude);
        RowSet selected = select(frame, rows);
        boolean[] off = off(frame, settings, log);
        boolean[] fit = selected.toMask(frame.rows());
        int offRows = 0;
        int labelled = 0;
        boolean[] inLabels = labels == null ? null : labels.mask(frame.times());
        for (int r = 0; r < fit.length; r++) {
            if (fit[r] && off != null && off[r]) {
                fit[r] = false;
                offRows++;
            } else if (fit[r] && inLabels != null && inLabels[r]) {
                fit[r] = false;
                labelled++;
            }
        }
        RowSet fitRows = RowSet.of(fit);
        log.info(ORIGIN, String.format(Locale.ROOT, "Training on %,d of the %,d selected rows (%s to %s)%s%s.", fitRows.count(), selected.count(),
                frame.instant(selected.first()), frame.instant(selected.last()),
                offRows > 0 ? String.format(Locale.ROOT, "; %,d rows where the machine is off left out", offRows) : "",
                labelled > 0 ? String.format(Locale.ROOT, "; %,d rows in labelled ranges left out", labelled) : ""));
        if (fitRows.count() < MIN_FIT_ROWS) {
            throw new VigilException(ErrorCode.INSUFFICIENT_DATA, String.format(Locale.ROOT, "Only %,d of the %,d selected rows of %s are left to "
                    + "train on (%,d off, %,d labelled); a model needs at least %d. Select more rows or check the off condition and the labels",
                    fitRows.count(), selected.count(), frame.source(), offRows, labelled, MIN_FIT_ROWS));
        }
        // the rows after the selection are no business of the build: the model sees the rows up to its last one
        TimeFrame upToLast = selected.last() + 1 < frame.rows() ? frame.slice(0, selected.last() + 1) : frame;
        SystemDetector detector = SystemDetector.build(registry.systemModel(settings.model()),
                new SystemProblem(upToLast, signals, fitRows, settings.parameters(), settings.seed(), registry, log, progress), settings.calibration());
        SystemJobModel model = new SystemJobModel(detector, settings.withModel(detector.model().factory(), detector.model().parameters()),
                frame.time(selected.first()), frame.time(selected.last()));
        return run(model, frame, selected, off, labels, fitRows.count(), log);
    }

    /**
     * Detects with a stored model on the selected rows; the rows before them give history (lags, the
     * indicator window) only, and only as many as the scores of the selected rows need ({@link
     * #detectOn}): a row outside the selection is never scored for itself nor written.
     *
     * @param rows the rows to judge ({@code null}: those after the model's in-sample period, or all when
     *     there are none after it)
     * @param labels labelled ranges to judge the events by ({@code null}: none)
     * @throws VigilException {@link ErrorCode#UNKNOWN_COLUMN} naming every signal of the model the data lack
     */
    public static SystemRun detect(SystemJobModel model, TimeFrame data, RowSelection rows, LabelRanges labels, JobLog log) {
        TimeFrame frame = Preparation.sortAndDeduplicate(data, log);
        if (labels != null) {
            labels.overlapsData(frame.times(), log);
        }
        RowSet selected;
        if (rows != null) {
            selected = select(frame, rows);
            log.info(ORIGIN, String.format(Locale.ROOT, "Judging the %,d selected rows (%s to %s)%s.", selected.count(),
                    frame.instant(selected.first()), frame.instant(selected.last()),
                    selected.first() > 0 ? "; the rows before give history only" : ""));
        } else {
            int after = 0;
            while (model.hasInSamplePeriod() && after < frame.rows() && frame.time(after) <= model.inSampleTo()) {
                after++;
            }
            if (after > 0 && after < frame.rows()) {
                log.info(ORIGIN, "Judging the " + (frame.rows() - after) + " rows after the model's in-sample period (which ends "
                        + Instant.ofEpochMilli(model.inSampleTo()) + "); the rows before give history only.");
                selected = RowSet.range(after, frame.rows());
            } else {
                selected = RowSet.all(frame.rows());
            }
        }
        return run(model, frame, selected, off(frame, model.settings(), log), labels, 0, log);
    }

    /**
     * The detection of the selected rows, scoring only them and the rows just before them that their
     * indicators need: the model's {@link dev.vigil.spi.SystemModel#history()} and the indicator window
     * less one. A row's score depends only on it and its history, so the selected rows get the same bits as
     * when the whole frame is scored. Rows where the machine is off are never flagged (see {@link #slice}).
     *
     * @param off per row of {@code frame}, whether the machine is off ({@code null}: never)
     */
    static SystemDetection detectOn(SystemDetector detector, TimeFrame frame, RowSet selected, boolean[] off) {
        int context = detector.model().history() + detector.calibration().windowLength() - 1;
        int k = selected.rangeCount();
        int[] starts = new int[k];
        int[] ends = new int[k];
        for (int i = 0; i < k; i++) {
            starts[i] = Math.max(0, selected.rangeStart(i) - context);
            ends[i] = selected.rangeEnd(i);
        }
        RowSet scored = RowSet.ofRanges(starts, ends);
        int[] at = scored.toArray();
        TimeFrame part = scored.rangeCount() == 1 ? frame.slice(at[0], at[at.length - 1] + 1) : frame.rows(at);
        SystemDetection d = detector.detect(part);
        boolean[] inPart = new boolean[at.length];
        boolean[] offPart = off == null ? null : new boolean[at.length];
        for (int i = 0; i < at.length; i++) {
            inPart[i] = selected.contains(at[i]);
            if (off != null) {
                offPart[i] = off[at[i]];
            }
        }
        return slice(d, RowSet.of(inPart), offPart);
    }

    private static SystemRun run(SystemJobModel model, TimeFrame frame, RowSet selected, boolean[] off, LabelRanges labels,
            int fitRows, JobLog log) {
        SystemDetection found = detectOn(model.detector(), frame, selected, off);
        boolean[] offRows = off == null ? new boolean[found.rows()] : pick(off, selected);
        SystemJobSettings s = model.settings();
        List<SystemEvent> events = SystemEvents.of(found, offRows, s.groups(), s.events());
        Optional<ModelMetrics> metrics = Optional.empty();
        Optional<ErrorMeasures> measures = Optional.empty();
        boolean[] labelled = null;
        if (labels != null) {
            metrics = Optional.of(ModelMetrics.of(found.time(), labels, events));
            labelled = labels.mask(found.time());
            double[] l = new double[labelled.length];
            for (int r = 0; r < l.length; r++) {
                l[r] = labelled[r] ? 1 : 0;
            }
            measures = Optional.of(ErrorMeasures.of(l, found.indicator(), found.flags()));
        }
        return new SystemRun(model, frame.source(), found, offRows, labelled, events, metrics, measures, fitRows, log.entries());
    }

    /**
     * The labelled ranges of a 0/1 label column (TIM's {@code labelColumn}): its runs of 1, from the first to
     * the last timestamp of each.
     *
     * @throws VigilException naming the column when the frame lacks it, or the row and value of a label that
     *     is not 0, 1 or empty
     */
    public static LabelRanges labelsOf(TimeFrame data, String column, JobLog log) {
        if (!data.hasColumn(column)) {
            throw new VigilException(ErrorCode.UNKNOWN_COLUMN, data.source() + " has no label column "
                    + Names.unknown(column, data.columnNames(), "columns"));
        }
        TimeFrame frame = Preparation.sortAndDeduplicate(data, new JobLog());
        double[] v = frame.values(column);
        Labels.requireBinary(v, i -> frame.source() + " (" + frame.instant(i) + "), column '" + column + "'");
        boolean[] on = new boolean[v.length];
        for (int i = 0; i < v.length; i++) {
            on[i] = v[i] == 1;
        }
        LabelRanges ranges = LabelRanges.fromFlags(frame.source() + ", column '" + column + "'", frame.times(), on);
        log.info(ORIGIN, "The label column '" + column + "' marks " + ranges.ranges().size() + " labelled ranges.");
        return ranges;
    }

    /** The signals: every column but the excluded ones. */
    static List<String> signals(TimeFrame frame, List<String> exclude) {
        for (String x : exclude) {
            if (!frame.hasColumn(x)) {
                throw new VigilException(ErrorCode.UNKNOWN_COLUMN, frame.source() + " has no column " + Names.unknown(x, frame.columnNames(), "columns")
                        + "; only columns can be excluded from the signals");
            }
        }
        List<String> signals = new ArrayList<>(frame.columnNames());
        signals.removeAll(exclude);
        if (signals.isEmpty()) {
            throw new VigilException(ErrorCode.INSUFFICIENT_DATA, frame.source() + " has no signal left once " + exclude + " are excluded");
        }
        return signals;
    }

    private static RowSet select(TimeFrame frame, RowSelection rows) {
        RowSet selected = Preparation.select(frame, rows == null ? RowSelection.all() : rows);
        if (selected.isEmpty()) {
            throw new VigilException(ErrorCode.INSUFFICIENT_DATA, "The row selection " + rows + " picks no row of " + frame.source() + " ("
                    + (frame.rows() == 0 ? "no rows" : frame.instant(0) + " to " + frame.instant(frame.rows() - 1)) + ")");
        }
        return selected;
    }

    private static boolean[] off(TimeFrame frame, SystemJobSettings settings, JobLog log) {
        return settings.offCondition().map(o -> o.mask(frame, log)).orElse(null);
    }

    private static boolean[] pick(boolean[] values, RowSet rows) {
        int[] at = rows.toArray();
        boolean[] out = new boolean[at.length];
        for (int i = 0; i < at.length; i++) {
            out[i] = values[at[i]];
        }
        return out;
    }

    /**
     * The detection on the selected rows only, with the rows where the machine is off never flagged (no
     * indicator, severity 0, no contributions).
     */
    static SystemDetection slice(SystemDetection d, RowSet rows, boolean[] off) {
        int[] at = rows.toArray();
        int n = at.length;
        long[] time = new long[n];
        double[] score = new double[n];
        double[] indicator = new double[n];
        double[] severity = new double[n];
        int[] position = new int[d.rows()];
        Arrays.fill(position, -1);
        for (int i = 0; i < n; i++) {
            int r = at[i];
            position[r] = i;
            boolean isOff = off != null && off[r];
            time[i] = d.time()[r];
            score[i] = d.score()[r];
            indicator[i] = isOff ? Double.NaN : d.indicator()[r];
            severity[i] = isOff ? 0 : d.severity()[r];
        }
        SignalContributions c = d.contributions();
        List<Integer> keep = new ArrayList<>();
        for (int k = 0; k < c.rows().length; k++) {
            int r = c.rows()[k];
            if (position[r] >= 0 && !(off != null && off[r])) {
                keep.add(k);
            }
        }
        int[] cr = new int[keep.size()];
        double[][] shares = new double[keep.size()][];
        double[][] deviations = new double[keep.size()][];
        for (int i = 0; i < cr.length; i++) {
            int k = keep.get(i);
            cr[i] = position[c.rows()[k]];
            shares[i] = c.shares()[k];
            deviations[i] = c.deviations()[k];
        }
        return new SystemDetection(d.signals(), time, score, indicator, severity, new SignalContributions(cr, shares, deviations));
    }
}
