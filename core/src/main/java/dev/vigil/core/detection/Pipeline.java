package dev.vigil.core.detection;

import dev.vigil.core.anomaly.AnomalousBehaviorModel;
import dev.vigil.core.prepare.Preparation;
import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.NormalBehaviorModel;
import dev.vigil.spi.VigilException;
import dev.vigil.spi.frame.Durations;
import dev.vigil.spi.frame.RowSet;
import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.spi.log.JobLog;
import dev.vigil.spi.settings.DataSettings;
import dev.vigil.spi.settings.RowSelection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The steps build, detect and rebuild share: preparing the data, scoring rows, laying out results. */
final class Pipeline {
    static final String ORIGIN = "Execution";

    private Pipeline() {
    }

    /**
     * Checks that the columns exist, keeps only them (KPI first) and prepares the frame: sorted,
     * de-duplicated, regular, imputed.
     */
    static TimeFrame prepare(TimeFrame raw, DataSettings data, List<String> needed, JobLog log) {
        Preparation.requireColumns(raw, data);
        LinkedHashSet<String> keep = new LinkedHashSet<>();
        keep.add(data.kpiColumn());
        keep.addAll(needed);
        data.label().filter(raw::hasColumn).ifPresent(keep::add);
        data.holidays().ifPresent(keep::add);
        TimeFrame frame = Preparation.prepare(raw.select(new ArrayList<>(keep)), data, log);
        log.info("Validation", "Validation successful.");
        return frame;
    }

    /**
     * The rows a selection picks, refusing an empty pick; a count beyond the rows the data hold (first
     * 99999 samples of 300, last 30 days of 12) takes all of them, with a warning saying so.
     */
    static RowSet rows(TimeFrame frame, DataSettings data, String what, JobLog log) {
        RowSet rows = Preparation.select(frame, data.rows());
        if (rows.isEmpty()) {
            throw new VigilException(ErrorCode.INSUFFICIENT_DATA, "The " + what + " rows selection (" + describe(data.rows())
                    + ") picks no row of " + frame.source() + ", whose rows run from " + frame.instant(0) + " to "
                    + frame.instant(frame.rows() - 1) + "; choose a range that overlaps them");
        }
        if (data.rows() instanceof RowSelection.Count c && rows.count() == frame.rows()) {
            long have = c.unit().length().isEmpty() ? frame.rows()
                    : frame.times()[frame.rows() - 1] - frame.times()[0] + frame.samplingPeriodMillis();
            long asked = c.unit().length().isEmpty() ? c.value() : Preparation.spanMillis(c);
            if (asked > have) {
                log.warning(ORIGIN, "The " + what + " rows selection (" + describe(c) + ") asks for more than " + frame.source()
                        + " holds (" + (c.unit().length().isEmpty() ? frame.rows() + " rows" : Durations.human(Duration.ofMillis(have)))
                        + "); using all " + frame.rows() + " rows.");
            }
        }
        return rows;
    }

    /** A row selection as a user would write it: {@code first 300 samples}, {@code from 2024-01-01T00:00:00Z to 2024-02-01T00:00:00Z}. */
    static String describe(RowSelection selection) {
        if (selection instanceof RowSelection.Count c) {
            return c.side().name().toLowerCase(Locale.ROOT) + " " + c.value() + " " + c.unit().name().toLowerCase(Locale.ROOT)
                    + (c.value() == 1 ? "" : "s");
        }
        if (selection instanceof RowSelection.Ranges r) {
            return r.ranges().stream().map(t -> "from " + t.from() + " to " + t.to()).collect(Collectors.joining(", "));
        }
        return "all rows";
    }

    /** Refuses data sampled at another period than the model's. */
    static void requirePeriod(TimeFrame frame, long modelPeriod) {
        if (frame.samplingPeriodMillis() != modelPeriod) {
            throw new VigilException(ErrorCode.BAD_MODEL, frame.source() + " is sampled every "
                    + Durations.human(Duration.ofMillis(frame.samplingPeriodMillis())) + " but the model was built on data sampled every "
                    + Durations.human(Duration.ofMillis(modelPeriod)) + "; resample the data (timeScale) or build a model on them");
        }
    }

