package dev.vigil.scheduler;

import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.VigilException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The schedulers, their execution records and events in one SQLite database, {@code <home>/scheduler.db}
 * (docs/scheduler.md#the-store says why SQLite): write-ahead log, every change one transaction, so a process
 * killed at any point leaves the store as it was after the last commit. Several processes may open it at once
 * (the CLI lists executions while a daemon runs); which process runs a scheduler is decided by {@link
 * SchedulerLock}, not here. The schema is versioned ({@link #SCHEMA_VERSION}); a store of another version is
 * refused with a message saying what to do. Thread-safe: one connection, every call synchronised.
 */
public final class SchedulerStore implements AutoCloseable {
    /** The schema this Vigil writes and reads. */
    public static final int SCHEMA_VERSION = 1;
    /** The store's file name in the home folder. */
    public static final String FILE = "scheduler.db";
    private final Path file;
    private final Connection db;

    private SchedulerStore(Path file, Connection db) {
        this.file = file;
        this.db = db;
    }

    /**
     * Opens the store in a home folder, creating both when missing.
     *
     * @throws VigilException {@link ErrorCode#BAD_MODEL} for a store of another schema version or a file that is
     *     not a Vigil scheduler store; {@link ErrorCode#IO_FAILURE} when it cannot be opened
     */
    public static SchedulerStore open(Path home) {
        Path file = home.resolve(FILE);
        try {
            Files.createDirectories(home);
        } catch (IOException e) {
            throw new VigilException(ErrorCode.IO_FAILURE, "Cannot create the scheduler home " + home + ": " + e.getMessage(), e);
        }
        Connection c;
        try {
            c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
        } catch (SQLException e) {
            throw new VigilException(ErrorCode.IO_FAILURE, "Cannot open the scheduler store " + file + ": " + e.getMessage(), e);
        }
        SchedulerStore store = new SchedulerStore(file, c);
        try {
            store.init();
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        return store;
    }

    private void init() {
        try (Statement s = db.createStatement()) {
            s.execute("PRAGMA busy_timeout=10000");
            s.execute("PRAGMA journal_mode=WAL");
            // NORMAL in WAL mode: a killed process loses nothing committed; only a power cut may roll back the last commits
            s.execute("PRAGMA synchronous=NORMAL");
            s.execute("PRAGMA foreign_keys=ON");
            db.setAutoCommit(false);
            List<String> tables = new ArrayList<>();
            try (ResultSet r = s.executeQuery("SELECT name FROM sqlite_master WHERE type='table'")) {
                while (r.next()) {
                    tables.add(r.getString(1));
                }
            }
            if (tables.isEmpty()) {
                create(s);
                db.commit();
                return;
            }
            if (!tables.contains("vigil_meta")) {
                throw new VigilException(ErrorCode.BAD_MODEL, file + " is an SQLite database but not a Vigil scheduler store (it has tables "
                        + tables + " and no vigil_meta); give another --home");
            }
            String version;
            try (ResultSet r = s.executeQuery("SELECT value FROM vigil_meta WHERE key='schemaVersion'")) {
                version = r.next() ? r.getString(1) : "none";
            }
            db.commit();
            if (!version.equals(Integer.toString(SCHEMA_VERSION))) {
                throw new VigilException(ErrorCode.BAD_MODEL, "The scheduler store " + file + " has schema version " + version + "; this Vigil reads "
                        + "version " + SCHEMA_VERSION + ". Run the Vigil that wrote it, or give another --home to start a new store (the results "
                        + "folders are not in the store and stay where they are)");
            }
        } catch (SQLException e) {
            throw new VigilException(ErrorCode.IO_FAILURE, "Cannot read the scheduler store " + file + ": " + e.getMessage()
                    + (e.getMessage() != null && e.getMessage().contains("NOTADB") ? " (the file is not an SQLite database)" : ""), e);
        }
    }

    private static void create(Statement s) throws SQLException {
        s.execute("CREATE TABLE vigil_meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)");
        s.execute("INSERT INTO vigil_meta VALUES('schemaVersion', '" + SCHEMA_VERSION + "')");
        s.execute("CREATE TABLE schedulers(name TEXT PRIMARY KEY, config TEXT NOT NULL, status TEXT NOT NULL, created_at INTEGER NOT NULL,"
                + " updated_at INTEGER NOT NULL, latest_result TEXT, last_window_end INTEGER, skipped_windows INTEGER NOT NULL DEFAULT 0,"
                + " model_state TEXT, open_event INTEGER, open_trailing INTEGER NOT NULL DEFAULT 0)");
        s.execute("CREATE TABLE executions(scheduler TEXT NOT NULL REFERENCES schedulers(name) ON DELETE CASCADE, data_end INTEGER NOT NULL,"
                + " data_start INTEGER NOT NULL, scheduled_start INTEGER NOT NULL, status TEXT NOT NULL, failed_reason TEXT, model TEXT NOT NULL,"
                + " model_version TEXT, output TEXT NOT NULL, result_key TEXT, rows_scored INTEGER NOT NULL, anomalous_rows INTEGER NOT NULL,"
                + " ignored_files INTEGER NOT NULL, PRIMARY KEY(scheduler, data_end))");
        s.execute("CREATE TABLE events(id INTEGER PRIMARY KEY AUTOINCREMENT, scheduler TEXT NOT NULL REFERENCES schedulers(name) ON DELETE CASCADE,"
                + " start_ms INTEGER NOT NULL, end_ms INTEGER NOT NULL, anomalous_rows INTEGER NOT NULL, peak_indicator REAL NOT NULL,"
                + " names TEXT NOT NULL, share_sums TEXT NOT NULL, explained INTEGER NOT NULL)");
        s.execute("CREATE INDEX events_by_time ON events(scheduler, start_ms)");
    }

    /** The store's file. */
    public Path file() {
        return file;
    }

    /** Runs work in one transaction: committed when it returns, rolled back when it throws. */
    private <T> T tx(SqlWork<T> work) {
        synchronized (this) {
            try {
                T out = work.run(db);
                db.commit();
                return out;
            } catch (SQLException e) {
                rollback();
                throw new VigilException(ErrorCode.IO_FAILURE, "The scheduler store " + file + " failed: " + e.getMessage(), e);
            } catch (RuntimeException e) {
                rollback();
                throw e;
            }
        }
    }

    private void rollback() {
        try {
            db.rollback();
        } catch (SQLException ignored) {
            // the connection is gone: the transaction is rolled back with it
        }
    }

    @FunctionalInterface
    private interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }

    /**
     * Adds a scheduler, {@code PENDING}.
     *
     * @throws VigilException {@link ErrorCode#INVALID_CONFIGURATION} when one of that name exists
     */
    public SchedulerRecord create(SchedulerConfig config, Instant now) {
        return tx(c -> {
            if (find(c, config.name()) != null) {
                throw new VigilException(ErrorCode.INVALID_CONFIGURATION, "A scheduler named '" + config.name() + "' exists already; describe it "
                        + "with vigil scheduler describe " + config.name() + ", or delete it first");
            }
            try (PreparedStatement p = c.prepareStatement("INSERT INTO schedulers(name, config, status, created_at, updated_at) VALUES(?,?,?,?,?)")) {
                p.setString(1, config.name());
                p.setString(2, Json.write(config.toMap()));
                p.setString(3, SchedulerStatus.PENDING.name());
                p.setLong(4, now.toEpochMilli());
                p.setLong(5, now.toEpochMilli());
                p.executeUpdate();
            }
            return find(c, config.name());
        });
    }

    /** The scheduler of that name, or {@code null}. */
    public SchedulerRecord find(String name) {
        return tx(c -> find(c, name));
    }

    /**
     * The scheduler of that name.
     *
     * @throws VigilException {@link ErrorCode#INVALID_CONFIGURATION} naming the schedulers there are
     */
    public SchedulerRecord get(String name) {
        SchedulerRecord r = find(name);
        if (r == null) {
            List<String> names = list().stream().map(SchedulerRecord::name).toList();
            throw new VigilException(ErrorCode.INVALID_CONFIGURATION, "There is no scheduler named '" + name + "' in " + file + "; "
                    + (names.isEmpty() ? "there are none (create one with vigil scheduler create)" : "there are " + String.join(", ", names)));
        }
        return r;
    }

    private static SchedulerRecord find(Connection c, String name) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT config, status, created_at, updated_at, latest_result, last_window_end, skipped_windows"
                + " FROM schedulers WHERE name=?")) {
            p.setString(1, name);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? record(r) : null;
            }
        }
    }

    private static SchedulerRecord record(ResultSet r) throws SQLException {
        long last = r.getLong(6);
        Instant lastEnd = r.wasNull() ? null : Instant.ofEpochMilli(last);
        return new SchedulerRecord(SchedulerConfig.fromMap(Json.readMap(r.getString(1), "A scheduler's configuration")),
                SchedulerStatus.valueOf(r.getString(2)), Instant.ofEpochMilli(r.getLong(3)), Instant.ofEpochMilli(r.getLong(4)), r.getString(5),
                lastEnd, r.getLong(7));
    }

    /** Every scheduler, by name. */
    public List<SchedulerRecord> list() {
        return tx(c -> {
            List<SchedulerRecord> out = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT config, status, created_at, updated_at, latest_result,"
                    + " last_window_end, skipped_windows FROM schedulers ORDER BY name")) {
                while (r.next()) {
                    out.add(record(r));
                }
            }
            return out;
        });
    }

    /**
     * Moves a scheduler to {@code to} if it is in one of {@code from}; returns whether it moved.
     */
    public boolean transition(String name, List<SchedulerStatus> from, SchedulerStatus to, Instant now) {
        return tx(c -> {
            SchedulerRecord r = find(c, name);
            if (r == null || !from.contains(r.status())) {
                return false;
            }
            try (PreparedStatement p = c.prepareStatement("UPDATE schedulers SET status=?, updated_at=? WHERE name=?")) {
                p.setString(1, to.name());
                p.setLong(2, now.toEpochMilli());
                p.setString(3, name);
                p.executeUpdate();
            }
            return true;
        });
    }

    /** Deletes a scheduler with its execution records and events; its results folders are not touched. */
    public void delete(String name) {
        tx(c -> {
            try (PreparedStatement p = c.prepareStatement("DELETE FROM schedulers WHERE name=?")) {
                p.setString(1, name);
                p.executeUpdate();
            }
            return null;
        });
    }

    /** What a scheduler carries from one window to the next: the model's state and the open event. */
    record Carry(String modelState, StoredEvent openEvent, int trailing) {
    }

    /** The state the next window of a scheduler starts from. */
    Carry carry(String name) {
        return tx(c -> {
            String state;
            long open;
            boolean hasOpen;
            int trailing;
            try (PreparedStatement p = c.prepareStatement("SELECT model_state, open_event, open_trailing FROM schedulers WHERE name=?")) {
                p.setString(1, name);
                try (ResultSet r = p.executeQuery()) {
                    if (!r.next()) {
                        throw new VigilException(ErrorCode.INVALID_CONFIGURATION, "There is no scheduler named '" + name + "'");
                    }
                    state = r.getString(1);
                    open = r.getLong(2);
                    hasOpen = !r.wasNull();
                    trailing = r.getInt(3);
                }
            }
            StoredEvent event = null;
            if (hasOpen) {
                try (PreparedStatement p = c.prepareStatement(EVENT_COLUMNS + " WHERE id=?")) {
                    p.setLong(1, open);
                    try (ResultSet r = p.executeQuery()) {
                        event = r.next() ? event(r) : null;
                    }
                }
            }
            return new Carry(state, event, trailing);
        });
    }

    /** Records an execution as started ({@code IN_PROGRESS}), replacing the record of an earlier try of the same window. */
    void begin(Execution e) {
        tx(c -> {
            upsert(c, e);
            return null;
        });
    }

    /**
     * Records an execution's outcome in one transaction: its record, and on success the carried state, the events
     * changed and the latest result; the scheduler's last window moves to this one either way.
     *
     * @param carry the state for the next window; {@code null}: unchanged (a failed window)
     * @param events the events changed; {@code null}: unchanged
     */
    void finish(Execution e, String carry, EventTracker.Update events, long skipped) {
        tx(c -> {
            upsert(c, e);
            Long openId = null;
            int trailing = 0;
            if (events != null) {
                for (int i = 0; i < events.changed().size(); i++) {
                    long id = save(c, events.changed().get(i));
                    if (i == events.open()) {
                        openId = id;
                        trailing = events.trailing();
                    }
                }
            }
            String sql = "UPDATE schedulers SET last_window_end=?, skipped_windows=skipped_windows+?"
                    + (e.status() == ExecutionStatus.SUCCESS ? ", latest_result=?, model_state=?, open_event=?, open_trailing=?" : "") + " WHERE name=?";
            try (PreparedStatement p = c.prepareStatement(sql)) {
                int k = 1;
                p.setLong(k++, e.window().end().toEpochMilli());
                p.setLong(k++, skipped);
                if (e.status() == ExecutionStatus.SUCCESS) {
                    p.setString(k++, e.anomalousRows() > 0 ? "ANOMALOUS" : "NORMAL");
                    p.setString(k++, carry);
                    if (openId == null) {
                        p.setNull(k++, Types.INTEGER);
                    } else {
                        p.setLong(k++, openId);
                    }
                    p.setInt(k++, trailing);
                }
                p.setString(k, e.scheduler());
                p.executeUpdate();
            }
            return null;
        });
    }

    private static void upsert(Connection c, Execution e) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT OR REPLACE INTO executions(scheduler, data_end, data_start, scheduled_start, status,"
                + " failed_reason, model, model_version, output, result_key, rows_scored, anomalous_rows, ignored_files) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
            p.setString(1, e.scheduler());
            p.setLong(2, e.window().end().toEpochMilli());
            p.setLong(3, e.window().start().toEpochMilli());
            p.setLong(4, e.window().scheduledStart().toEpochMilli());
            p.setString(5, e.status().name());
            p.setString(6, e.failedReason());
            p.setString(7, e.model());
            p.setString(8, e.modelVersion());
            p.setString(9, e.output().toString());
            p.setString(10, e.resultKey());
            p.setInt(11, e.rowsScored());
            p.setInt(12, e.anomalousRows());
            p.setInt(13, e.ignoredFiles());
            p.executeUpdate();
        }
    }

    private static long save(Connection c, StoredEvent e) throws SQLException {
        if (e.id() > 0) {
            try (PreparedStatement p = c.prepareStatement("UPDATE events SET start_ms=?, end_ms=?, anomalous_rows=?, peak_indicator=?, names=?,"
                    + " share_sums=?, explained=? WHERE id=?")) {
                fill(p, e, 1);
                p.setLong(8, e.id());
                p.executeUpdate();
            }
            return e.id();
        }
        try (PreparedStatement p = c.prepareStatement("INSERT INTO events(start_ms, end_ms, anomalous_rows, peak_indicator, names, share_sums,"
                + " explained, scheduler) VALUES(?,?,?,?,?,?,?,?)", Statement.RETURN_GENERATED_KEYS)) {
            fill(p, e, 1);
            p.setString(8, e.scheduler());
            p.executeUpdate();
            try (ResultSet k = p.getGeneratedKeys()) {
                k.next();
                return k.getLong(1);
            }
        }
    }

    private static void fill(PreparedStatement p, StoredEvent e, int from) throws SQLException {
        p.setLong(from, e.start());
        p.setLong(from + 1, e.end());
        p.setInt(from + 2, e.anomalousRows());
        p.setDouble(from + 3, e.peakIndicator());
        p.setString(from + 4, Json.write(e.names()));
        p.setString(from + 5, Json.write(e.shareSums()));
        p.setInt(from + 6, e.explained());
    }

    private static final String EVENT_COLUMNS =
            "SELECT id, scheduler, start_ms, end_ms, anomalous_rows, peak_indicator, names, share_sums, explained FROM events";

    private static StoredEvent event(ResultSet r) throws SQLException {
        try {
            List<String> names = List.of(Json.MAPPER.readValue(r.getString(7), String[].class));
            double[] sums = Json.MAPPER.readValue(r.getString(8), double[].class);
            return new StoredEvent(r.getLong(1), r.getString(2), r.getLong(3), r.getLong(4), r.getInt(5), r.getDouble(6), names, sums, r.getInt(9));
        } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
            throw new SQLException("event " + r.getLong(1) + " is corrupted: " + ex.getOriginalMessage(), ex);
        }
    }

    /**
     * A scheduler's executions, newest first (by {@code DataEndTime}): Lookout's {@code ListInferenceExecutions}.
     *
     * @param status only these ({@code null}: any)
     * @param dataStartAfter only those whose {@code DataStartTime} is at or after it ({@code null}: any)
     * @param dataEndBefore only those whose {@code DataEndTime} is at or before it ({@code null}: any)
     * @param max at most this many
     */
    public List<Execution> executions(String name, ExecutionStatus status, Instant dataStartAfter, Instant dataEndBefore, int max) {
        return tx(c -> {
            StringBuilder sql = new StringBuilder("SELECT data_end, data_start, scheduled_start, status, failed_reason, model, model_version, output,"
                    + " result_key, rows_scored, anomalous_rows, ignored_files FROM executions WHERE scheduler=?");
            if (status != null) {
                sql.append(" AND status=?");
            }
            if (dataStartAfter != null) {
                sql.append(" AND data_start>=?");
            }
            if (dataEndBefore != null) {
                sql.append(" AND data_end<=?");
            }
            sql.append(" ORDER BY data_end DESC LIMIT ?");
            List<Execution> out = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement(sql.toString())) {
                int k = 1;
                p.setString(k++, name);
                if (status != null) {
                    p.setString(k++, status.name());
                }
                if (dataStartAfter != null) {
                    p.setLong(k++, dataStartAfter.toEpochMilli());
                }
                if (dataEndBefore != null) {
                    p.setLong(k++, dataEndBefore.toEpochMilli());
                }
                p.setInt(k, max);
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        Window w = new Window(Instant.ofEpochMilli(r.getLong(2)), Instant.ofEpochMilli(r.getLong(1)), Instant.ofEpochMilli(r.getLong(3)));
                        out.add(new Execution(name, r.getString(6), r.getString(7), w, ExecutionStatus.valueOf(r.getString(4)), r.getString(5),
                                Path.of(r.getString(8)), r.getString(9), r.getInt(10), r.getInt(11), r.getInt(12)));
                    }
                }
            }
            return out;
        });
    }

    /** How many executions a scheduler has, per status. */
    public Map<ExecutionStatus, Long> counts(String name) {
        return tx(c -> {
            Map<ExecutionStatus, Long> out = new java.util.EnumMap<>(ExecutionStatus.class);
            for (ExecutionStatus s : ExecutionStatus.values()) {
                out.put(s, 0L);
            }
            try (PreparedStatement p = c.prepareStatement("SELECT status, count(*) FROM executions WHERE scheduler=? GROUP BY status")) {
                p.setString(1, name);
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        out.put(ExecutionStatus.valueOf(r.getString(1)), r.getLong(2));
                    }
                }
            }
            return out;
        });
    }

    /**
     * A scheduler's events in time order: Lookout's {@code ListInferenceEvents}, those ending at or after {@code
     * from} and starting before {@code to} ({@code null}: unbounded).
     */
    public List<StoredEvent> events(String name, Instant from, Instant to) {
        return tx(c -> {
            List<StoredEvent> out = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement(EVENT_COLUMNS + " WHERE scheduler=? AND end_ms>=? AND start_ms<? ORDER BY start_ms, id")) {
                p.setString(1, name);
                p.setLong(2, from == null ? Long.MIN_VALUE : from.toEpochMilli());
                p.setLong(3, to == null ? Long.MAX_VALUE : to.toEpochMilli());
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        out.add(event(r));
                    }
                }
            }
            return out;
        });
    }

    /** SQLite's own check of the file: {@code ok}, or what is wrong. */
    public String integrityCheck() {
        return tx(c -> {
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("PRAGMA integrity_check")) {
                return r.next() ? r.getString(1) : "no answer";
            }
        });
    }

    @Override
    public void close() {
        synchronized (this) {
            try {
                db.close();
            } catch (SQLException e) {
                throw new VigilException(ErrorCode.IO_FAILURE, "Cannot close the scheduler store " + file + ": " + e.getMessage(), e);
            }
        }
    }
}
