package dev.vigil.cli;

import com.google.inject.Inject;
import com.google.inject.Injector;
import dev.vigil.core.plugin.PluginRegistry;
import dev.vigil.scheduler.Execution;
import dev.vigil.scheduler.ExecutionListener;
import dev.vigil.scheduler.ExecutionStatus;
import dev.vigil.scheduler.Metrics;
import dev.vigil.scheduler.MetricsServer;
import dev.vigil.scheduler.SchedulerClock;
import dev.vigil.scheduler.SchedulerConfig;
import dev.vigil.scheduler.SchedulerDaemon;
import dev.vigil.scheduler.SchedulerLock;
import dev.vigil.scheduler.SchedulerModule;
import dev.vigil.scheduler.SchedulerRecord;
import dev.vigil.scheduler.SchedulerStatus;
import dev.vigil.scheduler.SchedulerStore;
import dev.vigil.scheduler.Schedulers;
import dev.vigil.scheduler.StoredEvent;
import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.VigilException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code vigil scheduler}: Lookout-style scheduled inference over a folder of files (docs/scheduler.md). A parent
 * command; its subcommands create, start, stop, delete, describe and list schedulers, list their executions and
 * events, run the due windows once ({@code run-once}, for cron) or run every scheduler as a daemon ({@code serve}).
 * The schedulers live in {@code --home} (default {@code $VIGIL_HOME}, else {@code ~/.vigil}).
 */
@Command(name = "scheduler",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Scheduled inference over a folder of files, as Amazon Lookout for Equipment's inference scheduler does: every "
                + "window (PT5M … PT1H, aligned to the hour) the files {component}{delimiter}{timestamp}.csv that arrived are read, the "
                + "model judges the window's rows, and <output>/<ScheduledStartTime>/results.jsonl and the events are written.",
                "Schedulers, execution records and events are kept in --home (default $VIGIL_HOME, else ~/.vigil). See docs/scheduler.md."},
        subcommands = {SchedulerCommand.Create.class, SchedulerCommand.Start.class, SchedulerCommand.Stop.class, SchedulerCommand.Delete.class,
            SchedulerCommand.Describe.class, SchedulerCommand.ListSchedulers.class, SchedulerCommand.ListExecutions.class,
            SchedulerCommand.Events.class, SchedulerCommand.RunOnce.class, SchedulerCommand.Serve.class})
