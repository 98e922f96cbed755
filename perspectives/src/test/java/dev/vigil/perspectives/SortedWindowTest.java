package dev.vigil.perspectives;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.testing.Trials;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The sliding median is the median a sort of the window gives, to the bit, through ties and signed zeros. */
class SortedWindowTest {
    @Test
    void slidingGivesTheMedianOfASortOfTheWindow() {
        Trials.forAll(11, 200, random -> {
            int size = random.nextInt(1, 40);
            double[] v = new double[size + random.nextInt(1, 300)];
            for (int i = 0; i < v.length; i++) {
                v[i] = switch (random.nextInt(5)) {
                    case 0 -> 0.0;
                    case 1 -> -0.0;
                    case 2 -> random.nextInt(-3, 4); // ties
                    default -> random.nextGaussian();
                };
            }
            SortedWindow window = new SortedWindow(size);
            window.fill(v, 0);
            for (int from = 0; from + size <= v.length; from++) {
                if (from > 0) {
                    window.slide(v[from - 1], v[from + size - 1]);
                }
                double[] sorted = Arrays.copyOfRange(v, from, from + size);
                Arrays.sort(sorted);
                double expected = size % 2 == 1 ? sorted[size / 2] : (sorted[size / 2 - 1] + sorted[size / 2]) / 2;
                assertThat(Double.doubleToRawLongBits(window.median())).as("window of %d from %d", size, from)
                        .isEqualTo(Double.doubleToRawLongBits(expected));
            }
        });
    }
}
