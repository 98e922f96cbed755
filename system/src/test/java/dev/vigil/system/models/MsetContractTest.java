package dev.vigil.system.models;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.spi.SystemModelFactory;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class MsetContractTest extends SystemModelContract {
    @Override
    protected SystemModelFactory factory() {
        return new Mset();
    }

    @Test
    void theMemoryHoldsEachSignalsExtremesThenRowsSpreadByNormWithoutDuplicates() {
        double[][] z = {{0, 5, 1, 2, 3, -4, 0.5, 0.1}, {1, 0, 9, 0, 0, 0, -7, 0.2}};
        int[] rows = {0, 1, 2, 3, 4, 5, 6, 7};
        int[] memory = Mset.select(z, rows, 6);
        assertThat(memory).hasSize(6).contains(1, 5, 2, 6).doesNotHaveDuplicates();
        assertThat(Arrays.stream(memory).sorted().toArray()).isEqualTo(memory);
        assertThat(Mset.select(z, rows, 8)).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
    }
}
