package dev.vigil.evaluation.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.core.plugin.PluginRegistry;
import dev.vigil.core.prepare.OffCondition;
import dev.vigil.io.labels.LabelRanges;
import dev.vigil.evaluation.EventMetrics;
import dev.vigil.evaluation.ResultsEvaluation;
import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.SignalContributions;
import dev.vigil.spi.SystemModel;
import dev.vigil.spi.VigilException;
import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.spi.log.JobLog;
import dev.vigil.spi.settings.RowSelection;
import dev.vigil.spi.settings.RowUnit;
import dev.vigil.testing.SystemData;
import dev.vigil.testing.SystemDataGenerator;
import dev.vigil.system.IndicatorCalibration;
import dev.vigil.system.SystemDetection;
import dev.vigil.system.SystemDetector;
import java.nio.file.Path;
import java.util.ArrayList;
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

    @Test
    void detectScoresOnlyTheSelectedRowsAndTheRowsTheirIndicatorsNeedAndGetsTheScoresOfAWholeFrame() {
        SystemData d = SystemDataGenerator.create().rows(3000).signals(4).faultsPerKind(1).modeChanges(0).seed(11).generate();
        TimeFrame frame = d.unlabelled();
        SystemJobSettings settings = SystemJobSettings.DEFAULT.withCalibration(IndicatorCalibration.Settings.DEFAULT.withWindow(4));
        SystemRun built = SystemJob.build(frame, RowSelection.first(1500, RowUnit.Sample), List.of(), null, settings, REGISTRY, new JobLog(),
                f -> { });
        SystemDetector real = built.model().detector();
        int context = real.model().history() + 3;
        assertThat(real.model().history()).as("cross-regression reads lagged signals").isPositive();
        List<long[]> scored = new ArrayList<>();
        SystemJobModel recording = new SystemJobModel(new SystemDetector(new Recording(real.model(), scored), real.calibration()),
                built.model().settings(), built.model().inSampleFrom(), built.model().inSampleTo());
        RowSelection middle = RowSelection.ranges(List.of(new RowSelection.TimeRange(frame.instant(2000), frame.instant(2199))));
        SystemRun run = SystemJob.detect(recording, frame, middle, null, new JobLog());

        assertThat(run.detection().rows()).isEqualTo(200);
        assertThat(run.detection().time()[0]).isEqualTo(frame.time(2000));
        assertThat(scored).hasSize(1);
        assertThat(scored.get(0)).containsExactly(frame.time(2000 - context), frame.time(2199), 200 + context);
        SystemDetection whole = real.detect(frame);
        assertThat(run.detection().score()).containsExactly(java.util.Arrays.copyOfRange(whole.score(), 2000, 2200));
        // the indicator window's running sum rounds differently from another first row: equal up to the last bits
        double[] expected = java.util.Arrays.copyOfRange(whole.indicator(), 2000, 2200);
        for (int r = 0; r < 200; r++) {
            assertThat(run.detection().indicator()[r]).isCloseTo(expected[r], org.assertj.core.data.Offset.offset(1e-12 * (1 + expected[r])));
        }
        assertThat(run.detection().flags()).containsExactly(java.util.Arrays.copyOfRange(whole.flags(), 2000, 2200));

        SystemRun firstRows = SystemJob.detect(recording, frame, RowSelection.first(100, RowUnit.Sample), null, new JobLog());
        assertThat(scored.get(1)).as("no row after the selection, none before the frame").containsExactly(frame.time(0), frame.time(99), 100);
        assertThat(firstRows.detection().indicator()).containsExactly(java.util.Arrays.copyOfRange(whole.indicator(), 0, 100));
    }

    @Test
    void theBuildDoesNotScoreRowsAfterItsSelection() {
        SystemData d = SystemDataGenerator.create().rows(3000).signals(4).faultsPerKind(1).modeChanges(0).seed(13).generate();
        TimeFrame frame = d.unlabelled();
        SystemJobSettings eif = SystemJobSettings.DEFAULT.withModel("eif", Map.of());
        SystemRun whole = SystemJob.build(frame, RowSelection.first(1500, RowUnit.Sample), List.of(), null, eif, REGISTRY, new JobLog(), f -> { });
        SystemRun cut = SystemJob.build(frame.slice(0, 1500), null, List.of(), null, eif, REGISTRY, new JobLog(), f -> { });
        assertThat(whole.model().detector().state()).isEqualTo(cut.model().detector().state());
        assertThat(whole.detection().indicator()).containsExactly(cut.detection().indicator());
    }

    @Test
    void evaluatingTheResultsTableCountsExactlyTheEventsDetectReported() {
        SystemData d = SystemDataGenerator.create().rows(3000).signals(5).faultsPerKind(1).modeChanges(1).seed(3).generate();
        TimeFrame frame = d.unlabelled();
        LabelRanges labels = SystemJob.labelsOf(d.frame(), d.label(), new JobLog());
        double[] s1 = frame.values("s1");
        double threshold = java.util.Arrays.stream(s1).sorted().toArray()[s1.length / 10];
        for (EventRules rules : List.of(EventRules.DEFAULT, new EventRules(0, Duration.ZERO), new EventRules(8, Duration.ofMinutes(3)))) {
            SystemJobSettings settings = SystemJobSettings.DEFAULT.withModel("pca", Map.of()).withEvents(rules)
                    .withOffCondition(OffCondition.parse("s1<" + threshold));
            SystemRun built = SystemJob.build(frame, RowSelection.first(1500, RowUnit.Sample), List.of(), null, settings, REGISTRY, new JobLog(),
                    f -> { });
            SystemRun found = SystemJob.detect(built.model(), frame, null, labels, new JobLog());
            TimeFrame table = found.table(false);
            assertThat(table.columnNames()).contains(SystemRun.MACHINE_OFF);
            EventMetrics evaluated = ResultsEvaluation.of(table, labels, (t, flagged) -> SystemEvents.ofTable(t, flagged, rules)).events();
            EventMetrics reported = found.metrics().orElseThrow().events();
            assertThat(evaluated.detected()).as("rules %s", rules).isEqualTo(found.events().stream().map(SystemEvent::event).toList());
            assertThat(evaluated).isEqualTo(reported);
            EventMetrics runs = ResultsEvaluation.of(table, labels).events();
            if (rules.mergeGapRows() > 0) {
                assertThat(runs.detected().size()).as("raw runs are more than the merged events").isGreaterThan(evaluated.detected().size());
            }
        }
        SystemRun noOff = SystemJob.build(frame, RowSelection.first(1500, RowUnit.Sample), List.of(), null,
                SystemJobSettings.DEFAULT.withModel("pca", Map.of()), REGISTRY, new JobLog(), f -> { });
        assertThat(noOff.table(false).columnNames()).containsExactly("label", "anomaly_code", "anomaly_indicator", "score", "severity");
    }

    /** A model that records the span of every frame it scores: first and last timestamp, rows. */
    private record Recording(SystemModel model, List<long[]> scored) implements SystemModel {
        @Override
        public String factory() {
            return model.factory();
        }

        @Override
        public List<String> signals() {
            return model.signals();
        }

        @Override
        public int history() {
            return model.history();
        }

        @Override
        public Map<String, Object> parameters() {
            return model.parameters();
        }

        @Override
        public void score(TimeFrame frame, double[] out) {
            scored.add(new long[] {frame.time(0), frame.time(frame.rows() - 1), frame.rows()});
            model.score(frame, out);
        }

        @Override
        public SignalContributions contributions(TimeFrame frame, int[] rows) {
            return model.contributions(frame, rows);
        }

        @Override
        public Map<String, Object> state() {
            return model.state();
        }
    }
}
