package dev.vigil.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.vigil.spi.DetectionPerspective;
import dev.vigil.spi.PerspectiveWindow;
import dev.vigil.testing.AbstractPerspectiveContractTest;

/**
 * The example plugin keeps the same contract as Vigil's own perspectives — and this is how a plugin
 * author checks theirs: add {@code vigil-testing} as a test dependency, extend the contract suite of
 * the plugin's kind and return the plugin. The suite's tests run with the class's own; add tests for
 * what the plugin itself promises. The other kinds have their suites too: {@code
 * AbstractFeatureGeneratorContractTest}, {@code AbstractNormalBehaviorModelFactoryContractTest} and
 * {@code AbstractDataFormatContractTest}.
 */
class ShiftScanTest extends AbstractPerspectiveContractTest {
    @Override
    protected DetectionPerspective perspective() {
        return new ShiftScan();
    }

    @org.junit.jupiter.api.Test
    void findsTheStrongestStretch() {
        double[] r = new double[40];
        for (int i = 30; i < 34; i++) {
            r[i] = 2;
        }
        double[] out = new double[40];
        new ShiftScan().transform(r, PerspectiveWindow.of(10), out);
        assertThat(out[33]).isCloseTo(8 / Math.sqrt(4), within(1e-12)); // the four shifted rows
        assertThat(out[39]).isCloseTo(8 / Math.sqrt(10), within(1e-12)); // the widest window that still holds them
        assertThat(out[8]).isNaN();
        assertThat(out[20]).isZero();
    }
}
