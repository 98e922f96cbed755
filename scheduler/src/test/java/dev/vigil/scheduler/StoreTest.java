package dev.vigil.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.evaluation.Event;
import dev.vigil.evaluation.system.EventRules;
import dev.vigil.evaluation.system.SystemEvents;
import dev.vigil.evaluation.window.Scored;
import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.VigilException;
import dev.vigil.testing.Trials;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreTest {
    @TempDir
    Path dir;

    @Test
    void aStoreOfAnotherSchemaVersionOrAnotherDatabaseIsRefusedWithWhatToDo() throws Exception {
        SchedulerStore.open(dir).close();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(SchedulerStore.FILE)); Statement s = c.createStatement()) {
            s.execute("UPDATE vigil_meta SET value='2' WHERE key='schemaVersion'");
        }
        assertThatThrownBy(() -> SchedulerStore.open(dir)).isInstanceOfSatisfying(VigilException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_MODEL))
                .hasMessageContaining("has schema version 2; this Vigil reads version 1. Run the Vigil that wrote it, or give another --home");
        Path other = dir.resolve("other");
        Files.createDirectories(other);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + other.resolve(SchedulerStore.FILE)); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t(x)");
        }
        assertThatThrownBy(() -> SchedulerStore.open(other)).hasMessageContaining("is an SQLite database but not a Vigil scheduler store");
        Path garbage = dir.resolve("garbage");
        Files.createDirectories(garbage);
        Files.writeString(garbage.resolve(SchedulerStore.FILE), "not a database, just text that is long enough to be looked at".repeat(20));
        assertThatThrownBy(() -> SchedulerStore.open(garbage)).isInstanceOf(VigilException.class).hasMessageContaining(SchedulerStore.FILE);
    }

    /**
     * Anomalous rows cut into windows at random and merged window by window with the open event carried over give the
     * events of merging all rows at once: an event spanning windows stays one.
     */
    @Test
    void eventsMergedWindowByWindowAreThoseOfAllRowsAtOnce() {
        Trials.forAll(181, Trials.count(200), random -> {
            int n = 20 + random.nextInt(200);
            int gap = random.nextInt(4);
            long[] times = new long[n];
            boolean[] flags = new boolean[n];
            boolean[] off = new boolean[n];
            for (int r = 0; r < n; r++) {
                times[r] = 60_000L * r;
                flags[r] = random.nextInt(4) == 0;
                off[r] = !flags[r] && random.nextInt(25) == 0;
            }
            List<Event> all = SystemEvents.merge(times, flags, off, new EventRules(gap, java.time.Duration.ZERO));
            StoredEvent open = null;
            int trailing = 0;
            List<StoredEvent> events = new ArrayList<>();
            int from = 0;
            while (from < n) {
                int to = Math.min(n, from + 1 + random.nextInt(12));
                int m = to - from;
                double[][] shares = new double[m][];
                double[] indicator = new double[m];
                for (int i = 0; i < m; i++) {
                    indicator[i] = flags[from + i] ? 2 : 0.5;
                    shares[i] = flags[from + i] ? new double[] {0.25, 0.75} : null;
                }
                Scored s = new Scored(java.util.Arrays.copyOfRange(times, from, to), java.util.Arrays.copyOfRange(flags, from, to),
                        java.util.Arrays.copyOfRange(off, from, to), indicator, List.of("a\\x", "b\\y"), shares, "{}",
                        new EventRules(gap, java.time.Duration.ZERO));
                EventTracker.Update u = EventTracker.update("s", open, trailing, s);
                StoredEvent nextOpen = null;
                for (int i = 0; i < u.changed().size(); i++) {
                    StoredEvent e = u.changed().get(i);
                    StoredEvent saved = e.id() > 0 ? e : new StoredEvent(events.size() + 1, e.scheduler(), e.start(), e.end(), e.anomalousRows(),
                            e.peakIndicator(), e.names(), e.shareSums(), e.explained());
                    if (e.id() > 0) {
                        events.set((int) e.id() - 1, saved);
                    } else {
                        events.add(saved);
                    }
                    if (i == u.open()) {
                        nextOpen = saved;
                    }
                }
                open = nextOpen;
                trailing = u.trailing();
                from = to;
            }
            assertThat(events).extracting(e -> List.of(e.start(), e.end())).containsExactlyElementsOf(all.stream()
                    .map(e -> List.of(e.start(), e.end())).toList());
            for (int k = 0; k < all.size(); k++) {
                int rows = 0;
                for (int r = all.get(k).firstRow(); r <= all.get(k).lastRow(); r++) {
                    rows += flags[r] ? 1 : 0;
                }
                assertThat(events.get(k).anomalousRows()).isEqualTo(rows);
                assertThat(events.get(k).diagnostics()).containsExactly(0.25, 0.75);
            }
        });
    }
}
