package dev.vigil.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class EventTest {
    private static final long[] TIMES = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};

    @Test
    void runsOfFlaggedRowsAreEvents() {
        boolean[] flags = {false, true, true, false, true, false, false, false, false, true, true, true};
        List<Event> events = Event.runs(TIMES, flags);
        assertThat(events).containsExactly(new Event(1, 2, 1, 2), new Event(4, 4, 4, 4), new Event(9, 11, 9, 11));
        assertThat(events.get(2).rows()).isEqualTo(3);
    }

    @Test
    void eventsWithinTheGapMerge() {
        List<Event> events = Event.runs(TIMES, new boolean[] {false, true, true, false, true, false, false, false, false, true, true, true});
        assertThat(Event.merge(events, 0)).isEqualTo(events);
        assertThat(Event.merge(events, 1)).containsExactly(new Event(1, 4, 1, 4), new Event(9, 11, 9, 11));
        assertThat(Event.merge(events, 4)).containsExactly(new Event(1, 11, 1, 11));
        assertThat(Event.merge(List.of(), 3)).isEmpty();
        assertThatThrownBy(() -> Event.merge(events, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
