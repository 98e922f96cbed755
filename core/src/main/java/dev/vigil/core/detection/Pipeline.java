package dev.vigil.core.detection;

import dev.vigil.core.ErrorCode;
import dev.vigil.core.VigilException;
import dev.vigil.core.frame.Durations;
import dev.vigil.core.frame.Preparation;
import dev.vigil.core.frame.RowSet;
import dev.vigil.core.frame.TimeFrame;
import dev.vigil.core.log.JobLog;
import dev.vigil.core.settings.DataSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/** The steps build and detect share: preparing the data and laying out the results table. */
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

    /** The rows a selection picks, refusing an empty pick. */
    static RowSet rows(TimeFrame frame, DataSettings data, String what) {
        RowSet rows = Preparation.select(frame, data.rows());
        if (rows.isEmpty()) {
            throw new VigilException(ErrorCode.INSUFFICIENT_DATA, "The " + what + " rows selection " + data.rows()
                    + " picks no row of " + frame.source() + " (" + frame.instant(0) + " to " + frame.instant(frame.rows() - 1) + ")");
        }
        return rows;
    }

    /** Refuses data sampled at another period than the model's. */
    static void requirePeriod(TimeFrame frame, long modelPeriod) {
        if (frame.samplingPeriodMillis() != modelPeriod) {
            throw new VigilException(ErrorCode.BAD_MODEL, frame.source() + " is sampled every "
                    + Durations.human(Duration.ofMillis(frame.samplingPeriodMillis())) + " but the model was built on data sampled every "
                    + Durations.human(Duration.ofMillis(modelPeriod)) + "; resample the data (timeScale) or build a model on them");
        }
    }

    /**
     * The results table over the given rows that have a KPI value: model index, KPI and normal
     * behaviour, plus any further columns (same length as the frame).
     */
    static TimeFrame table(TimeFrame frame, RowSet rows, String kpi, double[] normal, int[] modelIndex, List<String> extraNames,
            List<double[]> extra) {
        double[] y = frame.values(kpi);
        int[] picked = java.util.Arrays.stream(rows.toArray()).filter(r -> Double.isFinite(y[r])).toArray();
        long[] time = new long[picked.length];
        double[] idx = new double[picked.length];
        double[] k = new double[picked.length];
        double[] nb = new double[picked.length];
        double[][] more = new double[extra.size()][picked.length];
        for (int i = 0; i < picked.length; i++) {
            int r = picked[i];
            time[i] = frame.time(r);
            idx[i] = modelIndex[r];
            k[i] = y[r];
            nb[i] = normal[r];
            for (int c = 0; c < more.length; c++) {
                more[c][i] = extra.get(c)[r];
            }
        }
        TimeFrame.Builder b = TimeFrame.builder(time).zone(frame.zone()).source("results")
                .column(DetectionResult.MODEL_INDEX, idx).column(DetectionResult.KPI, k).column(DetectionResult.NORMAL_BEHAVIOR, nb);
        if (frame.samplingPeriodMillis() > 0) {
            b.samplingPeriod(Duration.ofMillis(frame.samplingPeriodMillis()));
        }
        for (int c = 0; c < more.length; c++) {
            b.column(extraNames.get(c), more[c]);
        }
        return b.build();
    }
}
