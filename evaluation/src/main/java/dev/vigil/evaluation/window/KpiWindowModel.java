package dev.vigil.evaluation.window;

import dev.vigil.core.detection.DetectionModel;
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
    private final DetectionModel model;
    private final String version;
    private final List<String> columns;

    KpiWindowModel(DetectionModel model, String version) {
        this.model = model;
        this.version = version;
        this.columns = List.copyOf(DetectionStream.of(model, ZoneOffset.UTC, DetectionStream.LateRows.SKIP).columns());
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
        List<Long> times = new ArrayList<>();
        List<Boolean> flags = new ArrayList<>();
        List<Double> indicators = new ArrayList<>();
        List<double[]> shares = new ArrayList<>();
        int p = stream.perspectives().size();
        DetectionStream.Listener out = row -> {
            times.add(row.time());
            flags.add(row.anomalous());
            double max = Double.NaN;
            double sum = 0;
            double[] s = new double[p];
            for (int k = 0; k < p; k++) {
                double v = row.indicator(k);
                if (!Double.isNaN(v)) {
                    max = Double.isNaN(max) ? v : Math.max(max, v);
                    s[k] = Math.max(0, v);
                    sum += s[k];
                }
            }
            indicators.add(max);
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
        int n = times.size();
        long[] time = new long[n];
        boolean[] anomalous = new boolean[n];
        double[] indicator = new double[n];
        for (int i = 0; i < n; i++) {
            time[i] = times.get(i);
            anomalous[i] = flags.get(i);
            indicator[i] = indicators.get(i);
        }
        return new Scored(time, anomalous, new boolean[n], indicator, stream.perspectives(), shares.toArray(new double[0][]),
                StreamSnapshots.toJson(stream.snapshot()), EventRules.DEFAULT);
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
