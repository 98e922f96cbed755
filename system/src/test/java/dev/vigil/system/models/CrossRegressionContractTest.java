package dev.vigil.system.models;

import dev.vigil.spi.SystemModelFactory;

class CrossRegressionContractTest extends SystemModelContract {
    @Override
    protected SystemModelFactory factory() {
        return new CrossRegression();
    }
}
