package dev.vigil.io.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.core.detection.AnomalyDetector;
import dev.vigil.core.detection.BuildResult;
import dev.vigil.core.detection.DetectionModel;
import dev.vigil.core.plugin.PluginRegistry;
import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.VigilException;
import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.spi.settings.RowSelection;
import dev.vigil.spi.settings.RowUnit;
import dev.vigil.testing.KpiDataGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFilesTest {
    private static TimeFrame frame;
    private static BuildResult built;

    @TempDir
    Path dir;

    @BeforeAll
    static void build() {
        frame = KpiDataGenerator.create().rows(3000).seed(11).generate().unlabelled();
        built = AnomalyDetector.builder().kpi("kpi").rows(RowSelection.first(2000, RowUnit.Sample)).build().build(frame);
    }

    private Path written() {
        Path p = dir.resolve("model.json");
        ModelFiles.write(built.model(), p);
        return p;
    }

    private static void refused(ThrowingCallable call, String message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(VigilException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_MODEL))
                .hasMessageContaining(message);
    }

    @Test
    void aModelReadBackDetectsBitForBitTheSame() {
        DetectionModel read = ModelFiles.read(written(), PluginRegistry.load());
        assertThat(read.settings()).isEqualTo(built.model().settings());
        assertThat(read.detect(frame).table().values("normal_behavior"))
                .containsExactly(built.model().detect(frame).table().values("normal_behavior"));
        for (String indicator : built.inSample().indicatorColumns()) { // calibrated above 1 by the stored tail of in-sample scores
            assertThat(read.detect(frame).table().values(indicator)).as(indicator)
                    .containsExactly(built.model().detect(frame).table().values(indicator));
        }
        assertThat(read.normalBehavior().summary()).isEqualTo(built.model().normalBehavior().summary());
        // the decision rule's rarities are stored: read back, the rule and every anomaly code are the same
        assertThat(read.anomalousBehavior().decisionRule()).isEqualTo(built.model().anomalousBehavior().decisionRule());
        assertThat(read.detect(frame).table().values("anomaly_code")).containsExactly(built.model().detect(frame).table().values("anomaly_code"));
    }

    @Test
    void anEditedModelIsRefused() throws IOException {
        Path p = written();
        String text = Files.readString(p);
        String edited = text.replaceFirst("\"beta\" : (-?)(\\d)", "\"beta\" : $19$2");
        assertThat(edited).isNotEqualTo(text);
        Files.writeString(p, edited);
        refused(() -> ModelFiles.read(p, PluginRegistry.load()), "does not match its checksum: it was edited or corrupted");
    }

    @Test
    void aTruncatedModelIsRefused() throws IOException {
        Path p = written();
        String text = Files.readString(p);
        Files.writeString(p, text.substring(0, text.length() / 2));
        refused(() -> ModelFiles.read(p, PluginRegistry.load()), "is not valid JSON");
    }

    @Test
    void aModelFromANewerVersionIsRefused() throws IOException {
        Path p = written();
        Files.writeString(p, Files.readString(p).replace("\"vigilModelVersion\" : 1", "\"vigilModelVersion\" : 7"));
        refused(() -> ModelFiles.read(p, PluginRegistry.load()), "has model version 7, written by a newer Vigil; this Vigil reads "
                + "model versions up to 1");
    }

    @Test
    void otherJsonIsNotAModel() throws IOException {
        Path p = dir.resolve("config.json");
        Files.writeString(p, "{\"configuration\": {}}");
        refused(() -> ModelFiles.read(p, PluginRegistry.load()), "is not a Vigil model file");
        assertThatThrownBy(() -> ModelFiles.read(dir.resolve("missing.json"), PluginRegistry.load()))
                .isInstanceOfSatisfying(VigilException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.FILE_NOT_FOUND));
    }

    @Test
    void aModelNeedingAMissingPluginSaysWhich() {
        Path p = written();
        assertThatThrownBy(() -> ModelFiles.read(p, PluginRegistry.empty()))
                .isInstanceOfSatisfying(VigilException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_PLUGIN));
    }
}
