package dev.vigil.perspectives;

import dev.vigil.spi.DetectionPerspective;
import dev.vigil.testing.AbstractPerspectiveContractTest;
import java.time.Duration;
import org.junit.jupiter.api.Nested;

/** Every built-in perspective keeps the contract, at several sampling periods. */
class ContractTests {
    @Nested
    class ResidualContract extends AbstractPerspectiveContractTest {
        @Override
        protected DetectionPerspective perspective() {
            return new Residual();
        }
    }

    @Nested
    class ResidualChangeContract extends AbstractPerspectiveContractTest {
        @Override
        protected DetectionPerspective perspective() {
            return new ResidualChange();
        }
    }

    @Nested
    class ImbalanceContract extends AbstractPerspectiveContractTest {
        @Override
        protected DetectionPerspective perspective() {
            return new Imbalance();
        }
    }

    @Nested
    class ImbalanceChangeContract extends AbstractPerspectiveContractTest {
        @Override
        protected DetectionPerspective perspective() {
            return new ImbalanceChange();
        }
    }

    @Nested
    class FluctuationContract extends AbstractPerspectiveContractTest {
        @Override
        protected DetectionPerspective perspective() {
            return new Fluctuation();
        }
    }

    @Nested
    class FluctuationChangeContract extends AbstractPerspectiveContractTest {
        @Override
        protected DetectionPerspective perspective() {
            return new FluctuationChange();
        }
    }

    @Nested
    class HourlyImbalanceChangeContract extends AbstractPerspectiveContractTest {
        @Override
        protected DetectionPerspective perspective() {
            return new ImbalanceChange();
        }

        @Override
        protected Duration samplingPeriod() {
            return Duration.ofHours(1);
        }
    }

    @Nested
    class DailyResidualChangeContract extends AbstractPerspectiveContractTest {
        @Override
        protected DetectionPerspective perspective() {
            return new ResidualChange();
        }

        @Override
        protected Duration samplingPeriod() {
            return Duration.ofDays(1);
        }
    }
}
