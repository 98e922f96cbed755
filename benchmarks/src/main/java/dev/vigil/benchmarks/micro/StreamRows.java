package dev.vigil.benchmarks.micro;

import dev.vigil.core.detection.AnomalyDetector;
import dev.vigil.core.detection.DetectionModel;
import dev.vigil.core.stream.DetectionStream;
import dev.vigil.core.stream.StreamRow;
import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.spi.settings.RowSelection;
import dev.vigil.spi.settings.RowUnit;
import dev.vigil.testing.ProductionLineGenerator;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Streaming detection, one row per operation (docs/streaming.md): the default KPI-driven model (TIM's
 * default features, Residual and Imbalance at automatic sensitivity) built on the first 9,392 rows of
 * the production line's shape ({@link ProductionLineGenerator}: 1-second rows, {@code Output} and 17
 * sensors), then rows pushed one at a time into {@code DetectionStream.push}, each answered at once
 * (normal behaviour, indicators, anomaly code). The rows cycle through the generated data with ever
 * later timestamps, so the stream never ends and never waits.
 *
 * <p>Throughput mode gives rows per second, sample mode the latency per row (p50, p99); run with
 * {@code -prof gc} for the bytes allocated per row ({@code gc.alloc.rate.norm}).
 */
@State(Scope.Thread)
@BenchmarkMode({Mode.Throughput, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g", "-XX:ActiveProcessorCount=1"})
public class StreamRows {
    private static final int TRAIN = 9_392;
    private static final int ROWS = 14_088;

    private DetectionStream stream;
    private double[][] rows;
    private long start;
    private long period;
    private long next;
    private Blackhole sink;
    private final DetectionStream.Listener listener = this::answer;

    /** Builds the model and warms a stream up on the in-sample rows. */
    @Setup
    public void setUp(Blackhole blackhole) {
        sink = blackhole;
        TimeFrame data = ProductionLineGenerator.create().rows(ROWS).generate().unlabelled();
        DetectionModel model = AnomalyDetector.builder().kpi("Output").rows(RowSelection.first(TRAIN, RowUnit.Sample)).build().build(data)
                .model();
        stream = model.stream(ZoneOffset.UTC, DetectionStream.LateRows.REFUSE);
        int[] at = stream.columns().stream().mapToInt(data.columnNames()::indexOf).toArray();
        rows = new double[data.rows()][at.length];
        for (int r = 0; r < rows.length; r++) {
            for (int c = 0; c < at.length; c++) {
                rows[r][c] = data.value(at[c], r);
            }
        }
        start = data.time(0);
        period = data.samplingPeriodMillis();
        for (int r = 0; r < TRAIN; r++) {
            push();
        }
    }

    private void answer(StreamRow row) {
        sink.consume(row.anomalyCode());
        sink.consume(row.normalBehavior());
    }

    private void push() {
        long i = next++;
        stream.push(start + i * period, rows[(int) (i % rows.length)], listener);
    }

    /** One row in, answered. */
    @Benchmark
    public void row() {
        push();
    }
}