    /** Normal behaviour, model index and residual of every row. */
    record Scored(double[] normal, int[] modelIndex, double[] residual) {
    }

    static Scored score(NormalBehaviorModel normal, TimeFrame frame, String kpi) {
        double[] nb = new double[frame.rows()];
        int[] idx = new int[frame.rows()];
        normal.predict(frame, nb, idx);
        double[] y = frame.values(kpi);
        double[] r = new double[y.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = y[i] - nb[i];
        }
        return new Scored(nb, idx, r);
    }

    /** The in-sample rows any indicator flags (above 1). */
    static RowSet flagged(double[][] indicators, RowSet rows) {
        boolean[] mask = new boolean[indicators.length == 0 ? 0 : indicators[0].length];
        for (int r : rows.toArray()) {
            for (double[] ind : indicators) {
                if (ind[r] > 1) {
                    mask[r] = true;
                }
            }
        }
        return RowSet.of(mask);
    }

    /**
     * The stand-in result of a job whose caller wants the model only ({@link DetectionModel#rebuildModel}):
     * no rows, the job log; it never reaches a user.
     */
    static DetectionResult noResult(JobLog log) {
        return new DetectionResult(TimeFrame.builder(new long[0]).source("results").build(), log.entries(), List.of(), null);
    }

    /** The detection result over the given rows that have a KPI value. */
    static DetectionResult result(TimeFrame frame, RowSet rows, String kpi, Scored scored, AnomalousBehaviorModel anomalous,
            DataSettings data, JobLog log) {
        log.info(ORIGIN, "Creating anomaly detection results.");
        double[][] indicators = anomalous.indicators(scored.residual(), frame);
        double[] codes = anomalous.decide(indicators, frame.rows());
        double[] y = frame.values(kpi);
        int[] picked = java.util.Arrays.stream(rows.toArray()).filter(r -> Double.isFinite(y[r])).toArray();
        if (picked.length < rows.count()) {
            log.info(ORIGIN, "Left " + (rows.count() - picked.length) + " of " + rows.count() + " rows out of the results: they have no value of "
                    + kpi + " (missing in the data, or a gap in time), so there is no residual to judge.");
        }
        long[] time = new long[picked.length];
        List<String> names = new ArrayList<>(List.of(DetectionResult.MODEL_INDEX, DetectionResult.KPI, DetectionResult.NORMAL_BEHAVIOR,
                DetectionResult.ANOMALY_CODE));
        names.addAll(anomalous.indicatorColumns());
        List<double[]> sources = new ArrayList<>();
        double[] idx = new double[frame.rows()];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = scored.modelIndex()[i];
        }
        sources.add(idx);
        sources.add(y);
        sources.add(scored.normal());
        sources.add(codes);
        sources.addAll(List.of(indicators));
        double[][] columns = new double[sources.size()][picked.length];
        for (int i = 0; i < picked.length; i++) {
            time[i] = frame.time(picked[i]);
            for (int c = 0; c < columns.length; c++) {
                columns[c][i] = sources.get(c)[picked[i]];
            }
        }
        TimeFrame.Builder b = TimeFrame.builder(time).zone(frame.zone()).source("results");
        if (frame.samplingPeriodMillis() > 0) {
            b.samplingPeriod(Duration.ofMillis(frame.samplingPeriodMillis()));
        }
        for (int c = 0; c < columns.length; c++) {
            b.column(names.get(c), columns[c]);
        }
        double[] labels = null;
        if (data.labelColumn() != null && frame.hasColumn(data.labelColumn())) {
            var label = frame.column(data.labelColumn());
            labels = new double[picked.length];
            for (int i = 0; i < picked.length; i++) {
                labels[i] = label.get(picked[i]);
            }
        }
        int anomalies = 0;
        for (int r : picked) {
            anomalies += codes[r] == 1 || codes[r] == 3 ? 1 : 0;
        }
        log.info(ORIGIN, String.format(java.util.Locale.ROOT, "%,d of %,d rows are anomalous (anomaly code 1 or 3).", anomalies, picked.length));
        return new DetectionResult(b.build(), log.entries(), anomalous.summary(), labels);
    }
}
