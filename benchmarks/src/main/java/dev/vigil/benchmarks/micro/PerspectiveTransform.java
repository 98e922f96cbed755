package dev.vigil.benchmarks.micro;

import dev.vigil.core.plugin.PluginRegistry;
import dev.vigil.core.stream.Incrementals;
import dev.vigil.spi.DetectionPerspective;
import dev.vigil.spi.PerspectiveWindow;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A perspective's transform {@code r → v} over 100,000 residuals (one in 1,000 missing) with its
 * default window for 5-minute data; time per row: in batch ({@code transform}), and one residual at a
 * time as a stream evaluates it ({@code stream}: the perspective's incremental form, sliding medians
 * for the *Change perspectives).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PerspectiveTransform {
    private static final int ROWS = 100_000;

    /** The built-in perspective. */
    @Param({"Residual", "ResidualChange", "Imbalance", "ImbalanceChange", "Fluctuation", "FluctuationChange"})
    public String perspective;

    private DetectionPerspective plugin;
    private PerspectiveWindow window;
    private double[] residuals;
    private double[] out;

    /** Looks the perspective up by name, as a configuration does. */
    @Setup
    public void setUp() {
        plugin = PluginRegistry.load().perspective(perspective);
        window = plugin.defaultWindow(Duration.ofMinutes(5));
        residuals = Inputs.residuals(ROWS);
        out = new double[ROWS];
    }

    /** One transform of all rows. */
    @Benchmark
    @OperationsPerInvocation(ROWS)
    public double[] transform() {
        plugin.transform(residuals, window, out);
        return out;
    }

    /** All rows streamed one at a time. */
    @Benchmark
    @OperationsPerInvocation(ROWS)
    public double[] stream() {
        return Incrementals.stream(plugin, window, residuals, -1);
    }
}
