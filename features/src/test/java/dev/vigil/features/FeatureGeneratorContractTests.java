package dev.vigil.features;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.core.plugin.PluginRegistry;
import dev.vigil.spi.Feature;
import dev.vigil.spi.FeatureGenerator;
import dev.vigil.spi.FeatureSpec;
import dev.vigil.testing.AbstractFeatureGeneratorContractTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Every generator of this module keeps the feature generator contract of vigil-testing. */
class FeatureGeneratorContractTests {

    /** No generator on the class path goes unchecked: each has a nested contract class below. */
    @Test
    void everyDiscoveredGeneratorHasAContractTest() throws ReflectiveOperationException {
        List<String> checked = new ArrayList<>();
        for (Class<?> nested : FeatureGeneratorContractTests.class.getDeclaredClasses()) {
            if (AbstractFeatureGeneratorContractTest.class.isAssignableFrom(nested)) {
                var contract = (AbstractFeatureGeneratorContractTest) nested.getDeclaredConstructor(FeatureGeneratorContractTests.class)
                        .newInstance(this);
                checked.add(((FeatureGenerator) nested.getDeclaredMethod("generator").invoke(contract)).name());
            }
        }
        assertThat(checked).containsExactlyInAnyOrderElementsOf(PluginRegistry.load().all(FeatureGenerator.class).keySet());
        assertThat(Features.all()).extracting(FeatureGenerator::name).containsExactlyInAnyOrderElementsOf(checked);
    }

    @Nested
    class InterceptContract extends AbstractFeatureGeneratorContractTest {
        @Override
        protected FeatureGenerator generator() {
            return new Intercept();
        }

        /** The intercept proposes no candidate (the regression adds it); stored models may still list it. */
        @Override
        protected List<Feature> features() {
            return List.of(generator().restore(new FeatureSpec(Intercept.NAME, null, Map.of())));
        }
    }

    @Nested
    class IdentityContract extends AbstractFeatureGeneratorContractTest {
        @Override
        protected FeatureGenerator generator() {
            return new Identity();
        }
    }

    @Nested
    class TimeOffsetsContract extends AbstractFeatureGeneratorContractTest {
        @Override
        protected FeatureGenerator generator() {
            return new TimeOffsets();
        }
    }

    @Nested
    class ExponentialMovingAverageContract extends AbstractFeatureGeneratorContractTest {
        @Override
        protected FeatureGenerator generator() {
            return new ExponentialMovingAverage();
        }
    }

    @Nested
    class SimpleMovingAverageContract extends AbstractFeatureGeneratorContractTest {
        @Override
        protected FeatureGenerator generator() {
            return new SimpleMovingAverage();
        }
    }

    @Nested
    class PeriodicContract extends AbstractFeatureGeneratorContractTest {
        @Override
        protected FeatureGenerator generator() {
            return new Periodic();
        }
    }

    @Nested
    class FourierContract extends AbstractFeatureGeneratorContractTest {
        @Override
        protected FeatureGenerator generator() {
            return new Fourier();
        }
    }

    @Nested
    class DayOfWeekContract extends AbstractFeatureGeneratorContractTest {
        @Override
        protected FeatureGenerator generator() {
            return new DayOfWeek();
        }
    }

    @Nested
    class RestOfWeekContract extends AbstractFeatureGeneratorContractTest {
        @Override
        protected FeatureGenerator generator() {
            return new RestOfWeek();
        }
    }

    @Nested
    class MonthContract extends AbstractFeatureGeneratorContractTest {
        @Override
        protected FeatureGenerator generator() {
            return new Month();
        }
    }

    @Nested
    class TrendContract extends AbstractFeatureGeneratorContractTest {
        @Override
        protected FeatureGenerator generator() {
            return new Trend();
        }
    }

    @Nested
    class PiecewiseLinearContract extends AbstractFeatureGeneratorContractTest {
        @Override
        protected FeatureGenerator generator() {
            return new PiecewiseLinear();
        }
    }

    @Nested
    class PolynomialContract extends AbstractFeatureGeneratorContractTest {
        @Override
        protected FeatureGenerator generator() {
            return new Polynomial();
        }
    }

    @Nested
    class PublicHolidaysContract extends AbstractFeatureGeneratorContractTest {
        @Override
        protected FeatureGenerator generator() {
            return new PublicHolidays();
        }
    }
}
