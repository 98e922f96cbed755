package dev.vigil.core.stream;

import static java.util.Objects.requireNonNull;

import dev.vigil.core.anomaly.AnomalousBehaviorModel;
import dev.vigil.core.anomaly.RowDecision;
import dev.vigil.core.detection.DetectionModel;
import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.NormalBehaviorDecomposition;
import dev.vigil.spi.VigilException;
import dev.vigil.spi.frame.Durations;
import dev.vigil.spi.stream.IncrementalNormalBehavior;
import dev.vigil.spi.stream.IncrementalPerspective;
import dev.vigil.spi.stream.StreamLayout;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A model applied one row at a time (docs/streaming.md): each row pushed in is answered at once with
 * what batch detection's results table holds for it — normal behaviour, indicators, anomaly code —
 * and, on demand, the split of its normal behaviour for the causes. Lags, moving averages, calendar
 * state and perspective windows are kept as state whose cost per row does not grow with the stream.
 *
 * <p>The answers are those of {@link DetectionModel#detect} on all the rows pushed so far, to the bit,
 * with these rules for what batch would prepare differently:
 * <ul>
 *   <li>rows lie on the grid of the model's sampling period from the first row; a timestamp off the
 *       grid is refused ({@link ErrorCode#BAD_TIMESTAMP});
 *   <li>a timestamp the input skips is a row without values, as batch inserts it;
 *   <li>a row older than, or as old as, the newest row taken in is late: refused with {@link
 *       ErrorCode#BAD_TIMESTAMP} ({@link LateRows#REFUSE}, the default), or skipped ({@link
 *       LateRows#SKIP}) — batch would sort it in, and keep the last of duplicates;
 *   <li>a row whose values may yet be imputed (a missing value with a value before it, in a run no
 *       longer than {@code maxGapLength}) waits until the run is decided and is answered then, at most
 *       {@code maxGapLength + 1} rows late; {@link #end} decides as at the end of batch's data;
 *   <li>rows without a KPI value after imputation get no answer, as they get no row in the results;
 *   <li>a row whose anomaly code the model's {@link dev.vigil.core.anomaly.DecisionRule} cannot decide
 *       yet (a run of high indicators that may yet be kept or dropped, a gap that may yet be bridged)
 *       waits until it can, at most {@code minRows - 1 + bridge} rows late; with TIM's pointwise rule
 *       no row waits.
 * </ul>
 *
 * <p>{@link #snapshot}/{@link #restore} carry the stream over a restart; {@link #refresh} swaps in a
 * rebuilt model, keeping the rows held. One stream serves one series on one thread: not thread-safe.
 */
public final class DetectionStream {
    /** What to do with a row whose timestamp is not after the newest one taken in. */
    public enum LateRows {
        /** Refuse it: {@link VigilException} with {@link ErrorCode#BAD_TIMESTAMP}; the stream is unchanged. */
        REFUSE,
        /** Skip it, counting it in {@link #skipped()}. */
        SKIP
    }

    /** Receives the answered rows. */
    @FunctionalInterface
    public interface Listener {
        /** One answered row: read it now, it is reused for the next one. */
        void row(StreamRow row);
    }

    /** Rows the raw history keeps at least, so that a rebuilt model with longer lags warms up on them at a {@link #refresh}. */
    static final int KEEP = 4096;

    private final StreamLayout layout;
    private final LateRows late;
    private final Imputer imputer;
    private final double[] empty;
    private final Imputer.Sink sink = this::process;
    private DetectionModel model;
    private RowHistory history;
    private Engine engine;
    private Listener listener;
    /** Answers held until their codes are decided. */
    private Pending pending;
    /** Where the decision's codes go during a call: the held answers first, then the newest row. */
    private Pending deciding;
    private int currentCode;
    private final java.util.function.IntConsumer codes = this::decided;
    private long origin;
    private long lastTime = Long.MIN_VALUE;
    private long accepted;
    private long skipped;

    private DetectionStream(DetectionModel model, ZoneId zone, LateRows late, List<String> columns) {
        this.model = requireNonNull(model, "model is null");
        this.late = requireNonNull(late, "late is null");
        this.layout = new StreamLayout(columns, requireNonNull(zone, "zone is null"), model.samplingPeriod().toMillis());
        boolean[] skip = new boolean[layout.columns().size()];
        model.settings().data().holidays().ifPresent(h -> {
            int i = layout.columns().indexOf(h);
            if (i >= 0) {
                skip[i] = true; // flags are not imputed
            }
        });
        this.imputer = new Imputer(skip.length, skip, model.settings().data().imputation());
        this.empty = new double[skip.length];
        Arrays.fill(empty, Double.NaN);
        this.engine = new Engine(this, model, layout);
        this.pending = new Pending(engine.values.length);
        this.history = new RowHistory(skip.length, Math.max(KEEP, engine.span()), zone);
    }

    /**
     * A stream of a model over data whose timestamps and calendar are read in {@code zone} (the zone a
     * batch job would read the data in).
     */
    public static DetectionStream of(DetectionModel model, ZoneId zone, LateRows late) {
        return of(model, zone, late, List.of());
    }

    /**
     * A stream whose rows also hold {@code extra} columns the model does not read: columns a model
     * rebuilt with other influencers may read after a {@link #refresh}. They follow the model's columns
     * in {@link #columns()} and are imputed as batch imputes them.
     */
    public static DetectionStream of(DetectionModel model, ZoneId zone, LateRows late, List<String> extra) {
        List<String> columns = new ArrayList<>(model.requiredColumns());
        for (String c : extra) {
            if (!columns.contains(c)) {
                columns.add(c);
            }
        }
        return new DetectionStream(model, zone, late, columns);
    }

    /**
     * The columns each pushed row holds, in order: the KPI, then the model's inputs ({@link
     * DetectionModel#requiredColumns()}), then any extra columns the stream was created with.
     */
    public List<String> columns() {
        return layout.columns();
    }

    /** The zone of local times. */
    public ZoneId zone() {
        return layout.zone();
    }

    /** The model in use. */
    public DetectionModel model() {
        return model;
    }

    /** The perspectives, in the order of {@link StreamRow#indicator}. */
    public List<String> perspectives() {
        return engine.perspectives;
    }

    /** Rows taken in (not counting rows skipped or refused). */
    public long accepted() {
        return accepted;
    }

    /** Late or duplicate rows skipped under {@link LateRows#SKIP}. */
    public long skipped() {
        return skipped;
    }

    /** Rows taken in but not answered yet: they wait for imputation, or for the decision rule to decide their codes. */
    public int waiting() {
        return imputer.waiting() + pending.answered();
    }

    /**
     * Takes in one row and answers every row it decides: itself, unless it waits for imputation, and
     * rows that waited for it. No allocation for a row answered at once with built-in plugins.
     *
     * @param time the row's timestamp, epoch milliseconds
     * @param values one value per {@link #columns()} column, {@code NaN} for a missing one (not modified, not kept)
     * @param out receives the answers, in time order, during this call
     * @throws VigilException {@link ErrorCode#BAD_TIMESTAMP} for a late row under {@link LateRows#REFUSE} or a
     *     timestamp off the grid; the stream is then unchanged
     */
    public void push(long time, double[] values, Listener out) {
        if (values.length != empty.length) {
            throw new IllegalArgumentException("a row of this stream holds " + empty.length + " values (" + columns() + "), got "
                    + values.length);
        }
        long period = layout.samplingPeriodMillis();
        if (accepted == 0) {
            origin = time;
        } else {
            if (time <= lastTime) {
                if (late == LateRows.SKIP) {
                    skipped++;
                    return;
                }
                throw new VigilException(ErrorCode.BAD_TIMESTAMP, "Row " + Instant.ofEpochMilli(time) + (time == lastTime ? " repeats" : " is older than")
                        + " the stream's newest row " + Instant.ofEpochMilli(lastTime) + "; a stream takes rows in time order, one per "
                        + "timestamp (skip late rows with the SKIP policy, or detect in batch, which sorts rows and keeps the last of duplicates)");
            }
            if (Math.floorMod(time - origin, period) != 0) {
                throw new VigilException(ErrorCode.BAD_TIMESTAMP, "Row " + Instant.ofEpochMilli(time) + " is off the stream's grid of "
                        + Durations.human(Duration.ofMillis(period)) + " from " + Instant.ofEpochMilli(origin)
                        + "; a stream takes rows at the model's sampling period (resample the data first)");
            }
        }
        listener = requireNonNull(out, "out is null");
        try {
            if (accepted > 0) {
                gap((time - lastTime) / period - 1);
            }
            lastTime = time;
            accepted++;
            imputer.push(time, values, sink);
        } finally {
            listener = null;
        }
    }

    /**
     * The end of the data: decides the rows waiting for imputation and for their codes as batch decides
     * them at the end of its data, and answers them. A stream that will go on after a restart is
     * snapshotted without calling this, so that its waiting rows are decided by the rows that follow.
     */
    public void end(Listener out) {
        listener = requireNonNull(out, "out is null");
        try {
            imputer.end(sink);
            deciding = pending;
            engine.decision.end(codes);
            drain(pending, engine.row);
        } finally {
            listener = null;
        }
    }

    /** Rows without values for the timestamps a gap skips; a long gap runs only enough of them to empty every window. */
    private void gap(long rows) {
        if (rows <= 0) {
            return;
        }
        long burn = (long) history.capacity() + engine.residuals.capacity() + imputer.waiting() + engine.span() + 64;
        long step = layout.samplingPeriodMillis();
        long t = lastTime;
        if (rows <= 2 * burn) {
            for (long i = 0; i < rows; i++) {
                t += step;
                imputer.push(t, empty, sink);
            }
            return;
        }
        for (long i = 0; i < burn; i++) {
            t += step;
            imputer.push(t, empty, sink);
        }
        long skip = rows - 2 * burn; // every window now holds empty rows only: count these without running them
        imputer.skipEmpty(skip);
        history.skip(skip);
        engine.residuals.skip(skip);
        t += skip * step;
        for (long i = 0; i < burn; i++) {
            t += step;
            imputer.push(t, empty, sink);
        }
    }

    /** One decided row through the model. */
    private void process(long time, double[] values) {
        history.push(time, values);
        answer(engine, pending, history, time, values[0], true);
    }

    /**
     * Steps an engine on the newest row and answers every row whose code this row decides, in order;
     * answers not decided yet (or decided while no one listens) are held. No allocation when the row
     * is decided at once and none is held.
     *
     * @param answered whether the row is answered (false for a row answered before a refresh)
     */
    private void answer(Engine e, Pending held, Rows rows, long time, double kpi, boolean answered) {
        StreamRow row = e.step(rows, time, kpi);
        deciding = held;
        currentCode = -1;
        e.decision.decide(e.residuals.localMillis(), e.values, row.indicators, codes);
        boolean emit = answered && !Double.isNaN(kpi);
        if (currentCode >= 0 && held.size() == 0 && listener != null) {
            if (emit) {
                row.anomalyCode = currentCode;
                row.current();
                listener.row(row);
            }
            return;
        }
        if (currentCode < 0 || emit) {
            held.add(row, currentCode, emit, emit ? e.normal.decomposition() : null);
        }
        drain(held, row);
    }

    /** A code decided by the decision rule: of the oldest held answer not decided yet, else of the newest row. */
    private void decided(int code) {
        if (deciding.undecided() > 0) {
            deciding.decide(code);
        } else {
            currentCode = code;
        }
    }

    /** Answers the decided answers held, oldest first, as long as someone listens. */
    private void drain(Pending held, StreamRow row) {
        while (held.headDecided()) {
            if (!held.headAnswered()) {
                held.drop();
            } else if (listener == null) {
                return;
            } else {
                held.pop(row);
                listener.row(row);
            }
        }
    }

    NormalBehaviorDecomposition decomposition() {
        return engine.normal.decomposition();
    }

    /**
     * Swaps in a rebuilt model (any rebuild type) without losing the rows held: the new model's
     * evaluators are warmed up on them, so the next rows are answered as the new model answers them in
     * batch — to the bit for lags and windows the rows held cover; running sums (moving averages,
     * Imbalance) started on the rows held rather than on the whole stream may differ in the last bits
     * (docs/streaming.md#refresh). The stream holds at least the last 4096 rows, more when a model
     * needs them; rows older than those held read as missing to the new model.
     *
     * <p>Answers held for their codes are answered as the new model answers their rows, at the next
     * {@link #push} or {@link #end}.
     *
     * @throws VigilException {@link ErrorCode#BAD_MODEL} for a model of another KPI or sampling period,
     *     {@link ErrorCode#UNKNOWN_COLUMN} for one needing a column the stream does not have
     */
    public void refresh(DetectionModel rebuilt) {
        requireNonNull(rebuilt, "rebuilt is null");
        if (!rebuilt.kpi().equals(model.kpi()) || !rebuilt.samplingPeriod().equals(model.samplingPeriod())) {
            throw new VigilException(ErrorCode.BAD_MODEL, "The rebuilt model detects on " + rebuilt.kpi() + " every "
                    + Durations.human(rebuilt.samplingPeriod()) + ", the stream on " + model.kpi() + " every "
                    + Durations.human(model.samplingPeriod()) + "; start a new stream for it");
        }
        Engine next = new Engine(this, rebuilt, layout);
        if (next.span() > history.capacity()) {
            RowHistory bigger = new RowHistory(layout.columns().size(), next.span(), layout.zone());
            bigger.load(history.rows(), history.times(), history.values(), layout.columns().size(), identity(layout.columns().size()));
            history = bigger;
        }
        long[] unanswered = pending.answeredTimes(); // rows the old model held: answered by the new one
        Pending held = new Pending(next.values.length);
        int u = 0;
        for (int back = history.held() - 1; back >= 0; back--) {
            Rows view = history.asOf(back);
            boolean answer = u < unanswered.length && unanswered[u] == view.time();
            if (answer) {
                u++;
            }
            answer(next, held, view, view.time(), view.value(0, 0), answer);
        }
        if (u != unanswered.length) {
            throw new IllegalStateException("the stream holds " + unanswered.length + " answers, " + u + " of them among its rows");
        }
        engine = next;
        pending = held;
        model = rebuilt;
    }

    /** A snapshot of the state, to {@link #restore} after a restart. */
    public StreamState snapshot() {
        List<double[]> perspectives = new ArrayList<>();
        for (IncrementalPerspective p : engine.perspectiveEvaluators) {
            perspectives.add(p.state());
        }
        return new StreamState(StreamState.VERSION, fingerprint(model), layout.columns(), layout.zone().getId(), layout.samplingPeriodMillis(),
                origin, lastTime, accepted, skipped, new StreamState.Ring(history.rows(), history.times(), history.values()),
                new StreamState.Ring(engine.residuals.rows(), engine.residuals.times(), engine.residuals.values()),
                new StreamState.Waiting(imputer.seq, imputer.waitingTimes(), imputer.waitingValues(), imputer.status.clone(),
                        imputer.runStart.clone(), imputer.runLength.clone(), imputer.last.clone(), imputer.lastTime.clone()),
                engine.normal.state(), perspectives, engine.decision.state(), pending.state());
    }

    /**
     * A stream resumed from a snapshot, with the model it was taken with: it answers the following rows
     * as the stream that took the snapshot would have.
     *
     * @throws VigilException {@link ErrorCode#BAD_MODEL} for a snapshot of another version, of another
     *     model, or whose parts do not fit together
     */
    public static DetectionStream restore(DetectionModel model, StreamState state, LateRows late) {
        if (state.version() != StreamState.VERSION && state.version() != 1) {
            throw new VigilException(ErrorCode.BAD_MODEL, "The stream snapshot has version " + state.version() + "; this Vigil reads versions 1 to "
                    + StreamState.VERSION);
        }
        if (!state.fingerprint().equals(fingerprint(model))) {
            throw new VigilException(ErrorCode.BAD_MODEL, "The stream snapshot was taken with another model (fingerprint " + state.fingerprint()
                    + ", this model's " + fingerprint(model) + "); restore it with the model it was taken with, then refresh");
        }
        ZoneId zone;
        try {
            zone = ZoneId.of(state.zone());
        } catch (java.time.DateTimeException e) {
            throw new VigilException(ErrorCode.BAD_MODEL, "The stream snapshot's zone " + state.zone() + " is unknown: " + e.getMessage());
        }
        if (state.columns().isEmpty() || !state.columns().get(0).equals(model.kpi()) || !state.columns().containsAll(model.requiredColumns())) {
            throw new VigilException(ErrorCode.BAD_MODEL, "The stream snapshot's columns " + state.columns() + " lack some of the model's "
                    + model.requiredColumns());
        }
        DetectionStream s = new DetectionStream(model, zone, late, state.columns());
        if ( state.samplingPeriodMillis() != s.layout.samplingPeriodMillis()
                || state.perspectives().size() != s.engine.perspectiveEvaluators.length) {
            throw new VigilException(ErrorCode.BAD_MODEL, "The stream snapshot's columns " + state.columns() + " or sampling period do not "
                    + "match the model's " + s.columns());
        }
        int n = s.columns().size();
        try {
            s.origin = state.origin();
            s.lastTime = state.lastTime();
            s.accepted = state.accepted();
            s.skipped = state.skipped();
            load(s.history, state.rows(), n);
            load(s.engine.residuals, state.residuals(), 1);
            StreamState.Waiting w = state.imputation();
            s.imputer.load(w.count(), w.times(), w.values(), w.status(), w.runStart(), w.runLength(), w.last(), w.lastTime());
            s.engine.normal.restore(state.normalBehavior().clone());
            for (int k = 0; k < state.perspectives().size(); k++) {
                s.engine.perspectiveEvaluators[k].restore(state.perspectives().get(k).clone());
            }
            s.engine.decision.restore(state.decision().clone());
            s.pending.load(state.held());
            if (s.pending.undecided() != s.engine.decision.waiting()) {
                throw new IllegalArgumentException(s.pending.undecided() + " held answers wait for a code, the decision rule holds "
                        + s.engine.decision.waiting());
            }
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new VigilException(ErrorCode.BAD_MODEL, "The stream snapshot is corrupted: " + e.getMessage(), e);
        }
        return s;
    }

    private static void load(RowHistory h, StreamState.Ring ring, int columns) {
        if (ring.values().length != ring.times().length * columns || ring.count() < ring.times().length) {
            throw new IllegalArgumentException("a ring of " + ring.times().length + " rows holds " + ring.values().length + " values");
        }
        h.load(ring.count(), ring.times(), ring.values(), columns, identity(columns));
    }

    private static int[] identity(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        return a;
    }

    /**
     * What identifies a model in a snapshot: a SHA-256 of the text of its settings and stored state,
     * the same in every process (never an identity hash).
     */
    public static String fingerprint(DetectionModel model) {
        try {
            java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
            StringBuilder text = new StringBuilder().append(model.settings()).append('\n');
            canonical(model.state(), text);
            byte[] digest = sha.digest(text.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest, 0, 12);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** A stored state as text: maps, lists and arrays by their elements, never by identity. */
    private static void canonical(Object o, StringBuilder b) {
        if (o instanceof java.util.Map<?, ?> m) {
            b.append('{');
            m.forEach((k, v) -> {
                b.append(k).append('=');
                canonical(v, b);
                b.append(',');
            });
            b.append('}');
        } else if (o instanceof java.util.Collection<?> c) {
            b.append('[');
            c.forEach(v -> {
                canonical(v, b);
                b.append(',');
            });
            b.append(']');
        } else if (o instanceof Object[] a) {
            canonical(Arrays.asList(a), b);
        } else if (o instanceof double[] a) {
            b.append(Arrays.toString(a));
        } else if (o instanceof long[] a) {
            b.append(Arrays.toString(a));
        } else if (o instanceof int[] a) {
            b.append(Arrays.toString(a));
        } else {
            b.append(o);
        }
    }

    /** The model's evaluators, from the normal behaviour to the decision, and the residuals they keep. */
    private static final class Engine {
        final IncrementalNormalBehavior normal;
        final IncrementalPerspective[] perspectiveEvaluators;
        final RowDecision decision;
        final RowHistory residuals;
        final List<String> perspectives;
        final double[] values;
        final StreamRow row;

        Engine(DetectionStream owner, DetectionModel model, StreamLayout layout) {
            this.normal = Incrementals.normalBehavior(model.normalBehavior(), layout);
            AnomalousBehaviorModel anomalous = model.anomalousBehavior();
            this.perspectives = anomalous.perspectives();
            this.perspectiveEvaluators = new IncrementalPerspective[perspectives.size()];
            int lags = 0;
            for (int k = 0; k < perspectiveEvaluators.length; k++) {
                perspectiveEvaluators[k] = Incrementals.perspective(anomalous.perspective(k), anomalous.window(k));
                lags = Math.max(lags, perspectiveEvaluators[k].lags());
            }
            this.residuals = new RowHistory(1, lags + 1, layout.zone());
            this.decision = anomalous.rowDecision();
            this.values = new double[perspectiveEvaluators.length];
            this.row = new StreamRow(owner, perspectives, anomalous.indicatorColumns());
        }

        /**
         * Rows the raw history must keep: the model's lags, the residual window behind them and the
         * answers the decision rule may hold, for a refresh's warm-up.
         */
        int span() {
            return (int) Math.min(Integer.MAX_VALUE - 8, (long) normal.lags() + residuals.capacity() + 1 + decision.holds());
        }

        StreamRow step(Rows rows, long time, double kpi) {
            double nb = normal.next(rows);
            double r = kpi - nb;
            residuals.push(time, r);
            for (int k = 0; k < values.length; k++) {
                values[k] = perspectiveEvaluators[k].next(residuals);
            }
            row.time = time;
            row.modelIndex = normal.modelIndex();
            row.kpi = kpi;
            row.normalBehavior = nb;
            return row;
        }
    }
}
