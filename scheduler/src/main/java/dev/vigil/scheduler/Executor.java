package dev.vigil.scheduler;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.vigil.core.quality.QualitySource;
import dev.vigil.evaluation.system.Diagnostics;
import dev.vigil.evaluation.window.Scored;
import dev.vigil.evaluation.window.WindowModel;
import dev.vigil.io.AtomicFiles;
import dev.vigil.io.layout.LayoutData;
import dev.vigil.io.layout.LayoutOptions;
import dev.vigil.io.layout.Layouts;
import dev.vigil.spi.ErrorKind;
import dev.vigil.spi.ReadOptions;
import dev.vigil.spi.VigilException;
import dev.vigil.spi.log.JobLog;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one window of a scheduler (reference §5.6–5.8): records it {@code IN_PROGRESS}, reads the candidate files with
 * vigil-io's layout reader (so with the one CSV reader), keeps the rows in (S, E], scores them with the model carrying
 * the previous window's state, merges the anomalous rows into the stored events, writes {@code
 * <output>/<ScheduledStartTime>/results.jsonl} atomically, and commits the outcome, state and events in one
 * transaction. Any problem with the input or the output makes the execution {@code FAILED} with the reason; the
 * scheduler goes on with the next window. A process killed anywhere leaves the window to be run again from the
 * same stored state, so it gives the same results file. Not thread-safe: one executor per scheduler thread.
 */
final class Executor {
    /** The results file's name in each execution's folder. */
    static final String RESULTS = "results.jsonl";
    private static final Logger LOG = LoggerFactory.getLogger(Executor.class);
    private final SchedulerStore store;
    private final WindowModel model;
    private final ExecutionListener listener;

    Executor(SchedulerStore store, WindowModel model, ExecutionListener listener) {
        this.store = store;
        this.model = model;
        this.listener = listener;
    }

    /** Runs a window and returns its record. */
    Execution run(SchedulerConfig config, Window w, long skipped) {
        listener.step("begin", w);
        Execution started = new Execution(config.name(), config.model().toString(), model.version(), w, ExecutionStatus.IN_PROGRESS, null,
                config.output(), null, 0, 0, 0);
        store.begin(started);
        listener.step("recorded", w);
        int[] ignored = {0};
        Execution done;
        try {
            SchedulerStore.Carry carry = store.carry(config.name());
            Map<String, List<Path>> files = InputFiles.candidates(config, model.components(), w, ignored);
            String missing = missing(config, files, w);
            if (missing != null) {
                return fail(started, missing, ignored[0], skipped, w);
            }
            LayoutData data = Layouts.readComponents(config.input(), files, LayoutOptions.DEFAULT.withKind(LayoutOptions.Kind.COMPONENTS),
                    ReadOptions.DEFAULT, new JobLog());
            missing = empty(config, data, files.keySet(), w);
            if (missing != null) {
                return fail(started, missing, ignored[0], skipped, w);
            }
            listener.step("read", w);
            Scored scored = model.score(data.frame(), w.start().toEpochMilli(), w.end().toEpochMilli(), carry.modelState());
            listener.step("scored", w);
            EventTracker.Update events = EventTracker.update(config.name(), carry.openEvent(), carry.trailing(), scored);
            String key = w.folder() + "/" + RESULTS;
            write(config.output().resolve(key), scored);
            listener.step("written", w);
            done = new Execution(config.name(), started.model(), model.version(), w, ExecutionStatus.SUCCESS, null, config.output(), key,
                    scored.rows(), scored.anomalies(), ignored[0]);
            store.finish(done, scored.state(), events, skipped);
        } catch (VigilException e) {
            if (e.kind() == ErrorKind.INTERNAL) {
                LOG.error("Scheduler '{}', window {}: internal error", config.name(), w, e);
            }
            return fail(started, e.getMessage(), ignored[0], skipped, w);
        } catch (RuntimeException e) {
            LOG.error("Scheduler '{}', window {}: internal error", config.name(), w, e);
            return fail(started, "Internal error: " + e, ignored[0], skipped, w);
        }
        listener.step("committed", w);
        return done;
    }

