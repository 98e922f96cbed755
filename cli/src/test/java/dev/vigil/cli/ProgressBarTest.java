package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProgressBarTest {
    private static void feed(ProgressBar bar) {
        bar.progress("Preparing data", 0);
        bar.progress("Modelling normal behaviour", 0.42);
        bar.progress("Modelling normal behaviour", 0.421); // the same percent and stage: not redrawn
        bar.progress("Done", 1);
    }

    @Test
    void anInteractiveBarRedrawsInPlaceEndsAtOneHundredPercentAndClearsItself() {
        StringWriter text = new StringWriter();
        ProgressBar bar = new ProgressBar(new PrintWriter(text), true);
        feed(bar);
        String drawn = text.toString();
        String[] frames = drawn.substring(1).split("\r");
        assertThat(frames).hasSize(3);
        assertThat(frames[0]).startsWith("[" + " ".repeat(30) + "]   0% Preparing data");
        assertThat(frames[1]).startsWith("[" + "=".repeat(12) + " ".repeat(18) + "]  42% Modelling normal behaviour");
        assertThat(frames[2]).startsWith("[" + "=".repeat(30) + "] 100% Done");
        bar.finish();
        assertThat(text.toString()).startsWith(drawn).endsWith("\r");
        assertThat(text.toString().substring(drawn.length())).isBlank();
    }

    @Test
    void aBarThatIsNotInteractiveRendersNothing() {
        StringWriter text = new StringWriter();
        ProgressBar bar = new ProgressBar(new PrintWriter(text), false);
        feed(bar);
        bar.finish();
        assertThat(text.toString()).isEmpty();
    }

    @Test
    void onlyTheProcesssStandardErrorOnATerminalGetsABar() {
        StringWriter text = new StringWriter();
        ProgressBar bar = ProgressBar.on(new PrintWriter(text)); // a writer of the caller's: never a terminal
        feed(bar);
        assertThat(text.toString()).isEmpty();
    }

    @Test
    void aDescriptorIsATerminalWhenItsLinkPointsAtATerminalDevice(@TempDir Path dir) throws IOException {
        Path tty = Files.createSymbolicLink(dir.resolve("2"), Path.of("/dev/pts/3"));
        Path file = Files.createSymbolicLink(dir.resolve("2-file"), dir.resolve("err.log"));
        Path pipe = Files.createSymbolicLink(dir.resolve("2-pipe"), Path.of("pipe:[12345]"));
        assertThat(ProgressBar.isTerminal(tty)).isTrue();
        assertThat(ProgressBar.isTerminal(file)).isFalse();
        assertThat(ProgressBar.isTerminal(pipe)).isFalse();
    }
}
