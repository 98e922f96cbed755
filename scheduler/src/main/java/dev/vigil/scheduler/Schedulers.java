package dev.vigil.scheduler;

import static java.util.Objects.requireNonNull;

import dev.vigil.core.plugin.PluginRegistry;
import dev.vigil.evaluation.window.WindowModel;
import dev.vigil.io.layout.SignalId;
import dev.vigil.io.model.SystemModelFiles;
import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.VigilException;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The schedulers of a home folder and their lifecycle (reference §5.9): create ({@code PENDING}), start (from
 * {@code STOPPED} to {@code PENDING}), stop (through {@code STOPPING} to {@code STOPPED}), delete (when stopped;
 * the results stay), describe; and running the windows that are due ({@link #runDue}), catching up missed ones
 * up to the configured cap. A scheduler is run by one process at a time ({@link SchedulerLock}). Thread-safe.
 */
public final class Schedulers {
    private static final Logger LOG = LoggerFactory.getLogger(Schedulers.class);
    private final Path home;
    private final SchedulerStore store;
    private final PluginRegistry registry;
    private final SchedulerClock clock;
    private final Metrics metrics;

    /** The schedulers of {@code home}, kept in {@code store}. */
    @Inject
    public Schedulers(@Named("vigil.home") Path home, SchedulerStore store, PluginRegistry registry, SchedulerClock clock, Metrics metrics) {
        this.home = requireNonNull(home, "home is null");
        this.store = requireNonNull(store, "store is null");
        this.registry = requireNonNull(registry, "registry is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.metrics = requireNonNull(metrics, "metrics is null");
    }

    /** The home folder. */
    public Path home() {
        return home;
    }

    /** The store. */
    public SchedulerStore store() {
        return store;
    }

    /** The clock. */
    public SchedulerClock clock() {
        return clock;
    }

    /** The metrics of what this process ran. */
    public Metrics metrics() {
        return metrics;
    }

    /**
     * Creates a scheduler, {@code PENDING}: the model must be readable, the input folder must exist and the output
     * must not be a file (it is created when missing); a model is
     * watched by one scheduler (Lookout's rule).
     */
    public SchedulerRecord create(SchedulerConfig config) {
        read(config.model());
        if (!Files.isDirectory(config.input())) {
            throw new VigilException(ErrorCode.FILE_NOT_FOUND, "The input folder " + config.input() + (Files.exists(config.input())
                    ? " is not a folder" : " does not exist") + "; create it, the scheduler reads the files that arrive there");
        }
        if (Files.exists(config.output()) && !Files.isDirectory(config.output())) {
            // every window would fail writing under it: refuse now, as the input folder is
            throw new VigilException(ErrorCode.INVALID_CONFIGURATION, "The output " + config.output() + " is a file, not a folder; give a folder "
                    + "(it is created when missing), the scheduler writes <output>/<ScheduledStartTime>/results.jsonl under it");
        }
        Path model = config.model().toAbsolutePath().normalize();
        for (SchedulerRecord r : store.list()) {
            if (!r.name().equals(config.name()) && r.config().model().toAbsolutePath().normalize().equals(model)) {
                throw new VigilException(ErrorCode.INVALID_CONFIGURATION, "The model " + config.model() + " is watched by scheduler '" + r.name()
                        + "' already; a model has one scheduler (delete that one first, or copy the model file)");
            }
        }
        return store.create(config, clock.now());
    }

    /** The scheduler of that name (Lookout's {@code DescribeInferenceScheduler}). */
    public SchedulerRecord describe(String name) {
        return store.get(name);
    }

    /** Every scheduler. */
    public List<SchedulerRecord> list() {
        return store.list();
    }

    /** Starts a stopped scheduler: {@code STOPPED} → {@code PENDING}; a scheduler that runs already is left as it is. */
    public SchedulerRecord start(String name) {
        SchedulerRecord r = store.get(name);
        if (r.status() == SchedulerStatus.STOPPING) {
            throw new VigilException(ErrorCode.INVALID_CONFIGURATION, "Scheduler '" + name + "' is STOPPING (its current execution finishes); "
                    + "start it once it is STOPPED");
        }
        store.transition(name, List.of(SchedulerStatus.STOPPED), SchedulerStatus.PENDING, clock.now());
        return store.get(name);
    }

    /**
     * How many of a scheduler's windows due at {@code now} lie beyond its catch-up cap: a run now would skip them
     * (run only the newest {@code maxCatchUpWindows}); 0 when none would be skipped.
     */
    public long beyondCatchUp(String name, Instant now) {
        SchedulerRecord r = store.get(name);
        return Window.due(r.config(), r.lastWindowEnd(), now, r.config().maxCatchUpWindows()).skipped();
    }

    /**
     * Stops a scheduler: {@code STOPPING}, and {@code STOPPED} at once when no process runs it (else that process
     * stops it after its current execution).
     */
    public SchedulerRecord stop(String name) {
        store.get(name);
        store.transition(name, List.of(SchedulerStatus.PENDING, SchedulerStatus.RUNNING), SchedulerStatus.STOPPING, clock.now());
        if (!SchedulerLock.held(home, name)) {
            store.transition(name, List.of(SchedulerStatus.STOPPING), SchedulerStatus.STOPPED, clock.now());
        }
        return store.get(name);
    }

    /** Deletes a stopped scheduler with its records and events; the results folders stay. */
    public void delete(String name) {
        SchedulerRecord r = store.get(name);
        if (r.status() != SchedulerStatus.STOPPED) {
            throw new VigilException(ErrorCode.INVALID_CONFIGURATION, "Scheduler '" + name + "' is " + r.status() + "; only a STOPPED scheduler is "
                    + "deleted (vigil scheduler stop " + name + " first)");
        }
        store.delete(name);
    }

    /**
     * Runs, in this process, every window of a scheduler due at {@code until} ({@code run-once}): takes its lock,
     * marks it {@code RUNNING}, runs the windows oldest first, and releases the lock.
     *
     * @throws VigilException when another process runs it, or when it is stopped
     */
    public List<Execution> runOnce(String name, Instant until, ExecutionListener listener) {
        try (SchedulerLock lock = SchedulerLock.acquire(home, name)) {
            SchedulerRecord r = store.get(name);
            if (r.status() == SchedulerStatus.STOPPED || r.status() == SchedulerStatus.STOPPING) {
                store.transition(name, List.of(SchedulerStatus.STOPPING), SchedulerStatus.STOPPED, clock.now());
                throw new VigilException(ErrorCode.INVALID_CONFIGURATION, "Scheduler '" + name + "' is stopped; start it first (vigil scheduler start "
                        + name + ")");
            }
            store.transition(name, List.of(SchedulerStatus.PENDING), SchedulerStatus.RUNNING, clock.now());
            return runDue(name, until, read(r.config().model()), listener);
        }
    }

    /**
     * Runs the windows of a scheduler due at {@code now}, oldest first, stopping early when the scheduler is asked to
     * stop. The caller holds its lock.
     */
    List<Execution> runDue(String name, Instant now, WindowModel model, ExecutionListener listener) {
        SchedulerRecord r = store.get(name);
        Window.Due due = Window.due(r.config(), r.lastWindowEnd(), now, r.config().maxCatchUpWindows());
        if (due.skipped() > 0) {
            LOG.warn("Scheduler '{}': {} missed windows are beyond the catch-up cap of {}; running the newest {} only", name, due.skipped(),
                    r.config().maxCatchUpWindows(), due.windows().size());
        }
        Executor executor = new Executor(store, model, listener);
        List<Execution> out = new ArrayList<>();
        long skipped = due.skipped();
        for (Window w : due.windows()) {
            SchedulerRecord now2 = store.get(name);
            if (now2.status() == SchedulerStatus.STOPPING || now2.status() == SchedulerStatus.STOPPED) {
                break;
            }
            long t0 = System.nanoTime();
            Execution e = executor.run(r.config(), w, skipped);
            metrics.record(e, (System.nanoTime() - t0) / 1e9);
            skipped = 0;
            out.add(e);
        }
        return out;
    }

    /**
     * Why a scheduler ignores input files: the first ignored file of its input folder, by name, with the reason (its
     * name does not parse as {@code {component}{delimiter}{timestamp}.csv}, or names a component the model lacks);
     * {@code null} when none is ignored.
     */
    public String ignoredExample(String name) {
        SchedulerConfig c = store.get(name).config();
        return InputFiles.ignoredExample(c, read(c.model()).components());
    }

    /** Reads a scheduler's model (for the daemon's threads). */
    WindowModel model(SchedulerRecord r) {
        return read(r.config().model());
    }

    /**
     * A scheduler's model file read: a system-driven model must name each signal {@code component\tag}, since a
     * scheduler reads one file per component (Lookout's layout).
     */
    private WindowModel read(Path file) {
        WindowModel model = WindowModel.read(file, registry);
        if (SystemModelFiles.APPROACH.equals(model.approach())) {
            for (String s : model.columns()) {
                if (!SignalId.parse(s).hasComponent()) {
                    throw new VigilException(ErrorCode.BAD_MODEL, "The model's signal '" + s + "' names no component (component\\tag): a scheduler "
                            + "reads one file per component, so the model must be built on component files (Lookout's layout)");
                }
            }
        }
        return model;
    }
}
