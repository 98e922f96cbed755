package dev.vigil.io.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.core.plugin.PluginRegistry;
import dev.vigil.core.detection.AnomalyDetector;
import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.SystemModelFactory;
import dev.vigil.spi.SystemProblem;
import dev.vigil.spi.VigilException;
import dev.vigil.spi.log.JobLog;
import dev.vigil.spi.settings.RowSelection;
import dev.vigil.spi.settings.RowUnit;
import dev.vigil.system.IndicatorCalibration;
import dev.vigil.system.SystemDetector;
import dev.vigil.testing.KpiDataGenerator;
import dev.vigil.testing.SystemData;
import dev.vigil.testing.SystemDataGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SystemModelFilesTest {
    private static final PluginRegistry REGISTRY = PluginRegistry.load();
    private static final SystemData DATA = SystemDataGenerator.create().rows(3_000).signals(5).factors(2).faultsPerKind(1).modeChanges(1)
            .faultLength(40).seed(5).generate();

    @TempDir
    Path dir;

    private static SystemDetector built(String model) {
        SystemModelFactory factory = REGISTRY.systemModel(model);
        return SystemDetector.build(factory, new SystemProblem(DATA.unlabelled(), DATA.signals(), DATA.training(), Map.of(), 9, REGISTRY,
                new JobLog()), IndicatorCalibration.Settings.sensitivity(1));
    }

    @Test
    void everySystemModelReadBackDetectsBitForBitTheSame() {
        for (String model : new String[] {"eif", "pca", "mset", "cross-regression"}) {
            SystemDetector d = built(model);
            Path file = dir.resolve(model + ".json");
            SystemModelFiles.write(d, file);
            assertThat(ModelFiles.approach(file)).isEqualTo("system-driven");
            SystemDetector read = SystemModelFiles.read(file, REGISTRY);
            assertThat(read.calibration()).isEqualTo(d.calibration());
            assertThat(read.model().parameters()).isEqualTo(d.model().parameters());
            assertThat(read.detect(DATA.unlabelled()).score()).as(model).containsExactly(d.detect(DATA.unlabelled()).score());
        }
    }

    @Test
    void theWrongApproachAndAnEditedFileAreRefusedSayingWhy() throws IOException {
        Path file = dir.resolve("pca.json");
        SystemModelFiles.write(built("pca"), file);
        assertThatThrownBy(() -> ModelFiles.read(file, REGISTRY)).isInstanceOfSatisfying(VigilException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_MODEL)).hasMessageContaining("holds a system-driven model")
                .hasMessageContaining("SystemModelFiles");
        Files.writeString(file, Files.readString(file).replaceFirst("\"qLimit\" : ", "\"qLimit\" : 1"));
        assertThatThrownBy(() -> SystemModelFiles.read(file, REGISTRY)).hasMessageContaining("does not match its checksum");

        Path kpi = dir.resolve("kpi.json");
        ModelFiles.write(AnomalyDetector.builder().kpi("kpi").rows(RowSelection.first(1500, RowUnit.Sample)).build()
                .build(KpiDataGenerator.create().rows(2000).seed(2).generate().unlabelled()).model(), kpi);
        assertThat(ModelFiles.approach(kpi)).isEqualTo("kpi-driven");
        assertThatThrownBy(() -> SystemModelFiles.read(kpi, REGISTRY)).hasMessageContaining("holds a kpi-driven model");
    }
}
