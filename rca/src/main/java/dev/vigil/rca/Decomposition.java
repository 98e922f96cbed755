package dev.vigil.rca;

import dev.vigil.core.detection.DetectionResult;
import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.NormalBehaviorDecomposition;
import dev.vigil.spi.VigilException;
import dev.vigil.spi.frame.TimeFrame;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The normal behaviour of a stretch of rows split into its contributors, with the questions asked of
 * it: the influencer table, the causes of any row, and which contributors move it most.
 * Immutable and thread-safe.
 */
public final class Decomposition {
    /** Column of the normal behaviour's departure from its usual level. */
    public static final String DIFF_NORMAL_BEHAVIOR = "diff_normal_behavior";

    private final TimeFrame frame;
    private final int[] rows;
    private final String kpi;
    private final NormalBehaviorDecomposition parts;

    Decomposition(TimeFrame frame, int[] rows, String kpi, NormalBehaviorDecomposition parts) {
        this.frame = frame;
        this.rows = rows;
        this.kpi = kpi;
        this.parts = parts;
    }

    /** The contributors, in column order. */
    public List<String> contributors() {
        return parts.contributors();
    }

    /**
     * The influencer view: {@code timestamp, model_index, kpi, normal_behavior, diff_normal_behavior,
     * _<contributor>…, _diff_<contributor>…} for the rows with a KPI value. The contributions add up to
     * {@code normal_behavior}; the {@code _diff_} columns, each contribution's departure from its
     * in-sample mean, add up to {@code diff_normal_behavior}, the normal behaviour's departure from its
     * usual level.
     */
    public TimeFrame table() {
        int k = parts.contributors().size();
        long[] time = new long[rows.length];
        double[] model = new double[rows.length];
        double[] y = new double[rows.length];
        double[] nb = new double[rows.length];
        double[] diff = new double[rows.length];
        double[][] contribution = new double[k][rows.length];
        double[][] departure = new double[k][rows.length];
        var kpiColumn = frame.column(kpi);
        for (int i = 0; i < rows.length; i++) {
            int r = rows[i];
            time[i] = frame.time(r);
            model[i] = parts.modelIndex()[r];
            y[i] = kpiColumn.get(r);
            nb[i] = parts.normalBehavior()[r];
            diff[i] = nb[i] - parts.typicalNormalBehavior(r);
            for (int c = 0; c < k; c++) {
                contribution[c][i] = parts.contributions()[c][r];
                departure[c][i] = parts.contributions()[c][r] - parts.typical(c, r);
            }
        }
        TimeFrame.Builder b = TimeFrame.builder(time).zone(frame.zone()).source("root causes")
                .column(DetectionResult.MODEL_INDEX, model).column(DetectionResult.KPI, y)
                .column(DetectionResult.NORMAL_BEHAVIOR, nb).column(DIFF_NORMAL_BEHAVIOR, diff);
        if (frame.samplingPeriodMillis() > 0) {
            b.samplingPeriod(Duration.ofMillis(frame.samplingPeriodMillis()));
        }
        for (int c = 0; c < k; c++) {
            b.column("_" + parts.contributors().get(c), contribution[c]);
        }
        for (int c = 0; c < k; c++) {
            b.column("_diff_" + parts.contributors().get(c), departure[c]);
        }
        return b.build();
    }

    /**
     * The causes of the normal behaviour at a timestamp: every contributor that departs from its
     * usual level, largest departure first, with its share of all departures.
     *
     * @throws VigilException {@link ErrorCode#INVALID_CONFIGURATION} for a timestamp not among the rows
     */
    public RowCauses causes(Instant timestamp) {
        int r = frame.indexOf(timestamp.toEpochMilli());
        if (r < 0) {
            throw new VigilException(ErrorCode.INVALID_CONFIGURATION, timestamp + " is not a row of " + frame.source()
                    + (frame.rows() == 0 ? ", which has none" : "; its rows run from " + frame.instant(0) + " to "
                    + frame.instant(frame.rows() - 1) + (frame.samplingPeriodMillis() > 0
                    ? " every " + dev.vigil.spi.frame.Durations.human(Duration.ofMillis(frame.samplingPeriodMillis())) : "")));
        }
        return causesAt(r);
    }

    private RowCauses causesAt(int r) {
        return RowCauses.of(parts, r, frame.instant(r), frame.column(kpi).get(r));
    }

    /** The causes of row {@code r} of a decomposition; see {@link RowCauses#of}. */
    static RowCauses causesAt(NormalBehaviorDecomposition parts, int r, Instant timestamp, double kpiValue) {
        int k = parts.contributors().size();
        double total = 0;
        double[] d = new double[k];
        for (int c = 0; c < k; c++) {
            d[c] = parts.contributions()[c][r] - parts.typical(c, r);
            if (Double.isFinite(d[c])) {
                total += Math.abs(d[c]);
            }
        }
        List<Cause> causes = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            if (Double.isFinite(d[c]) && d[c] != 0) {
                causes.add(new Cause(parts.contributors().get(c), parts.contributions()[c][r], parts.typical(c, r), d[c],
                        total > 0 ? Math.abs(d[c]) / total : 0));
            }
        }
        causes.sort(Comparator.comparingDouble((Cause c) -> -Math.abs(c.departure())).thenComparing(Cause::contributor));
        return new RowCauses(timestamp, kpiValue, parts.normalBehavior()[r], parts.typicalNormalBehavior(r), causes);
    }

    /** The causes of each anomaly of a detection on the same data. */
    public List<RowCauses> causesOf(List<DetectionResult.Anomaly> anomalies) {
        List<RowCauses> out = new ArrayList<>();
        for (DetectionResult.Anomaly a : anomalies) {
            int r = frame.indexOf(a.timestamp().toEpochMilli());
            if (r >= 0) {
                out.add(causesAt(r));
            }
        }
        return out;
    }

    /**
     * Contributors ranked by how much they move the normal behaviour over the rows: the standard
     * deviation of their contribution, largest first (the constant term, which never moves, left out).
     */
    public List<Spread> ranking() {
        List<Spread> out = new ArrayList<>();
        for (int c = 0; c < parts.contributors().size(); c++) {
            if (parts.contributors().get(c).equals(NormalBehaviorDecomposition.INTERCEPT)) {
                continue;
            }
            double[] v = parts.contributions()[c];
            double sum = 0;
            double sq = 0;
            int n = 0;
            for (int r : rows) {
                if (Double.isFinite(v[r])) {
                    sum += v[r];
                    sq += v[r] * v[r];
                    n++;
                }
            }
            double mean = n == 0 ? 0 : sum / n;
            out.add(new Spread(parts.contributors().get(c), n == 0 ? 0 : Math.sqrt(Math.max(0, sq / n - mean * mean))));
        }
        out.sort(Comparator.comparingDouble((Spread s) -> -s.sd()).thenComparing(Spread::contributor));
        return out;
    }
}
