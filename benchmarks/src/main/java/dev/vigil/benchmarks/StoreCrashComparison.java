package dev.vigil.benchmarks;

import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Random;

/**
 * The evidence behind the scheduler's store (docs/scheduler.md#the-store): the two embedded databases served, H2 and
 * SQLite, each killed with SIGKILL 50 times. A child process commits, per step, an {@code IN_PROGRESS} row, then the row's
 * {@code SUCCESS} with a counter, and prints the step once committed; the parent kills it after a seeded random number
 * of steps and checks that every step it printed is in the store, that the rows agree with the counter, and (SQLite)
 * {@code integrity_check}; and whether a second process can open the store while the first writes.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar dev.vigil.benchmarks.StoreCrashComparison {h2|h2-nodelay|sqlite} [kills]}
 */
public final class StoreCrashComparison {
    private StoreCrashComparison() {
    }

    private static String url(String kind, Path dir) {
        return switch (kind) {
            case "h2" -> "jdbc:h2:file:" + dir.resolve("store").toAbsolutePath();
            case "h2-nodelay" -> "jdbc:h2:file:" + dir.resolve("store").toAbsolutePath() + ";WRITE_DELAY=0";
            default -> "jdbc:sqlite:" + dir.resolve("store.db").toAbsolutePath();
        };
    }

    private static Connection open(String kind, Path dir) throws SQLException {
        Connection c = DriverManager.getConnection(url(kind, dir));
        try (Statement s = c.createStatement()) {
            if (kind.equals("sqlite")) { // as SchedulerStore opens it
                s.execute("PRAGMA busy_timeout=10000");
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA synchronous=NORMAL");
            }
            s.execute("CREATE TABLE IF NOT EXISTS executions(k BIGINT PRIMARY KEY, status VARCHAR(20), payload VARCHAR(4000))");
            s.execute("CREATE TABLE IF NOT EXISTS counter(id INT PRIMARY KEY, n BIGINT)");
        }
        c.setAutoCommit(false);
        return c;
    }

    public static void main(String[] args) throws Exception {
        if (args[0].equals("child")) {
            child(args[1], Path.of(args[2]));
            return;
        }
        String kind = args[0];
        int kills = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        Path dir = Files.createTempDirectory("vigil-store-" + kind);
        Random random = new Random(7);
        long committed = 0;
        int lost = 0;
        long mostLost = 0;
        int inconsistent = 0;
        String second = "";
        long t0 = System.nanoTime();
        for (int t = 0; t < kills; t++) {
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                    System.getProperty("java.class.path"), StoreCrashComparison.class.getName(), "child", kind, dir.toString())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream()));
            int after = 1 + random.nextInt(200);
            long seen = committed;
            for (int i = 0; i < after; i++) {
                String line = in.readLine();
                if (line == null) {
                    break;
                }
                seen = Long.parseLong(line.substring("committed ".length()));
            }
            if (t == 0) {
                try (Connection c2 = open(kind, dir); Statement s = c2.createStatement(); ResultSet r = s.executeQuery("SELECT count(*) FROM executions")) {
                    r.next();
                    second = "a second process opened it while the first wrote";
                } catch (SQLException e) {
                    second = "a second process was refused: " + e.getMessage().split("\n")[0];
                }
            }
            p.destroyForcibly();
            p.waitFor();
            try (Connection c = open(kind, dir); Statement s = c.createStatement()) {
                long rows;
                long max;
                long success;
                long counter;
                try (ResultSet r = s.executeQuery("SELECT count(*), coalesce(max(k), 0), sum(CASE WHEN status='SUCCESS' THEN 1 ELSE 0 END) FROM executions")) {
                    r.next();
                    rows = r.getLong(1);
                    max = r.getLong(2);
                    success = r.getLong(3);
                }
                try (ResultSet r = s.executeQuery("SELECT n FROM counter WHERE id=1")) {
                    counter = r.next() ? r.getLong(1) : 0;
                }
                if (kind.equals("sqlite")) {
                    try (ResultSet r = s.executeQuery("PRAGMA integrity_check")) {
                        r.next();
                        inconsistent += r.getString(1).equals("ok") ? 0 : 1;
                    }
                }
                if (counter < seen) {
                    lost++;
                    mostLost = Math.max(mostLost, seen - counter);
                }
                // an IN_PROGRESS row after the counter is legal (killed between the two commits)
                if (success != counter || max > counter + 1 || rows != max) {
                    inconsistent++;
                }
                s.executeUpdate("DELETE FROM executions WHERE k > " + counter);
                c.commit();
                committed = counter;
            }
        }
        System.out.printf(Locale.ROOT, "%s: %d kills; acknowledged commits lost after %d of them (at most %d); %d inconsistent; %d steps kept; %.1f s; %s%n",
                kind, kills, lost, mostLost, inconsistent, committed, (System.nanoTime() - t0) / 1e9, second);
    }

    private static void child(String kind, Path dir) throws SQLException {
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true);
        try (Connection c = open(kind, dir)) {
            long k;
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT n FROM counter WHERE id=1")) {
                k = r.next() ? r.getLong(1) : 0;
            }
            String payload = "x".repeat(2000);
            String upsert = kind.equals("sqlite") ? "INSERT OR REPLACE INTO counter VALUES(1, ?)" : "MERGE INTO counter KEY(id) VALUES(1, ?)";
            while (true) {
                k++;
                try (PreparedStatement p = c.prepareStatement("INSERT INTO executions VALUES(?,?,?)")) {
                    p.setLong(1, k);
                    p.setString(2, "IN_PROGRESS");
                    p.setString(3, payload);
                    p.executeUpdate();
                }
                c.commit();
                try (PreparedStatement p = c.prepareStatement("UPDATE executions SET status='SUCCESS' WHERE k=?")) {
                    p.setLong(1, k);
                    p.executeUpdate();
                }
                try (PreparedStatement p = c.prepareStatement(upsert)) {
                    p.setLong(1, k);
                    p.executeUpdate();
                }
                c.commit();
                out.println("committed " + k);
            }
        }
    }
}
