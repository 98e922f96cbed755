package dev.vigil.benchmarks.micro;

import dev.vigil.core.anomaly.AnomalousBehaviorModel;
import dev.vigil.core.plugin.PluginRegistry;
import dev.vigil.spi.frame.RowSet;
import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.spi.log.JobLog;
import dev.vigil.spi.settings.AnomalousBehaviorSettings;
import dev.vigil.spi.settings.DomainSpecific;
import java.util.List;
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
 * The anomalous-behaviour model on 100,000 residuals of 5-minute data (heavy-tailed, one in 1,000
 * missing), with the default perspectives Residual and Imbalance at automatic sensitivity:
 *
 * <ul>
 *   <li>{@code fit}: each perspective's values, its Gaussian-mixture density (components chosen by
 *       BIC), the automatic sensitivity and the threshold; time per fit;
 *   <li>{@code indicators}: scoring rows with a fitted model (the perspectives' transforms, a density
 *       lookup and the tail calibration per row and perspective); time per row.
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class AnomalousBehavior {
    private static final int ROWS = 100_000;

    private double[] residuals;
    private TimeFrame frame;
    private List<DomainSpecific> perspectives;
    private PluginRegistry registry;
    private AnomalousBehaviorModel model;

    /** Fits the model {@code indicators} uses. */
    @Setup
    public void setUp() {
        residuals = Inputs.residuals(ROWS);
        frame = Inputs.kpiData(ROWS);
        perspectives = List.of(DomainSpecific.auto("Residual"), DomainSpecific.auto("Imbalance"));
        registry = PluginRegistry.load();
        model = fit();
    }

    /** Fits both submodels on all rows. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public AnomalousBehaviorModel fit() {
        return AnomalousBehaviorModel.fit(residuals, frame, RowSet.all(ROWS), perspectives, AnomalousBehaviorSettings.DEFAULT,
                registry::perspective, new JobLog());
    }

    /** Both perspectives' indicators for every row. */
    @Benchmark
    @OperationsPerInvocation(ROWS)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public double[][] indicators() {
        return model.indicators(residuals, frame);
    }
}
