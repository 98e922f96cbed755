package dev.vigil.perspectives;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.core.plugin.PluginRegistry;
import dev.vigil.spi.DetectionPerspective;
import dev.vigil.testing.AbstractPerspectiveContractTest;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Every built-in perspective keeps the contract of vigil-testing, at several sampling periods, with its
 * standard window and with windows given as spans of time.
 */
class ContractTests {

    /** No perspective on the class path goes unchecked: each has at least one nested contract class below. */
    @Test
    void everyDiscoveredPerspectiveHasAContractTest() throws ReflectiveOperationException {
        Set<String> checked = new TreeSet<>();
        for (Class<?> nested : ContractTests.class.getDeclaredClasses()) {
            if (AbstractPerspectiveContractTest.class.isAssignableFrom(nested)) {
                Object contract = nested.getDeclaredConstructor(ContractTests.class).newInstance(this);
                checked.add(((DetectionPerspective) nested.getDeclaredMethod("perspective").invoke(contract)).name());
            }
        }
        assertThat(checked).containsExactlyElementsOf(PluginRegistry.load().all(DetectionPerspective.class).keySet());
    }
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

    @Nested
    class ImbalanceOf36SecondsContract extends AbstractPerspectiveContractTest {
        @Override
        protected DetectionPerspective perspective() {
            return new Imbalance(Duration.ofSeconds(36));
        }

        @Override
        protected Duration samplingPeriod() {
            return Duration.ofSeconds(1);
        }
    }

    @Nested
    class FluctuationOfAnHourContract extends AbstractPerspectiveContractTest {
        @Override
        protected DetectionPerspective perspective() {
            return new Fluctuation(Duration.ofHours(1));
        }
    }

    @Nested
    class ResidualChangeOfADayContract extends AbstractPerspectiveContractTest {
        @Override
        protected DetectionPerspective perspective() {
            return new ResidualChange(Duration.ofDays(1));
        }

        @Override
        protected Duration samplingPeriod() {
            return Duration.ofMinutes(15);
        }
    }

    @Nested
    class FluctuationChangeOfTwoHoursContract extends AbstractPerspectiveContractTest {
        @Override
        protected DetectionPerspective perspective() {
            return new FluctuationChange(Duration.ofHours(2), Duration.ofMinutes(20));
        }
    }

    @Nested
    class ImbalanceChangeOfADayContract extends AbstractPerspectiveContractTest {
        @Override
        protected DetectionPerspective perspective() {
            return new ImbalanceChange(Duration.ofDays(1), Duration.ofHours(4));
        }

        @Override
        protected Duration samplingPeriod() {
            return Duration.ofHours(1);
        }
    }
}
