package dev.vigil.evaluation.window;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.core.plugin.PluginRegistry;
import dev.vigil.evaluation.system.SystemJob;
import dev.vigil.evaluation.system.SystemJobModel;
import dev.vigil.evaluation.system.SystemRun;
import dev.vigil.io.layout.SignalId;
import dev.vigil.io.model.SystemModelFiles;
import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.Names;
import dev.vigil.spi.SignalContributions;
import dev.vigil.spi.VigilException;
import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.spi.log.JobLog;
import dev.vigil.spi.settings.RowSelection;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A system-driven model run window by window with vigil-evaluation's {@link SystemJob#detect}: the window's rows
 * are judged, the rows before them (carried over from earlier windows) give history only. The state handed on
 * is the last {@code history + indicator window − 1} rows, bit for bit, so a window scores the same after a
 * restart. Diagnostics are the model's per-signal contributions; rows where the off condition holds are
 * {@code off}. Its components are those of its signals named {@code component\tag}.
 */
final class SystemWindowModel implements WindowModel {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final SystemJobModel model;
    private final String version;
    private final Set<String> components;
    private final int context;

    private SystemWindowModel(SystemJobModel model, String version) {
        this.model = model;
        this.version = version;
        Set<String> c = new LinkedHashSet<>();
        for (String s : model.detector().model().signals()) {
            SignalId id = SignalId.parse(s);
            if (id.hasComponent()) {
                c.add(id.component());
            }
        }
        this.components = Set.copyOf(c);
        this.context = Math.max(0, model.detector().model().history() + model.detector().calibration().windowLength() - 1);
    }

    static SystemWindowModel read(Path file, PluginRegistry registry, String checksum) {
        return new SystemWindowModel(SystemJobModel.read(file, registry), checksum);
    }

    @Override
    public String approach() {
        return SystemModelFiles.APPROACH;
    }

    @Override
    public List<String> columns() {
        return model.detector().model().signals();
    }

    @Override
    public Set<String> components() {
        return components;
    }

    @Override
    public String version() {
        return version;
    }

    @Override
    public Scored score(TimeFrame frame, long from, long to, String state) {
        List<String> signals = model.detector().model().signals();
        Map<String, String> roles = new LinkedHashMap<>();
        signals.forEach(s -> roles.put(s, "signal of the model"));
        Names.requireColumns(frame.source(), roles, frame.columnNames());
        TimeFrame history = state == null ? null : decode(state, signals);
        TimeFrame data = join(history, frame.select(signals), from, to);
        SystemRun run = SystemJob.detect(model, data, RowSelection.ranges(List.of(new RowSelection.TimeRange(Instant.ofEpochMilli(from + 1),
                Instant.ofEpochMilli(to)))), null, new JobLog());
        var d = run.detection();
        int n = d.rows();
        boolean[] anomalous = d.flags();
        double[][] shares = new double[n][];
        SignalContributions c = d.contributions();
        for (int k = 0; k < c.rows().length; k++) {
            double[] s = c.shares()[k];
            if (s.length > 0 && !Double.isNaN(s[0])) {
                shares[c.rows()[k]] = s;
            }
        }
        int keep = Math.min(context, data.rows());
        String next = encode(data.slice(data.rows() - keep, data.rows()), signals);
        return new Scored(d.time(), anomalous, run.off().clone(), d.indicator().clone(), signals, shares, next, model.settings().events(),
                run.table(false));
    }

    /** The history rows (before the window) and the window's rows, one frame of the model's signals. */
    private static TimeFrame join(TimeFrame history, TimeFrame window, long from, long to) {
        List<Integer> rows = new ArrayList<>();
        for (int r = 0; r < window.rows(); r++) {
            long t = window.time(r);
            if (t > from && t <= to) {
                rows.add(r);
            }
        }
        int h = 0;
        if (history != null) {
            while (h < history.rows() && history.time(h) <= from) {
                h++;
            }
        }
        int n = h + rows.size();
        long[] times = new long[n];
        TimeFrame.Builder b;
        for (int i = 0; i < h; i++) {
            times[i] = history.time(i);
        }
        for (int i = 0; i < rows.size(); i++) {
            times[h + i] = window.time(rows.get(i));
        }
        b = TimeFrame.builder(times).source(window.source());
        for (String s : window.columnNames()) {
            double[] v = new double[n];
            if (h > 0) {
                System.arraycopy(history.values(s), 0, v, 0, h);
            }
            double[] w = window.values(s);
            for (int i = 0; i < rows.size(); i++) {
                v[h + i] = w[rows.get(i)];
            }
            b.column(s, v);
        }
        return b.build();
    }

    /** Rows as JSON, the numbers as the bytes of their IEEE 754 bits (Base64): read back bit for bit. */
    static String encode(TimeFrame rows, List<String> signals) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rows", rows.rows());
        m.put("times", bytes(rows.times()));
        Map<String, String> columns = new LinkedHashMap<>();
        for (String s : signals) {
            columns.put(s, bytes(rows.values(s)));
        }
        m.put("columns", columns);
        try {
            return JSON.writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new VigilException(ErrorCode.INTERNAL, "Cannot write a system-driven model's window state: " + e.getOriginalMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    static TimeFrame decode(String state, List<String> signals) {
        try {
            Map<String, Object> m = JSON.readValue(state, Map.class);
            int n = ((Number) m.get("rows")).intValue();
            ByteBuffer t = ByteBuffer.wrap(Base64.getDecoder().decode((String) m.get("times")));
            long[] times = new long[n];
            for (int i = 0; i < n; i++) {
                times[i] = t.getLong();
            }
            TimeFrame.Builder b = TimeFrame.builder(times).source("the window state");
            Map<String, String> columns = (Map<String, String>) m.get("columns");
            for (String s : signals) {
                ByteBuffer v = ByteBuffer.wrap(Base64.getDecoder().decode(columns.get(s)));
                double[] x = new double[n];
                for (int i = 0; i < n; i++) {
                    x[i] = v.getDouble();
                }
                b.column(s, x);
            }
            return b.build();
        } catch (JsonProcessingException | RuntimeException e) {
            throw new VigilException(ErrorCode.BAD_MODEL, "The stored window state (the rows before the window) does not fit the model ("
                    + e.getMessage() + "); was the model file replaced? Start again without a state (a scheduler: create it afresh)", e);
        }
    }

    private static String bytes(long[] v) {
        ByteBuffer b = ByteBuffer.allocate(8 * v.length);
        for (long x : v) {
            b.putLong(x);
        }
        return Base64.getEncoder().encodeToString(b.array());
    }

    private static String bytes(double[] v) {
        ByteBuffer b = ByteBuffer.allocate(8 * v.length);
        for (double x : v) {
            b.putDouble(x);
        }
        return Base64.getEncoder().encodeToString(b.array());
    }
}
