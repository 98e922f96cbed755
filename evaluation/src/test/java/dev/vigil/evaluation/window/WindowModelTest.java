package dev.vigil.evaluation.window;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.core.detection.AnomalyDetector;
import dev.vigil.core.detection.DetectionModel;
import dev.vigil.core.plugin.PluginRegistry;
import dev.vigil.core.stream.DetectionStream;
import dev.vigil.evaluation.system.SystemJob;
import dev.vigil.evaluation.system.SystemJobSettings;
import dev.vigil.evaluation.system.SystemRun;
import dev.vigil.io.model.ModelFiles;
import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.VigilException;
import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.spi.log.JobLog;
import dev.vigil.spi.settings.RowSelection;
import dev.vigil.spi.settings.RowUnit;
import dev.vigil.testing.KpiDataGenerator;
import dev.vigil.testing.SystemDataGenerator;
import dev.vigil.testing.Trials;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rows scored in windows of any size, the state handed on as a string, answer as one run over all of them. */
class WindowModelTest {
    private static final PluginRegistry REGISTRY = PluginRegistry.load();
    private static TimeFrame kpiData;
    private static DetectionModel kpiModel;
    private static TimeFrame systemData;
    private static SystemRun systemBuilt;

    @TempDir
    Path dir;

    @BeforeAll
    static void models() {
        kpiData = KpiDataGenerator.create().rows(2600).period(Duration.ofMinutes(1)).seed(11).anomalies(4, 0, 0, 0).anomaliesBetween(0.8, 1)
                .generate().unlabelled();
        kpiModel = AnomalyDetector.builder().kpi("kpi").rows(RowSelection.first(2000, RowUnit.Sample)).build().build(kpiData).model();
        systemData = SystemDataGenerator.create().rows(3000).signals(4).faultsPerKind(1).modeChanges(0).seed(11).generate().unlabelled();
        systemBuilt = SystemJob.build(systemData, RowSelection.first(1500, RowUnit.Sample), List.of(), null, SystemJobSettings.DEFAULT, REGISTRY,
                new JobLog(), f -> { });
    }

