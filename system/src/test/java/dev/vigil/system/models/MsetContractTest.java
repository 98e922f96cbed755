package dev.vigil.system.models;

import dev.vigil.spi.SystemModelFactory;

class MsetContractTest extends SystemModelContract {
    @Override
    protected SystemModelFactory factory() {
        return new Mset();
    }
}
