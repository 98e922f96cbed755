package dev.vigil.benchmarks.micro;

import dev.vigil.core.detection.AnomalyDetector;
import dev.vigil.core.detection.DetectionModel;
import dev.vigil.core.detection.DetectionResult;
import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.spi.settings.RowSelection;
import dev.vigil.spi.settings.RowUnit;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Detection with a stored model (TIM's defaults: the default features, Residual and Imbalance at
 * automatic sensitivity), built once on 20,000 rows of 5-minute KPI data; time per detected row:
 *
 * <ul>
 *   <li>{@code rows100k}: 100,000 new rows in one call (preparation, features, prediction,
 *       perspectives, indicators, the results table and anomaly list);
 *   <li>{@code batch100}: the last 100 of 2,100 rows, as a schedule detects each new batch with the
 *       rows before it warming up lags and windows.
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
public class Detect {
    private static final int TRAIN = 20_000;
    private static final int ROWS = 100_000;
    private static final int BATCH = 100;

    private DetectionModel model;
    private TimeFrame data;
    private TimeFrame recent;

    /** Builds the model on the first rows; the rest are detected. */
    @Setup
    public void setUp() {
        TimeFrame all = Inputs.kpiData(TRAIN + ROWS);
        model = AnomalyDetector.builder().kpi("kpi").rows(RowSelection.first(TRAIN, RowUnit.Sample)).build().build(all).model();
        data = all;
        recent = all.slice(all.rows() - 2_000 - BATCH, all.rows());
    }

    /** 100,000 rows after the in-sample period. */
    @Benchmark
    @OperationsPerInvocation(ROWS)
    public DetectionResult rows100k() {
        return model.detect(data, RowSelection.last(ROWS, RowUnit.Sample));
    }

    /** The last 100 rows of a 2,100-row frame. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public DetectionResult batch100() {
        return model.detect(recent, RowSelection.last(BATCH, RowUnit.Sample));
    }
}