final class SchedulerCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    /** Without a subcommand: the usage on stderr, exit 2 (bad usage). */
    @Override
    public Integer call() {
        return Errors.nameACommand(spec);
    }

    /** The home folder option every subcommand has, and the schedulers kept there. */
    static final class Home {
        @Option(names = "--home", paramLabel = "DIR",
                description = "Where the schedulers, their execution records and events are kept (default: $VIGIL_HOME, else ~/.vigil).")
        Path home;

        Path path() {
            if (home != null) {
                return home;
            }
            String env = System.getenv("VIGIL_HOME");
            return env != null && !env.isBlank() ? Path.of(env) : Path.of(System.getProperty("user.home"), ".vigil");
        }
    }

    /** A subcommand on the schedulers of the home folder, the store closed at the end. */
    abstract static class OnSchedulers implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        Home home;

        @Inject
        PluginRegistry registry;

        @Override
        public Integer call() throws Exception {
            Path dir = home.path();
            if (!createsStore() && !Files.exists(dir.resolve(SchedulerStore.FILE))) {
                // a mistyped --home must not leave an empty store behind, nor read as "no schedulers"
                throw new VigilException(ErrorCode.INVALID_CONFIGURATION, "No scheduler was created in " + dir + " (it has no "
                        + SchedulerStore.FILE + "). Give the --home the schedulers were created with (default: $VIGIL_HOME, else "
                        + "~/.vigil), or create one with vigil scheduler create");
            }
            try (SchedulerStore store = SchedulerStore.open(dir)) {
                return run(new Schedulers(dir, store, registry, SchedulerClock.system(), new Metrics()), spec.commandLine().getOut());
            }
        }

        /** Whether the subcommand may create the store in a new home: only {@code create}. */
        boolean createsStore() {
            return false;
        }

        abstract Integer run(Schedulers schedulers, PrintWriter out) throws Exception;
    }

    @Command(name = "create", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
            description = {"Create a scheduler (PENDING): it runs once a daemon (serve) or run-once takes it up.",
                "Its first window is the one that ends first after --start; a window (S, E] runs at E + --delay and reads the files stamped "
                    + "from S - frequency to E + frequency."})
    static final class Create extends OnSchedulers {
        @Parameters(index = "0", paramLabel = "NAME", description = "The scheduler's name: 1 to 200 letters, digits, '_' or '-'.")
        String name;

        @Option(names = "--model", required = true, paramLabel = "M", description = "The model file (kpi-driven or system-driven).")
        Path model;

        @Option(names = "--input", required = true, paramLabel = "DIR", description = "The folder the input files arrive in.")
        Path input;

        @Option(names = "--output", required = true, paramLabel = "DIR", description = "The folder the results are written under.")
        Path output;

        @Option(names = "--frequency", required = true, paramLabel = "F", description = "PT5M, PT10M, PT15M, PT30M or PT1H.")
        String frequency;

        @Option(names = "--delay", defaultValue = "PT0M", paramLabel = "D",
                description = "How long after a window ends it runs: PT0M to PT60M in whole minutes (default: ${DEFAULT-VALUE}).")
        String delay;

        @Option(names = "--timezone-offset", defaultValue = "+00:00", paramLabel = "+HH:MM",
                description = "The offset the file names' timestamps are written in; rows inside the files are UTC (default: ${DEFAULT-VALUE}).")
        String offset;

        @Option(names = "--timestamp-format", defaultValue = "yyyyMMddHHmmss", paramLabel = "FMT",
                description = "The file names' timestamps: EPOCH, yyyy-MM-dd-HH-mm-ss or yyyyMMddHHmmss (default: ${DEFAULT-VALUE}).")
        String format;

        @Option(names = "--delimiter", defaultValue = "_", paramLabel = "C",
                description = "Between component and timestamp in file names: -, _, a space, or none (default: ${DEFAULT-VALUE}).")
        String delimiter;

        @Option(names = "--start", paramLabel = "TS", description = "No window ends at or before this ISO 8601 instant (default: now).")
        String start;

        @Option(names = "--max-catch-up", defaultValue = "" + SchedulerConfig.DEFAULT_MAX_CATCH_UP, paramLabel = "N",
                description = "At most this many missed windows are run when the scheduler catches up, the newest (default: ${DEFAULT-VALUE}).")
        int maxCatchUp;

        @Override
        boolean createsStore() {
            return true;
        }

        @Override
        Integer run(Schedulers s, PrintWriter out) {
            SchedulerConfig c = SchedulerConfig.parse(name, model, input, output, frequency, delay, offset, format, delimiter, start, maxCatchUp,
                    s.clock().now());
            SchedulerRecord r = s.create(c);
            out.println("Created scheduler '" + r.name() + "' (" + r.status() + "): windows of " + c.frequencyText() + ", the first runs at "
                    + r.toMap().get("NextScheduledStartTime") + ". Run it with vigil scheduler run-once " + r.name() + " (cron) or vigil "
                    + "scheduler serve.");
            long beyond = s.beyondCatchUp(r.name(), s.clock().now());
            if (beyond > 0) {
                out.println("Note: --start " + c.start() + " lies " + beyond + " windows beyond the catch-up cap (--max-catch-up "
                        + c.maxCatchUpWindows() + ") before now: run-once or serve would run only the newest " + c.maxCatchUpWindows()
                        + " windows and skip the " + beyond + " older ones. To process historical files, backfill first: vigil scheduler run-once "
                        + r.name() + " --until TS, stepping TS from the start towards now by at most " + c.maxCatchUpWindows() + " windows "
                        + "(docs/scheduler.md, Backfill).");
            }
            return 0;
        }
    }

    @Command(name = "start", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
            description = "Start a STOPPED scheduler (PENDING, then RUNNING when taken up); missed windows are caught up, capped.")
    static final class Start extends OnSchedulers {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Override
        Integer run(Schedulers s, PrintWriter out) {
            out.println("Scheduler '" + name + "' is " + s.start(name).status() + ".");
            return 0;
        }
    }

    @Command(name = "stop", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
            description = "Stop a scheduler: STOPPING while a process finishes its current execution, then STOPPED.")
    static final class Stop extends OnSchedulers {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Override
        Integer run(Schedulers s, PrintWriter out) {
            out.println("Scheduler '" + name + "' is " + s.stop(name).status() + ".");
            return 0;
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
            description = "Delete a STOPPED scheduler with its execution records and events; its results folders are kept.")
    static final class Delete extends OnSchedulers {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Override
        Integer run(Schedulers s, PrintWriter out) {
            Path output = s.describe(name).config().output();
            s.delete(name);
            out.println("Deleted scheduler '" + name + "'; its results stay in " + output + ".");
            return 0;
        }
    }

    @Command(name = "describe", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
            description = "A scheduler's configuration and state as JSON (Lookout's DescribeInferenceScheduler), with its executions by status.")
    static final class Describe extends OnSchedulers {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Override
        Integer run(Schedulers s, PrintWriter out) throws Exception {
            Map<String, Object> m = new LinkedHashMap<>(s.describe(name).toMap());
            Map<String, Object> counts = new LinkedHashMap<>();
            s.store().counts(name).forEach((k, v) -> counts.put(k.name(), v));
            m.put("Executions", counts);
            m.put("RunByProcessNow", SchedulerLock.held(s.home(), name));
            out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(m));
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
            description = {"The schedulers: name, status, whether a process runs it now, frequency, last window and model.",
                "A RUNNING scheduler that no process runs now waits for vigil scheduler serve or the next run-once (cron)."})
    static final class ListSchedulers extends OnSchedulers {
        @Override
        Integer run(Schedulers s, PrintWriter out) {
            List<SchedulerRecord> all = s.list();
            if (all.isEmpty()) {
                out.println("No scheduler in " + s.home() + "; create one with vigil scheduler create.");
                return 0;
            }
            out.printf(Locale.ROOT, "%-24s %-9s %-7s %-9s %-22s %s%n", "NAME", "STATUS", "PROCESS", "FREQUENCY", "LAST WINDOW END", "MODEL");
            boolean waiting = false;
            for (SchedulerRecord r : all) {
                String process = r.status() == SchedulerStatus.STOPPED ? "-" : SchedulerLock.held(s.home(), r.name()) ? "yes" : "none";
                waiting |= r.status() == SchedulerStatus.RUNNING && process.equals("none");
                out.printf(Locale.ROOT, "%-24s %-9s %-7s %-9s %-22s %s%n", r.name(), r.status(), process, r.config().frequencyText(),
                        r.lastWindowEnd() == null ? "-" : r.lastWindowEnd(), r.config().model());
            }
            if (waiting) {
                out.println("PROCESS none: no serve or run-once runs the scheduler now; it runs its due windows when one takes it up (a "
                        + "daemon that stopped, or cron between two run-once).");
            }
            return 0;
        }
    }

    @Command(name = "list-executions", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
            description = "A scheduler's executions, newest first, one JSON object per line with Lookout's field names.")
    static final class ListExecutions extends OnSchedulers {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Option(names = "--status", paramLabel = "S", description = "Only IN_PROGRESS, SUCCESS or FAILED.")
        ExecutionStatus status;

        @Option(names = "--data-start-after", paramLabel = "TS", description = "Only executions whose DataStartTime is at or after it.")
        String after;

        @Option(names = "--data-end-before", paramLabel = "TS", description = "Only executions whose DataEndTime is at or before it.")
        String before;

        @Option(names = "--max", defaultValue = "100", paramLabel = "N", description = "At most this many (default: ${DEFAULT-VALUE}).")
        int max;

        @Override
        Integer run(Schedulers s, PrintWriter out) throws Exception {
            s.describe(name);
            for (Execution e : s.store().executions(name, status, instant("--data-start-after", after), instant("--data-end-before", before), max)) {
                out.println(JSON.writeValueAsString(e.toMap()));
            }
            return 0;
        }
    }

    @Command(name = "events", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
            description = "A scheduler's events in time order, one JSON object per line (Lookout's InferenceEventSummary; an event spanning "
                    + "windows is one event).")
    static final class Events extends OnSchedulers {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Option(names = "--from", paramLabel = "TS", description = "Only events ending at or after it.")
        String from;

        @Option(names = "--to", paramLabel = "TS", description = "Only events starting before it.")
        String to;

        @Override
        Integer run(Schedulers s, PrintWriter out) throws Exception {
            s.describe(name);
            for (StoredEvent e : s.store().events(name, instant("--from", from), instant("--to", to))) {
                out.println(JSON.writeValueAsString(e.toMap()));
            }
            return 0;
        }
    }

    @Command(name = "run-once", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
            description = {"Run every window of a scheduler that is due, oldest first, then exit (for cron). One line per execution.",
                "Exit 0 even when executions FAILED (their reasons are printed and recorded); 2 when the scheduler cannot run."})
    static final class RunOnce extends OnSchedulers {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Option(names = "--until", paramLabel = "TS", description = "Run the windows due at this ISO 8601 instant, at or before now (default: now); "
                + "step it through the past to backfill (docs/scheduler.md, Backfill).")
        String until;

        @Override
        Integer run(Schedulers s, PrintWriter out) {
            Instant now = s.clock().now();
            Instant at = until == null ? now : instant("--until", until);
            if (at.isAfter(now)) {
                // a window dated after now has no files yet: it would fail, and move the next window past now for good
                throw new VigilException(ErrorCode.INVALID_CONFIGURATION, "--until '" + until + "' is after now (" + now + "); a window runs "
                        + "once its files can have arrived. Give an instant at or before now, or leave --until out");
            }
            List<Execution> done = s.runOnce(name, at, ExecutionListener.NONE);
            for (Execution e : done) {
                out.println(line(e));
            }
            long failed = done.stream().filter(e -> e.status() == ExecutionStatus.FAILED).count();
            out.println(done.size() + (done.size() == 1 ? " window" : " windows") + " run" + (failed == 0 ? "" : " (" + failed + " FAILED: a failed "
                    + "window is not retried, the scheduler goes on; see docs/scheduler.md, Failed windows)") + "; next: " + s.describe(name).toMap()
                    .get("NextScheduledStartTime") + ".");
            int ignored = done.stream().mapToInt(Execution::ignoredFiles).max().orElse(0);
            if (ignored > 0) {
                String example = s.ignoredExample(name);
                out.println(ignored + (ignored == 1 ? " file" : " files") + " of the input folder " + (ignored == 1 ? "is" : "are") + " ignored"
                        + (example == null ? "" : ", e.g. " + example) + ".");
            }
            return 0;
        }
    }

    @Command(name = "serve", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
            description = {"Run every PENDING or RUNNING scheduler of --home, each on its own thread, until stopped (SIGTERM); serve /health "
                    + "and /metrics (Prometheus text format) over HTTP. docs/vigil-scheduler.service is a systemd unit for it."})
    static final class Serve implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        Home home;

        @Inject
        Injector injector;

        @Option(names = "--port", defaultValue = "9464", paramLabel = "P", description = "The HTTP port (default: ${DEFAULT-VALUE}; 0: any free).")
        int port;

        @Option(names = "--host", defaultValue = "127.0.0.1", paramLabel = "H", description = "The address to listen on (default: ${DEFAULT-VALUE}).")
        String host;

        @Option(names = "--poll", defaultValue = "PT5S", paramLabel = "D",
                description = "How often new, started and stopped schedulers are looked for (default: ${DEFAULT-VALUE}).")
        String poll;

        @Override
        public Integer call() throws Exception {
            Duration every = Approach.period("--poll", poll);
            Injector daemonInjector = injector.createChildInjector(new SchedulerModule(home.path(), SchedulerClock.system(), false));
            Schedulers s = daemonInjector.getInstance(Schedulers.class);
            PrintWriter out = spec.commandLine().getOut();
            CountDownLatch stopped = new CountDownLatch(1);
            try (SchedulerStore store = daemonInjector.getInstance(SchedulerStore.class);
                    SchedulerDaemon daemon = daemonInjector.getInstance(SchedulerDaemon.class);
                    MetricsServer http = MetricsServer.start(host, port, s.metrics(), daemon::health)) {
                Thread hook = new Thread(() -> {
                    daemon.close();
                    stopped.countDown();
                }, "vigil-scheduler-shutdown");
                Runtime.getRuntime().addShutdownHook(hook);
                daemon.start((step, w) -> {
                    if (step.equals("committed")) {
                        synchronized (out) {
                            out.println("window " + w + " done");
                            out.flush();
                        }
                    }
                }, every);
                out.println("Serving the schedulers of " + home.path() + " (" + store.file() + "); http://" + host + ":" + http.port()
                        + "/health and /metrics. Stop with SIGTERM (Ctrl-C).");
                out.flush();
                stopped.await();
            }
            return 0;
        }
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    /** One execution as a line of text; a FAILED one says it is not retried, and how many input files were ignored. */
    static String line(Execution e) {
        return String.format(Locale.ROOT, "%s  (%s, %s]  %-7s  %d rows, %d anomalous%s", e.window().scheduledStart(), e.window().start(),
                e.window().end(), e.status(), e.rowsScored(), e.anomalousRows(),
                e.status() == ExecutionStatus.SUCCESS ? "  " + e.resultFile() : "  " + e.failedReason() + "  [not retried"
                        + (e.ignoredFiles() == 0 ? "" : "; " + e.ignoredFiles() + " input files ignored") + "]");
    }

    /** An option's instant, {@code null} when not given. */
    static Instant instant(String option, String text) {
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new VigilException(ErrorCode.INVALID_CONFIGURATION, option + " '" + text + "' is not an ISO 8601 instant; write e.g. "
                    + "2026-12-07T09:00:00Z");
        }
    }
}
