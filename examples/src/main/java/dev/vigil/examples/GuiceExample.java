package dev.vigil.examples;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.multibindings.MapBinder;
import dev.vigil.core.detection.AnomalyDetector;
import dev.vigil.core.plugin.PluginRegistry;
import dev.vigil.guice.VigilModule;
import dev.vigil.perspectives.Imbalance;
import dev.vigil.spi.DetectionPerspective;
import java.time.Duration;

/**
 * The same plugins assembled by Guice: {@link VigilModule} binds what {@link java.util.ServiceLoader}
 * found; an application module adds its own perspective under a new name, and the injected registry
 * feeds a detector.
 */
public final class GuiceExample {
    private GuiceExample() {
    }

    /** A slow imbalance, registered under its own name. */
    static final class SlowImbalance implements DetectionPerspective {
        private final Imbalance imbalance = new Imbalance(Duration.ofMinutes(5));

        @Override
        public String name() {
            return "SlowImbalance";
        }

        @Override
        public dev.vigil.spi.PerspectiveWindow defaultWindow(Duration samplingPeriod) {
            return imbalance.defaultWindow(samplingPeriod);
        }

        @Override
        public void transform(double[] residuals, dev.vigil.spi.PerspectiveWindow window, double[] out) {
            imbalance.transform(residuals, window, out);
        }
    }

    public static void main(String[] args) {
        System.out.println(registry().all(DetectionPerspective.class).keySet());
    }

    /** The registry Guice assembles: discovered plugins plus the application's. */
    static PluginRegistry registry() {
        Injector injector = Guice.createInjector(new VigilModule(), new AbstractModule() {
            @Override
            protected void configure() {
                MapBinder.newMapBinder(binder(), String.class, DetectionPerspective.class)
                        .addBinding("SlowImbalance").toInstance(new SlowImbalance());
            }
        });
        return injector.getInstance(PluginRegistry.class);
    }

    /** A detector whose plugins come from the injector. */
    static AnomalyDetector detector() {
        return AnomalyDetector.builder().kpi("Output").registry(registry()).build();
    }
}
