package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Data that do not fit the Java heap: exit 2 with what to do, not an OutOfMemoryError (a child JVM with a small heap). */
class OutOfMemoryTest {
    @TempDir
    Path dir;

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES) // guards against a hang only
    void dataThatDoNotFitTheHeapExitTwoSayingHowToGiveJavaMoreMemory() throws IOException, InterruptedException {
        Path data = dir.resolve("big.csv");
        try (BufferedWriter w = Files.newBufferedWriter(data, StandardCharsets.UTF_8)) {
            w.write("timestamp,a,b,c,d,e,f,g,h\n");
            StringBuilder line = new StringBuilder();
            for (int r = 0; r < 600_000; r++) {
                line.setLength(0);
                line.append(1_700_000_000L + r);
                for (int c = 0; c < 8; c++) {
                    line.append(',').append(r % 997 + c).append('.').append(r % 13);
                }
                w.write(line.append('\n').toString());
            }
        }
        Process p = ChildVigil.start(List.of("-Xmx48m"), "build-model", "--data", data.toString(), "--model-out",
                dir.resolve("model.json").toString());
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(err).isEqualTo(2);
        String size = String.format(Locale.ROOT, "%,.0f MB", Files.size(data) / 1048576.0);
        assertThat(err).startsWith("vigil: the data did not fit in Java's memory (its limit is ")
                .contains("the input file is " + data + " (" + size + ")")
                .contains("Give Java more memory: VIGIL_JAVA_OPTS=-Xmx1g ./vigil …, or java -Xmx1g -jar vigil.jar …")
                .doesNotContain("OutOfMemoryError").doesNotContain("\tat ");
        assertThat(err.lines().count()).isEqualTo(1);
        assertThat(dir.resolve("model.json")).doesNotExist();
    }
}
