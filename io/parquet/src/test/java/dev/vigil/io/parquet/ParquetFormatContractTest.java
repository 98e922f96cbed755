package dev.vigil.io.parquet;

import dev.vigil.spi.DataFormat;
import dev.vigil.testing.AbstractDataFormatContractTest;

/** The Parquet format keeps the data format contract of vigil-testing. */
class ParquetFormatContractTest extends AbstractDataFormatContractTest {
    @Override
    protected DataFormat format() {
        return new ParquetFormat();
    }
}
