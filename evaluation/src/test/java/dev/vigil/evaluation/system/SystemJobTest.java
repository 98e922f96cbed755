package dev.vigil.evaluation.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.core.plugin.PluginRegistry;
import dev.vigil.core.prepare.OffCondition;
import dev.vigil.io.labels.LabelRanges;
import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.VigilException;
import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.spi.log.JobLog;
import dev.vigil.spi.settings.RowSelection;
import dev.vigil.spi.settings.RowUnit;
import dev.vigil.testing.SystemData;
import dev.vigil.testing.SystemDataGenerator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SystemJobTest {
    private static final PluginRegistry REGISTRY = PluginRegistry.load();

    @TempDir
    Path dir;

    @Test
    void aStoredModelDetectsExactlyWhatTheBuiltOneDoesWithItsSettings() {
        SystemData d = SystemDataGenerator.create().rows(3000).signals(5).faultsPerKind(1).modeChanges(1).seed(3).generate();
        TimeFrame frame = d.unlabelled();
        LabelRanges labels = SystemJob.labelsOf(d.frame(), d.label(), new JobLog());
        assertThat(labels.ranges()).hasSize(d.faults().size());
        SystemJobSettings settings = SystemJobSettings.DEFAULT.withModel("pca", Map.of()).withEvents(new EventRules(3, Duration.ofMinutes(1)))
                .withGroups(Map.of("s1", "motor")).withOffCondition(OffCondition.parse("s2>1e9"));
        SystemRun built = SystemJob.build(frame, RowSelection.first(1500, RowUnit.Sample), List.of(), null, settings, REGISTRY, new JobLog(),
                f -> { });
        assertThat(built.fitRows()).isEqualTo(1500);
        Path file = dir.resolve("m.json");
        built.model().write(file);
        SystemJobModel read = SystemJobModel.read(file, REGISTRY);
        assertThat(read.settings()).isEqualTo(built.model().settings());
        assertThat(read.inSampleTo()).isEqualTo(frame.time(1499));
        SystemRun fresh = SystemJob.detect(built.model(), frame, null, labels, new JobLog());
        SystemRun stored = SystemJob.detect(read, frame, null, labels, new JobLog());
        assertThat(stored.detection().rows()).isEqualTo(1500);
        assertThat(stored.detection().time()[0]).isEqualTo(frame.time(1500));
        assertThat(stored.detection().indicator()).containsExactly(fresh.detection().indicator());
        assertThat(stored.eventsJson()).isEqualTo(fresh.eventsJson());
        assertThat(stored.metrics()).isPresent();
        assertThat(stored.events()).allSatisfy(e -> assertThat(e.duration()).isGreaterThanOrEqualTo(Duration.ofMinutes(1)));
    }

    @Test
    void labelledRowsAreLeftOutOfTrainingAndTooFewRowsAreRefused() {
        SystemData d = SystemDataGenerator.create().rows(3000).signals(3).faultsPerKind(1).modeChanges(0).seed(5).generate();
        LabelRanges labels = SystemJob.labelsOf(d.frame(), d.label(), new JobLog());
        int labelled = 0;
        for (boolean b : labels.mask(d.frame().times())) {
            labelled += b ? 1 : 0;
        }
        SystemRun run = SystemJob.build(d.frame(), null, List.of(d.label()), labels, SystemJobSettings.DEFAULT.withModel("pca", Map.of()),
                REGISTRY, new JobLog(), f -> { });
        assertThat(run.fitRows()).isEqualTo(3000 - labelled);
        assertThat(run.detection().signals()).doesNotContain(d.label());
        assertThatThrownBy(() -> SystemJob.build(d.unlabelled(), RowSelection.first(10, RowUnit.Sample), List.of(), null,
                SystemJobSettings.DEFAULT, REGISTRY, new JobLog(), f -> { }))
                .isInstanceOfSatisfying(VigilException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INSUFFICIENT_DATA))
                .hasMessageContaining("Only 10 of the 10 selected rows");
        assertThatThrownBy(() -> SystemJob.build(d.unlabelled(), null, List.of("lable"), null, SystemJobSettings.DEFAULT, REGISTRY,
                new JobLog(), f -> { })).hasMessageContaining("has no column 'lable'");
    }

    @Test
    void detectRefusesDataWithoutASignalNamingIt() {
        SystemData d = SystemDataGenerator.create().rows(3000).signals(3).faultsPerKind(1).modeChanges(0).seed(5).generate();
        SystemRun run = SystemJob.build(d.unlabelled(), RowSelection.first(500, RowUnit.Sample), List.of(), null,
                SystemJobSettings.DEFAULT.withModel("eif", Map.of()), REGISTRY, new JobLog(), f -> { });
        TimeFrame without = d.unlabelled().without(List.of("s2"));
        assertThatThrownBy(() -> SystemJob.detect(run.model(), without, null, null, new JobLog()))
                .isInstanceOfSatisfying(VigilException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_COLUMN))
                .hasMessageContaining("'s2'");
    }
}
