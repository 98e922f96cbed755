package dev.vigil.benchmarks.micro;

import dev.vigil.core.plugin.PluginRegistry;
import dev.vigil.spi.Feature;
import dev.vigil.spi.FeatureContext;
import dev.vigil.spi.FeatureGenerator;
import dev.vigil.spi.frame.RowSet;
import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.spi.log.JobLog;
import java.util.List;
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
 * Evaluating the candidate features a generator proposes for 100,000 rows of 5-minute data (the KPI,
 * 3 influencers, 2 distractors; lags up to 12 samples allowed, daily cycle on): every candidate, once,
 * as a fit does; time per row for all of them together (the count is printed at set-up). The
 * combining generators (Polynomial, PiecewiseLinear) combine the influencers' current values, as if
 * those had led the first round.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FeatureEvaluation {
    private static final int ROWS = 100_000;

    /** The built-in generator. */
    @Param({"Identity", "TimeOffsets", "ExponentialMovingAverage", "SimpleMovingAverage", "Periodic", "Fourier", "DayOfWeek",
            "RestOfWeek", "Trend", "PiecewiseLinear", "Polynomial"})
    public String generator;

    private TimeFrame frame;
    private List<Feature> candidates;
    private double[] out;

    /** Proposes the candidates once; the benchmark evaluates them. */
    @Setup
    public void setUp() {
        frame = Inputs.kpiData(ROWS);
        PluginRegistry registry = PluginRegistry.load();
        FeatureGenerator g = registry.feature(generator);
        List<String> influencers = frame.columnNames().stream().filter(c -> !c.equals("kpi")).toList();
        FeatureContext context = new FeatureContext(frame, RowSet.all(ROWS), "kpi", influencers, null, true, true, -12, true, false,
                List.of(), new JobLog());
        if (g.round() == FeatureGenerator.Round.COMBINING) {
            context = context.withLeaders(registry.feature("Identity").candidates(context));
        }
        candidates = g.candidates(context);
        if (candidates.isEmpty()) {
            throw new IllegalStateException(generator + " proposes no candidate for this data");
        }
        out = new double[ROWS];
        System.out.println(generator + ": " + candidates.size() + " candidates, first " + candidates.get(0).label());
    }

    /** Every candidate over every row. */
    @Benchmark
    @OperationsPerInvocation(ROWS)
    public double evaluateAll() {
        double sink = 0;
        for (Feature f : candidates) {
            f.evaluate(frame, out);
            sink += out[ROWS - 1];
        }
        return sink;
    }
}
