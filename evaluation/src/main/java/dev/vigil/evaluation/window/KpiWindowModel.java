package dev.vigil.evaluation.window;

import dev.vigil.core.detection.DetectionModel;
import dev.vigil.core.detection.DetectionResult;
import dev.vigil.core.stream.DetectionStream;
import dev.vigil.evaluation.system.EventRules;
import dev.vigil.io.layout.SignalId;
import dev.vigil.io.stream.StreamSnapshots;
import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.Names;
import dev.vigil.spi.VigilException;
import dev.vigil.spi.frame.TimeFrame;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * A KPI-driven model run window by window as a {@link DetectionStream} (docs/streaming.md): the window's rows are
 * pushed in time order, and the stream's snapshot is handed on, so the answers are those of one stream over every
 * window, restarted or not. A row the stream holds back (a gap that may yet be imputed, a run the decision rule
 * has not decided) is answered, and written, by the execution that decides it. The diagnostics of an anomalous
 * row are its perspectives' shares of the indicators (each indicator over their sum). Columns are matched by
 * name, or by tag when the files name them {@code component\tag}; files of any component are read.
 */
final class KpiWindowModel implements WindowModel {
    private static final int TABLE_FIXED = 4;
    private final DetectionModel model;
    private final String version;
    private final List<String> columns;
    /** The results table's columns: model index, KPI, normal behaviour, anomaly code, then one indicator per perspective. */
    private final List<String> names;

    KpiWindowModel(DetectionModel model, String version) {
        this.model = model;
        this.version = version;
        DetectionStream probe = DetectionStream.of(model, ZoneOffset.UTC, DetectionStream.LateRows.SKIP);
        this.columns = List.copyOf(probe.columns());
        List<String> n = new ArrayList<>(List.of(DetectionResult.MODEL_INDEX, DetectionResult.KPI, DetectionResult.NORMAL_BEHAVIOR,
                DetectionResult.ANOMALY_CODE));
        n.addAll(model.anomalousBehavior().indicatorColumns());
        this.names = List.copyOf(n);
    }

    @Override
    public String approach() {
        return "kpi-driven";
    }

    @Override
    public List<String> columns() {
        return columns;
    }

    @Override
    public Set<String> components() {
        return Set.of();
    }

    @Override
    public String version() {
        return version;
    }

    @Override
    public Scored score(TimeFrame frame, long from, long to, String state) {
        DetectionStream stream = state == null ? DetectionStream.of(model, ZoneOffset.UTC, DetectionStream.LateRows.SKIP)
                : DetectionStream.restore(model, StreamSnapshots.fromJson(state, "the window state"), DetectionStream.LateRows.SKIP);
        List<String> columns = stream.columns();
        double[][] in = new double[columns.size()][];
        for (int c = 0; c < in.length; c++) {
            in[c] = frame.values(column(frame, columns.get(c)));
        }
        int p = stream.perspectives().size();
        Rows rows = new Rows(TABLE_FIXED + p);
        List<double[]> shares = new ArrayList<>();
        DetectionStream.Listener out = row -> {
            double max = Double.NaN;
            double sum = 0;
            double[] s = new double[p];
            int i = rows.add(row.time());
            rows.cells[0][i] = row.modelIndex();
            rows.cells[1][i] = row.kpi();
            rows.cells[2][i] = row.normalBehavior();
            rows.cells[3][i] = row.anomalyCode();
            for (int k = 0; k < p; k++) {
                double v = row.indicator(k);
                rows.cells[TABLE_FIXED + k][i] = v;
                if (!Double.isNaN(v)) {
                    max = Double.isNaN(max) ? v : Math.max(max, v);
                    s[k] = Math.max(0, v);
                    sum += s[k];
                }
            }
            rows.indicator[i] = max;
            rows.anomalous[i] = row.anomalous();
            if (row.anomalous() && sum > 0) {
                for (int k = 0; k < p; k++) {
                    s[k] /= sum;
                }
                shares.add(s);
            } else {
                shares.add(null);
            }
        };
        double[] values = new double[columns.size()];
        for (int r = 0; r < frame.rows(); r++) {
            long t = frame.time(r);
            if (t <= from || t > to) {
                continue;
            }
            for (int c = 0; c < values.length; c++) {
                values[c] = in[c][r];
            }
            stream.push(t, values, out);
        }
        int n = rows.n;
        long[] time = Arrays.copyOf(rows.time, n);
        TimeFrame.Builder table = TimeFrame.builder(time).source(frame.source() + " (results)");
        for (int c = 0; c < names.size(); c++) {
            table.column(names.get(c), Arrays.copyOf(rows.cells[c], n));
        }
        return new Scored(time, Arrays.copyOf(rows.anomalous, n), new boolean[n], Arrays.copyOf(rows.indicator, n), stream.perspectives(),
                shares.toArray(new double[0][]), StreamSnapshots.toJson(stream.snapshot()), EventRules.DEFAULT, table.build());
    }

    /** The answered rows, column by column, growing as they come. */
    private static final class Rows {
        long[] time = new long[64];
        boolean[] anomalous = new boolean[64];
        double[] indicator = new double[64];
        final double[][] cells;
        int n;

        Rows(int columns) {
            cells = new double[columns][64];
        }

        /** Adds a row at {@code t} and returns its index. */
        int add(long t) {
            if (n == time.length) {
                int m = 2 * n;
                time = Arrays.copyOf(time, m);
                anomalous = Arrays.copyOf(anomalous, m);
                indicator = Arrays.copyOf(indicator, m);
                for (int c = 0; c < cells.length; c++) {
                    cells[c] = Arrays.copyOf(cells[c], m);
                }
            }
            time[n] = t;
            return n++;
        }
    }

    /** The frame's column holding the stream's column: the same name, or the one tag of that name. */
    private static String column(TimeFrame frame, String name) {
        if (frame.hasColumn(name)) {
            return name;
        }
        String found = null;
        for (String c : frame.columnNames()) {
            if (SignalId.parse(c).tag().equals(name)) {
                if (found != null) {
                    throw new VigilException(ErrorCode.UNKNOWN_COLUMN, frame.source() + ": the model's column '" + name + "' is a sensor of two "
                            + "components (" + found + ", " + c + "); a KPI-driven model reads one of each name");
                }
                found = c;
            }
        }
        if (found == null) {
            throw new VigilException(ErrorCode.UNKNOWN_COLUMN, frame.source() + " has no column " + Names.unknown(name, frame.columnNames(),
                    "columns") + " (the model reads it)");
        }
        return found;
    }
}