    private Execution fail(Execution started, String reason, int ignored, long skipped, Window w) {
        Execution failed = new Execution(started.scheduler(), started.model(), started.modelVersion(), w, ExecutionStatus.FAILED, reason,
                started.output(), null, 0, 0, ignored);
        store.finish(failed, null, null, skipped);
        LOG.debug("Scheduler '{}', window {}: FAILED: {}", started.scheduler(), w, reason); // reported once, by the caller
        listener.step("committed", w);
        return failed;
    }

    /** Lookout's reason for the first of the model's components without a candidate file, or {@code null}. */
    private String missing(SchedulerConfig config, Map<String, List<Path>> files, Window w) {
        Set<String> wanted = model.components().isEmpty() ? Set.of() : model.components();
        for (String c : new java.util.TreeSet<>(wanted)) {
            if (!files.containsKey(c)) {
                return InputFiles.missingData(config, c, w);
            }
        }
        if (files.isEmpty()) {
            return InputFiles.missingData(config, "*", w);
        }
        return null;
    }

    /** Lookout's reason for the first component whose files hold no row in (S, E], or {@code null}. */
    private static String empty(SchedulerConfig config, LayoutData data, Set<String> components, Window w) {
        long from = w.start().toEpochMilli();
        long to = w.end().toEpochMilli();
        for (String c : components) {
            boolean any = false;
            for (QualitySource s : data.quality().sources()) {
                if (!s.component().equals(c)) {
                    continue;
                }
                for (long t : s.raw().times()) {
                    if (t > from && t <= to) {
                        any = true;
                        break;
                    }
                }
            }
            if (!any) {
                return InputFiles.missingData(config, c, w);
            }
        }
        return null;
    }

    /** The results, one JSON object per row and a newline after each, written atomically. */
    static void write(Path file, Scored s) {
        AtomicFiles.writeText(file, w -> {
            JsonGenerator json = Json.MAPPER.getFactory().createGenerator(w);
            json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            json.setRootValueSeparator(null);
            for (int r = 0; r < s.rows(); r++) {
                line(json, s, r);
                json.flush();
                w.write('\n');
            }
            json.close();
        });
    }

    /**
     * One line of results.jsonl (reference §5.7): {@code timestamp} (UTC, microseconds, no zone), {@code prediction}
     * (1 ⇔ indicator above 1), {@code prediction_reason} ({@code ANOMALY_DETECTED}, {@code NO_ANOMALY_DETECTED} or
     * {@code MACHINE_OFF}), {@code anomaly_score} = indicator / 2 clamped to [0, 1] and rounded to 5 decimals (0.5 is
     * the threshold; absent where there is no indicator and on MACHINE_OFF rows), {@code diagnostics} on anomalous
     * rows: {@code [{name, value}]} over every entry, rounded to 5 decimals, summing to 1.
     */
    static void line(JsonGenerator json, Scored s, int r) throws IOException {
        json.writeStartObject();
        json.writeStringField("timestamp", Diagnostics.lookoutTime(s.time()[r]));
        boolean anomalous = s.anomalous()[r];
        json.writeNumberField("prediction", anomalous ? 1 : 0);
        json.writeStringField("prediction_reason", s.off()[r] ? "MACHINE_OFF" : anomalous ? "ANOMALY_DETECTED" : "NO_ANOMALY_DETECTED");
        double ai = s.indicator()[r];
        if (!s.off()[r] && !Double.isNaN(ai)) {
            json.writeNumberField("anomaly_score", Math.round(Math.min(1, Math.max(0, ai / 2)) * 100_000) / 100_000.0);
        }
        double[] shares = s.shares()[r];
        if (anomalous && shares != null) {
            double[] d = Diagnostics.rounded(shares);
            json.writeArrayFieldStart("diagnostics");
            for (int j = 0; j < d.length; j++) {
                json.writeStartObject();
                json.writeStringField("name", s.names().get(j));
                json.writeNumberField("value", d[j]);
                json.writeEndObject();
            }
            json.writeEndArray();
        }
        json.writeEndObject();
    }
}
