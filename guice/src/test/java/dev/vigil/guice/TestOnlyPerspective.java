package dev.vigil.guice;

import dev.vigil.spi.DetectionPerspective;
import dev.vigil.spi.PerspectiveWindow;
import java.time.Duration;

/** A perspective that exists only in tests, discovered through META-INF/services. */
public final class TestOnlyPerspective implements DetectionPerspective {
    private final String name;

    public TestOnlyPerspective() {
        this("TestOnly");
    }

    TestOnlyPerspective(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public PerspectiveWindow defaultWindow(Duration samplingPeriod) {
        return PerspectiveWindow.of(1);
    }

    @Override
    public void transform(double[] residuals, PerspectiveWindow window, double[] out) {
        for (int i = 0; i < residuals.length; i++) {
            out[i] = Math.abs(residuals[i]);
        }
    }

    /** Two plugins claiming one name, listed only by the duplicate-name test. */
    public static final class TwinA implements DetectionPerspective {
        @Override
        public String name() {
            return "Twin";
        }

        @Override
        public PerspectiveWindow defaultWindow(Duration samplingPeriod) {
            return PerspectiveWindow.of(1);
        }

        @Override
        public void transform(double[] residuals, PerspectiveWindow window, double[] out) {
        }
    }

    /** The second twin. */
    public static final class TwinB implements DetectionPerspective {
        @Override
        public String name() {
            return "Twin";
        }

        @Override
        public PerspectiveWindow defaultWindow(Duration samplingPeriod) {
            return PerspectiveWindow.of(1);
        }

        @Override
        public void transform(double[] residuals, PerspectiveWindow window, double[] out) {
        }
    }

    /** The same under another name, for a services file of the test's own making. */
    public static final class Other implements DetectionPerspective {
        private final TestOnlyPerspective same = new TestOnlyPerspective("Other");

        @Override
        public String name() {
            return same.name();
        }

        @Override
        public PerspectiveWindow defaultWindow(Duration samplingPeriod) {
            return same.defaultWindow(samplingPeriod);
        }

        @Override
        public void transform(double[] residuals, PerspectiveWindow window, double[] out) {
            same.transform(residuals, window, out);
        }
    }
}
