package dev.vigil.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.scheduler.StoredEvent;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchedulerExampleTest {
    @TempDir
    Path dir;

    @Test
    void theScheduledPumpFindsTheFirstFaultAsAnEvent() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        List<StoredEvent> events = SchedulerExample.run(dir, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("36 windows run: 36 SUCCESS").contains("\"prediction\":1").contains("\"prediction_reason\":\"ANOMALY_DETECTED\"");
        assertThat(events).isNotEmpty();
        assertThat(dir.resolve("home").resolve("scheduler.db")).exists();
    }

    @Test
    void runTwiceOnTheSameFolderItStartsClean() throws Exception {
        SchedulerExample.run(dir, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        List<StoredEvent> events = SchedulerExample.run(dir, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("Deleted the scheduler 'pump' of a previous run").contains("36 windows run: 36 SUCCESS");
        assertThat(events).isNotEmpty();
    }
}
