package dev.vigil.io.model;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.core.plugin.PluginRegistry;
import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.VigilException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model file edited and signed anew (its checksum recomputed) can hold any instant and duration: one
 * beyond the epoch milliseconds the jobs compute in is refused as a bad model, never an {@code
 * ArithmeticException} in the middle of a job; so is a file of bytes that are not text.
 */
class EditedModelFileTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path GOLDEN = Path.of("src/test/resources/golden/model-v1/model.json");

    @TempDir
    Path dir;

    @SuppressWarnings("unchecked")
    private Path edited(String key, String value) throws IOException {
        Map<String, Object> root = JSON.readValue(GOLDEN.toFile(), Map.class);
        Map<String, Object> model = (Map<String, Object>) root.get("model");
        if (key.startsWith("inSample.")) {
            ((Map<String, Object>) model.get("inSample")).put(key.substring(9), value);
        } else {
            model.put(key, value);
        }
        root.put("checksum", ModelFiles.checksum((Map<String, Object>) root.get("settings"), model));
        Path p = dir.resolve("model.json");
        JSON.writeValue(p.toFile(), root);
        return p;
    }

    @Test
    void anInstantBeyondTimestampsIsABadModel() throws IOException {
        Path p = edited("inSample.to", "+1000000000-01-01T00:00:00Z");
        assertThatThrownBy(() -> ModelFiles.read(p, PluginRegistry.load())).isInstanceOf(VigilException.class)
                .hasFieldOrPropertyWithValue("code", ErrorCode.BAD_MODEL).hasMessageContaining("beyond the range of timestamps");
    }

    @Test
    void anInSamplePeriodEndingBeforeItStartsIsABadModel() throws IOException {
        Path p = edited("inSample.to", "2001-01-01T00:00:00Z");
        assertThatThrownBy(() -> ModelFiles.read(p, PluginRegistry.load())).hasFieldOrPropertyWithValue("code", ErrorCode.BAD_MODEL)
                .hasMessageContaining("ends (2001-01-01T00:00:00Z) before it starts");
    }

    @Test
    void aSamplingPeriodThatIsNotPositiveIsABadModel() throws IOException {
        for (String period : new String[] {"PT0S", "PT-1H", "PT1000000000000000H"}) {
            Path p = edited("samplingPeriod", period);
            assertThatThrownBy(() -> ModelFiles.read(p, PluginRegistry.load())).as(period)
                    .hasFieldOrPropertyWithValue("code", ErrorCode.BAD_MODEL);
        }
    }

    @Test
    void aFileOfBytesThatAreNotTextIsNotAModelFile() throws IOException {
        Path p = Files.write(dir.resolve("model.json"), new byte[] {(byte) 0xFF, (byte) 0xFE, 0, 1, (byte) 0x80});
        assertThatThrownBy(() -> ModelFiles.read(p, PluginRegistry.load())).hasFieldOrPropertyWithValue("code", ErrorCode.BAD_MODEL)
                .hasMessage(p + " is not a Vigil model file: it is not UTF-8 text (a model file is JSON written by vigil build-model); "
                        + "was another file named?");
    }
}
