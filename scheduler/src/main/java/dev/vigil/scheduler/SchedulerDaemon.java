package dev.vigil.scheduler;

import static java.util.Objects.requireNonNull;

import dev.vigil.evaluation.window.WindowModel;
import dev.vigil.spi.VigilException;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the schedulers of a home folder in this process ({@code vigil scheduler serve}): one thread per scheduler,
 * each waiting on the {@link SchedulerClock} for its next window and running what is due (a scheduler started late
 * catches up first); a supervisor thread takes up schedulers created or started meanwhile (by another process) and
 * lets a worker finish when its scheduler is asked to stop. A scheduler another process runs is left to it. {@link
 * #close} stops every thread. Thread-safe.
 */
public final class SchedulerDaemon implements AutoCloseable {
    /** How often the supervisor looks for schedulers to take up, and workers look whether they are asked to stop. */
    public static final Duration DEFAULT_POLL = Duration.ofSeconds(5);
    private static final Logger LOG = LoggerFactory.getLogger(SchedulerDaemon.class);
    private final Schedulers schedulers;
    private final Map<String, Thread> workers = new ConcurrentHashMap<>();
    private final java.util.Set<String> deferred = ConcurrentHashMap.newKeySet();
    private volatile Thread supervisor;
    private volatile boolean closed;
    private ExecutionListener listener = ExecutionListener.NONE;
    private Duration poll = DEFAULT_POLL;

    /** A daemon over the given schedulers. */
    @Inject
    public SchedulerDaemon(Schedulers schedulers) {
        this.schedulers = requireNonNull(schedulers, "schedulers is null");
    }

    /** Starts the supervisor, which starts a worker per scheduler that is PENDING or RUNNING. */
    public synchronized void start(ExecutionListener executions, Duration pollEvery) {
        if (supervisor != null) {
            throw new IllegalStateException("the daemon runs already");
        }
        this.listener = requireNonNull(executions, "executions is null");
        this.poll = requireNonNull(pollEvery, "pollEvery is null");
        supervisor = new Thread(this::supervise, "vigil-scheduler-supervisor");
        supervisor.setDaemon(true);
        supervisor.start();
    }

    private void supervise() {
        SchedulerClock clock = schedulers.clock();
        try {
            while (!closed) {
                takeUp();
                clock.sleepUntil(clock.now().plus(poll));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Starts a worker for every scheduler that should run and has none. */
    synchronized void takeUp() {
        for (SchedulerRecord r : schedulers.list()) {
            if (closed || workers.containsKey(r.name())) {
                continue;
            }
            if (r.status() == SchedulerStatus.STOPPING) {
                if (!SchedulerLock.held(schedulers.home(), r.name())) { // its runner died: finish the stop
                    schedulers.store().transition(r.name(), List.of(SchedulerStatus.STOPPING), SchedulerStatus.STOPPED, schedulers.clock().now());
                }
                continue;
            }
            if (r.status() != SchedulerStatus.PENDING && r.status() != SchedulerStatus.RUNNING) {
                continue;
            }
            SchedulerLock lock;
            try {
                lock = SchedulerLock.acquire(schedulers.home(), r.name());
            } catch (VigilException e) {
                if (deferred.add(r.name())) { // said once, not at every poll
                    LOG.warn("Scheduler '{}' is run by another process ({}); this daemon leaves it alone and takes it up when that "
                            + "process stops", r.name(), e.getMessage());
                }
                continue;
            }
            deferred.remove(r.name());
            Thread t = new Thread(() -> work(r.name(), lock), "vigil-scheduler-" + r.name());
            t.setDaemon(true);
            workers.put(r.name(), t);
            t.start();
        }
    }

    private void work(String name, SchedulerLock lock) {
        SchedulerClock clock = schedulers.clock();
        SchedulerStore store = schedulers.store();
        try (lock) {
            SchedulerRecord r = store.get(name);
            WindowModel model = schedulers.model(r);
            store.transition(name, List.of(SchedulerStatus.PENDING), SchedulerStatus.RUNNING, clock.now());
            LOG.info("Scheduler '{}' runs (model {}, every {})", name, r.config().model(), r.config().frequencyText());
            while (!closed) {
                r = store.find(name);
                if (r == null) {
                    break; // deleted
                }
                if (r.status() == SchedulerStatus.STOPPING || r.status() == SchedulerStatus.STOPPED) {
                    store.transition(name, List.of(SchedulerStatus.STOPPING), SchedulerStatus.STOPPED, clock.now());
                    LOG.info("Scheduler '{}' stopped", name);
                    break;
                }
                for (Execution e : schedulers.runDue(name, clock.now(), model, listener)) {
                    if (e.status() == ExecutionStatus.FAILED) {
                        // the daemon's one report of a failure (run-once prints its own line instead)
                        LOG.warn("Scheduler '{}', window {}: FAILED (not retried; the scheduler goes on): {}", name, e.window(), e.failedReason());
                    }
                }
                r = store.get(name);
                Instant next = Window.nextRun(r.config(), r.lastWindowEnd());
                Instant wake = clock.now().plus(poll);
                clock.sleepUntil(next.isBefore(wake) ? next : wake);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("Scheduler '{}' cannot run: {}", name, e.getMessage(), e);
        } finally {
            workers.remove(name);
        }
    }

    /** The schedulers and their status, and whether this process runs each: for {@code /health}. */
    public Map<String, Object> health() {
        Map<String, Object> m = new TreeMap<>();
        for (SchedulerRecord r : schedulers.list()) {
            m.put(r.name(), Map.of("status", r.status().name(), "runHere", workers.containsKey(r.name())));
        }
        return m;
    }

    /** Waits until the worker of a scheduler (if any) has ended: after it was asked to stop, for tests. */
    void join(String name) throws InterruptedException {
        Thread t = workers.get(name);
        if (t != null) {
            t.join();
        }
    }

    /** The schedulers this process runs now. */
    public List<String> running() {
        return List.copyOf(new TreeMap<>(workers).keySet());
    }

    /** Stops every thread (an execution under way is interrupted between steps; its window runs again next time). */
    @Override
    public void close() {
        closed = true;
        Thread s = supervisor;
        if (s != null) {
            s.interrupt();
        }
        for (Thread t : List.copyOf(workers.values())) {
            t.interrupt();
        }
        try {
            if (s != null) {
                s.join();
            }
            for (Thread t : List.copyOf(workers.values())) {
                t.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
