package dev.vigil.system.models;

import dev.vigil.spi.SystemModelFactory;

class ExtendedIsolationForestContractTest extends SystemModelContract {
    @Override
    protected SystemModelFactory factory() {
        return new ExtendedIsolationForest();
    }
}
