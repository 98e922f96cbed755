package dev.vigil.features;

import dev.vigil.core.normal.SparseRegression;
import dev.vigil.spi.NormalBehaviorModelFactory;
import dev.vigil.testing.AbstractNormalBehaviorModelFactoryContractTest;

/**
 * Vigil's default normal-behaviour model keeps the model factory contract of vigil-testing. It lives
 * here rather than in core because the contract fits with real feature generators, which core's tests
 * cannot see.
 */
class SparseRegressionContractTest extends AbstractNormalBehaviorModelFactoryContractTest {
    @Override
    protected NormalBehaviorModelFactory factory() {
        return new SparseRegression();
    }
}