    @Test
    void aKpiModelScoredInAnyWindowsAnswersBitForBitAsOneStreamOverEveryRow() throws Exception {
        Path file = dir.resolve("kpi.json");
        ModelFiles.write(kpiModel, file);
        WindowModel model = WindowModel.read(file, REGISTRY);
        assertThat(model.approach()).isEqualTo("kpi-driven");
        assertThat(model.version()).isEqualTo(ModelFiles.checksumOf(file));
        assertThat(model.columns()).first().isEqualTo("kpi");
        assertThat(model.components()).isEmpty();
        DetectionStream stream = DetectionStream.of(kpiModel, ZoneOffset.UTC, DetectionStream.LateRows.SKIP);
        List<Long> times = new ArrayList<>();
        List<Boolean> flags = new ArrayList<>();
        List<Double> indicators = new ArrayList<>();
        double[] values = new double[stream.columns().size()];
        for (int r = 2000; r < kpiData.rows(); r++) {
            for (int c = 0; c < values.length; c++) {
                values[c] = kpiData.values(stream.columns().get(c))[r];
            }
            stream.push(kpiData.time(r), values, row -> {
                times.add(row.time());
                flags.add(row.anomalous());
                double max = Double.NaN;
                for (int k = 0; k < stream.perspectives().size(); k++) {
                    double v = row.indicator(k);
                    max = Double.isNaN(v) ? max : Double.isNaN(max) ? v : Math.max(max, v);
                }
                indicators.add(max);
            });
        }
        assertThat(flags).contains(true);
        TimeFrame batch = kpiModel.detect(kpiData.slice(2000, kpiData.rows())).table();
        Trials.forAll(19, 3, random -> {
            Scored all = scoreInWindows(model, kpiData, 1999, kpiData.rows() - 1, random);
            assertThat(all.time()).containsExactly(times.stream().mapToLong(Long::longValue).toArray());
            assertThat(bits(all.indicator())).containsExactly(bits(indicators.stream().mapToDouble(Double::doubleValue).toArray()));
            for (int i = 0; i < all.rows(); i++) {
                assertThat(all.anomalous()[i]).as("row %d", i).isEqualTo(flags.get(i));
                assertThat(all.off()[i]).isFalse();
                if (all.anomalous()[i]) {
                    assertThat(Arrays.stream(all.shares()[i]).sum()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-12));
                }
            }
            // the results table's rows are batch detect's on the same rows, to the bit
            assertThat(all.table().columnNames()).isEqualTo(batch.columnNames());
            assertThat(all.table().rows()).isEqualTo(all.rows()).isGreaterThan(batch.rows() - 5);
            for (int i = 0; i < all.rows(); i++) {
                int r = batch.indexOf(all.time()[i]);
                for (String c : batch.columnNames()) {
                    assertThat(Double.doubleToLongBits(all.table().values(c)[i])).as("%s at row %d", c, i)
                            .isEqualTo(Double.doubleToLongBits(batch.values(c)[r]));
                }
            }
        });
    }

    @Test
    void aSystemModelScoredInAnyWindowsFlagsTheRowsOneDetectOverEveryRowFlags() throws Exception {
        Path file = dir.resolve("system.json");
        systemBuilt.model().write(file);
        WindowModel model = WindowModel.read(file, REGISTRY);
        assertThat(model.approach()).isEqualTo("system-driven");
        assertThat(model.version()).isEqualTo(systemBuilt.model().checksum());
        assertThat(model.columns()).isEqualTo(systemBuilt.model().detector().model().signals());
        int first = 1500;
        int last = systemData.rows() - 1;
        // the first window has no state: its first rows have no history, as in a detect on the rows from the first one
        RowSelection rows = RowSelection.ranges(List.of(new RowSelection.TimeRange(systemData.instant(first), systemData.instant(last))));
        SystemRun whole = SystemJob.detect(systemBuilt.model(), systemData.slice(first, last + 1), rows, null, new JobLog());
        double[] expected = whole.detection().indicator();
        assertThat(whole.detection().flags()).contains(true);
        Trials.forAll(23, 3, random -> {
            Scored all = scoreInWindows(model, systemData, first - 1, last, random);
            assertThat(all.time()).containsExactly(whole.detection().time());
            assertThat(all.anomalous()).containsExactly(whole.detection().flags());
            assertThat(all.off()).containsExactly(whole.off());
            TimeFrame table = whole.table(false);
            assertThat(all.table().columnNames()).isEqualTo(table.columnNames());
            assertThat(all.table().values("anomaly_code")).containsExactly(table.values("anomaly_code"));
            // the indicator window's running sum starts on another row in each window: equal up to the last bits
            assertThat(Arrays.stream(all.indicator()).filter(Double::isNaN).count()).isPositive();
            for (int i = 0; i < all.rows(); i++) {
                assertThat(Double.isNaN(all.indicator()[i])).as("row %d", i).isEqualTo(Double.isNaN(expected[i]));
                if (!Double.isNaN(expected[i])) {
                    assertThat(all.indicator()[i]).isCloseTo(expected[i], org.assertj.core.data.Offset.offset(1e-12 * (1 + Math.abs(expected[i]))));
                }
            }
        });
    }

    @Test
    void aModelReadFromItsBytesIsTheModelReadFromItsFileAndBadBytesAreNamedBySource() throws Exception {
        Path file = dir.resolve("system.json");
        systemBuilt.model().write(file);
        WindowModel fromFile = WindowModel.read(file, REGISTRY);
        WindowModel fromBytes = WindowModel.read(Files.readAllBytes(file), "asset 7's model", REGISTRY);
        assertThat(fromBytes.version()).isEqualTo(fromFile.version());
        long from = systemData.time(1499);
        long to = systemData.time(1799);
        Scored a = fromFile.score(systemData, from, to, null);
        Scored b = fromBytes.score(systemData, from, to, null);
        assertThat(b.time()).containsExactly(a.time());
        assertThat(bits(b.indicator())).containsExactly(bits(a.indicator()));
        assertThat(b.state()).isEqualTo(a.state());
        byte[] cut = Arrays.copyOf(Files.readAllBytes(file), 100);
        assertThatThrownBy(() -> WindowModel.read(cut, "asset 7's model", REGISTRY))
                .isInstanceOfSatisfying(VigilException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_MODEL))
                .hasMessageContaining("asset 7's model").hasMessageNotContaining("vigil-model-");
    }

    @Test
    void aStateThatDoesNotFitTheModelIsRefusedAsSuch() throws Exception {
        Path file = dir.resolve("system.json");
        systemBuilt.model().write(file);
        WindowModel model = WindowModel.read(file, REGISTRY);
        TimeFrame other = systemData.select(List.of("s1")).withColumn("t9", systemData.values("s1"));
        String state = SystemWindowModel.encode(other.slice(0, 10), List.of("s1", "t9"));
        assertThatThrownBy(() -> model.score(systemData, systemData.time(1499), systemData.time(1599), state))
                .isInstanceOfSatisfying(VigilException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_MODEL))
                .hasMessageContaining("does not fit the model");
    }

    /**
     * The rows {@code (first, last]} scored in random windows, each given a slice of the frame reaching past the window
     * on both sides (those rows are not the window's), the state passed on as a string; their results joined.
     */
    private static Scored scoreInWindows(WindowModel model, TimeFrame data, int first, int last, SplittableRandom random) {
        String state = null;
        List<Scored> parts = new ArrayList<>();
        int start = first;
        while (start < last) {
            int end = Math.min(last, start + 1 + random.nextInt(120));
            TimeFrame slice = data.slice(Math.max(0, start - random.nextInt(5)), Math.min(data.rows(), end + 1 + random.nextInt(5)));
            Scored s = model.score(slice, data.time(start), data.time(end), state);
            parts.add(s);
            state = s.state();
            start = end;
        }
        int n = parts.stream().mapToInt(Scored::rows).sum();
        long[] time = new long[n];
        boolean[] anomalous = new boolean[n];
        boolean[] off = new boolean[n];
        double[] indicator = new double[n];
        double[][] shares = new double[n][];
        TimeFrame.Builder table = TimeFrame.builder(time);
        List<String> columns = parts.get(0).table().columnNames();
        double[][] cells = new double[columns.size()][n];
        int at = 0;
        for (Scored s : parts) {
            System.arraycopy(s.time(), 0, time, at, s.rows());
            System.arraycopy(s.anomalous(), 0, anomalous, at, s.rows());
            System.arraycopy(s.off(), 0, off, at, s.rows());
            System.arraycopy(s.indicator(), 0, indicator, at, s.rows());
            System.arraycopy(s.shares(), 0, shares, at, s.rows());
            for (int c = 0; c < cells.length; c++) {
                System.arraycopy(s.table().values(columns.get(c)), 0, cells[c], at, s.rows());
            }
            at += s.rows();
        }
        for (int c = 0; c < cells.length; c++) {
            table.column(columns.get(c), cells[c]);
        }
        return new Scored(time, anomalous, off, indicator, parts.get(0).names(), shares, state, parts.get(0).rules(), table.build());
    }

    private static long[] bits(double[] v) {
        return Arrays.stream(v).mapToLong(Double::doubleToLongBits).toArray();
    }
}
