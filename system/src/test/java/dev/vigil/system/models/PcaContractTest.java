package dev.vigil.system.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.vigil.spi.SystemModelFactory;
import dev.vigil.spi.SystemProblem;
import dev.vigil.spi.log.JobLog;
import java.util.Map;
import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.junit.jupiter.api.Test;

class PcaContractTest extends SystemModelContract {
    @Override
    protected SystemModelFactory factory() {
        return new Pca();
    }

    @Test
    void qLimitIsJacksonMudholkarsAndBoxsWhenTheirsFails() {
        // one residual eigenvalue λ: Q/λ is χ²(1); Jackson–Mudholkar approximates its quantile
        double lambda = 0.3;
        double q = Pca.qLimit(lambda, lambda * lambda, lambda * lambda * lambda, 0.99, 5);
        double exact = lambda * new ChiSquaredDistribution(null, 1).inverseCumulativeProbability(0.99);
        assertThat(q).isCloseTo(exact, within(0.1 * exact));
        // θ₁θ₃ large against θ₂² makes h₀ ≤ 0: Box's g·χ²(h)
        double t1 = 1;
        double t2 = 0.1;
        double t3 = 0.1;
        double box = (t2 / t1) * new ChiSquaredDistribution(null, t1 * t1 / t2).inverseCumulativeProbability(0.95);
        assertThat(Pca.qLimit(t1, t2, t3, 0.95, 5)).isEqualTo(box);
    }

    @Test
    void tooManyComponentsAreRefusedWithTheLegalRange() {
        SystemProblem p = problem(1, new JobLog()).withParameters(Map.of("components", 6));
        assertThatThrownBy(() -> factory().fit(p)).hasMessageContaining("components must be from 1 to 5");
    }
}
