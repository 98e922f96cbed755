package dev.vigil.cli;

import dev.vigil.spi.DetectionPerspective;
import dev.vigil.spi.PerspectiveWindow;
import java.time.Duration;

/**
 * Perspectives that fail, for testing how the command line reports a broken plugin. Not listed in
 * the test class path's {@code META-INF/services}: a test lists them in a plugin folder it passes to
 * {@code --plugins}, so that no other test sees them.
 */
final class BrokenPerspectives {
    private BrokenPerspectives() {
    }

    /** Throws from {@code transform}, which Vigil wraps as a plugin failure. */
    public static final class InTransform implements DetectionPerspective {
        @Override
        public String name() {
            return "BrokenTransform";
        }

        @Override
        public PerspectiveWindow defaultWindow(Duration samplingPeriod) {
            return PerspectiveWindow.of(1);
        }

        @Override
        public void transform(double[] residuals, PerspectiveWindow window, double[] out) {
            throw new IllegalStateException("broken on purpose");
        }
    }

    /** Throws from {@code defaultWindow}, which reaches the command line as it is. */
    public static final class InWindow implements DetectionPerspective {
        @Override
        public String name() {
            return "BrokenWindow";
        }

        @Override
        public PerspectiveWindow defaultWindow(Duration samplingPeriod) {
            throw new ArithmeticException("no window on purpose");
        }

        @Override
        public void transform(double[] residuals, PerspectiveWindow window, double[] out) {
            System.arraycopy(residuals, 0, out, 0, residuals.length);
        }
    }
}
