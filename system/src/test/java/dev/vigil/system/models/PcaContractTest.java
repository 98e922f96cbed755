package dev.vigil.system.models;

import dev.vigil.spi.SystemModelFactory;

class PcaContractTest extends SystemModelContract {
    @Override
    protected SystemModelFactory factory() {
        return new Pca();
    }
}
