package dev.vigil.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class WindowTest {
    private static SchedulerConfig config(int minutes, int delay, String start) {
        return new SchedulerConfig("w", Path.of("m"), Path.of("in"), Path.of("out"), Duration.ofMinutes(minutes), Duration.ofMinutes(delay),
                ZoneOffset.UTC, NameFormat.COMPACT, "_", Instant.parse(start), 288);
    }

    /** Reference §5.6's table: the first run after 09:00 for each frequency, with delay 0 and 5. */
    @Test
    void theFirstRunAfterNineIsLookoutsForEveryFrequencyAndDelay() {
        int[] f = {5, 10, 15, 30, 60};
        String[] delay0 = {"09:05", "09:10", "09:15", "09:30", "10:00"};
        String[] delay5 = {"09:10", "09:15", "09:20", "09:35", "10:05"};
        for (int i = 0; i < f.length; i++) {
            Window w0 = Window.ending(Window.firstEnd(config(f[i], 0, "2026-12-07T09:00:00Z")), config(f[i], 0, "2026-12-07T09:00:00Z"));
            Window w5 = Window.ending(Window.firstEnd(config(f[i], 5, "2026-12-07T09:00:00Z")), config(f[i], 5, "2026-12-07T09:00:00Z"));
            assertThat(w0.scheduledStart()).as("f=%d delay 0", f[i]).isEqualTo(Instant.parse("2026-12-07T" + delay0[i] + ":00Z"));
            assertThat(w5.scheduledStart()).as("f=%d delay 5", f[i]).isEqualTo(Instant.parse("2026-12-07T" + delay5[i] + ":00Z"));
            assertThat(w0.start()).isEqualTo(Instant.parse("2026-12-07T09:00:00Z"));
            assertThat(Duration.between(w5.start(), w5.end())).isEqualTo(Duration.ofMinutes(f[i]));
        }
    }

    @Test
    void theDelayShiftsWhenAWindowRunsNotWhichDataItCovers() {
        // API example: f = 10, delay 5, now 09:08: the scheduler would have woken at 09:10 but checks at 09:15
        SchedulerConfig c = config(10, 5, "2026-12-07T09:08:00Z");
        Window first = Window.ending(Window.firstEnd(c), c);
        assertThat(first.start()).isEqualTo(Instant.parse("2026-12-07T09:00:00Z"));
        assertThat(first.end()).isEqualTo(Instant.parse("2026-12-07T09:10:00Z"));
        assertThat(first.scheduledStart()).isEqualTo(Instant.parse("2026-12-07T09:15:00Z"));
        assertThat(first.folder()).isEqualTo("2026-12-07T09:15:00Z");
        assertThat(Window.due(c, null, Instant.parse("2026-12-07T09:14:59Z"), 288).windows()).isEmpty();
        assertThat(Window.due(c, null, Instant.parse("2026-12-07T09:15:00Z"), 288).windows()).containsExactly(first);
    }

    @Test
    void dueWindowsAreConsecutiveOldestFirstAndTheCapKeepsTheNewest() {
        SchedulerConfig c = config(5, 0, "2026-12-07T09:00:00Z");
        Window.Due due = Window.due(c, Instant.parse("2026-12-07T09:05:00Z"), Instant.parse("2026-12-07T10:02:00Z"), 288);
        assertThat(due.windows()).hasSize(11);
        for (int i = 1; i < due.windows().size(); i++) {
            assertThat(due.windows().get(i).start()).isEqualTo(due.windows().get(i - 1).end());
        }
        assertThat(due.windows().get(0).end()).isEqualTo(Instant.parse("2026-12-07T09:10:00Z"));
        assertThat(due.windows().get(10).end()).isEqualTo(Instant.parse("2026-12-07T10:00:00Z"));
        Window.Due capped = Window.due(c, Instant.parse("2026-12-07T09:05:00Z"), Instant.parse("2026-12-07T10:02:00Z"), 3);
        assertThat(capped.skipped()).isEqualTo(8);
        assertThat(capped.windows()).containsExactlyElementsOf(due.windows().subList(8, 11));
    }
}
