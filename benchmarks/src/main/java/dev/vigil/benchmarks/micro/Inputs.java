package dev.vigil.benchmarks.micro;

import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.testing.KpiDataGenerator;
import java.util.Random;

/** Seeded inputs shared by the microbenchmarks. */
final class Inputs {
    private Inputs() {
    }

    /**
     * KPI data every 5 minutes (347 days for 100,000 rows): {@code kpi}, influencers {@code x1…x3},
     * distractors, no label.
     */
    static TimeFrame kpiData(int rows) {
        return KpiDataGenerator.create().rows(rows).seed(rows).influencers(3).distractors(2).generate().unlabelled();
    }

    /**
     * Residual-like values: standard normal, one in 500 scaled by 8 (heavy tail), one in 1,000
     * missing, as a perspective or density sees after the normal-behaviour model.
     */
    static double[] residuals(int rows) {
        Random random = new Random(rows);
        double[] r = new double[rows];
        for (int i = 0; i < rows; i++) {
            double v = random.nextGaussian();
            r[i] = i % 1000 == 999 ? Double.NaN : i % 500 == 7 ? 8 * v : v;
        }
        return r;
    }
}
