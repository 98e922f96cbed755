package dev.vigil.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.VigilException;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AucTest {
    private static final double NaN = Double.NaN;

    @Test
    void handComputedWithTies() {
        // positives 0.8, 0.4; negatives 0.4, 0.1, 0.3: pairs won 3 + 1.5 (tie with 0.4 counts ½) + ... =
        // 0.8 beats all 3; 0.4 beats 0.1 and 0.3 and ties 0.4 -> 2.5; U = 5.5 of 6
        double auc = Auc.of(new double[] {1, 0, 1, 0, 0}, new double[] {0.8, 0.4, 0.4, 0.1, 0.3}).getAsDouble();
        assertThat(auc).isEqualTo(5.5 / 6);
    }

    @Test
    void perfectReversedAndConstantRankings() {
        double[] labels = {0, 0, 0, 1, 1};
        assertThat(Auc.of(labels, new double[] {1, 2, 3, 4, 5}).getAsDouble()).isEqualTo(1.0);
        assertThat(Auc.of(labels, new double[] {5, 4, 3, 2, 1}).getAsDouble()).isEqualTo(0.0);
        assertThat(Auc.of(labels, new double[] {7, 7, 7, 7, 7}).getAsDouble()).isEqualTo(0.5);
    }

    @Test
    void unknownLabelsAndUncalculatedScoresAreSkipped() {
        double[] labels = {0, NaN, 1, 0, 1};
        double[] scores = {0.1, 99, NaN, 0.2, 0.15};
        // used: (0,0.1) (0,0.2) (1,0.15): the positive beats one of two negatives
        assertThat(Auc.of(labels, scores).getAsDouble()).isEqualTo(0.5);
    }

    @Test
    void emptyWhenAClassIsEmpty() {
        assertThat(Auc.of(new double[] {0, 0, NaN}, new double[] {1, 2, 3})).isEmpty();
        assertThat(Auc.of(new double[] {1, 1, 0}, new double[] {1, 2, NaN})).isEmpty();
        assertThat(Auc.of(new double[0], new double[0])).isEmpty();
    }

    @Test
    void equalsTheProbabilityOfRankingAPairCorrectly() {
        Random random = new Random(5);
        for (int trial = 0; trial < 20; trial++) {
            int n = 2 + random.nextInt(60);
            double[] labels = new double[n];
            double[] scores = new double[n];
            for (int i = 0; i < n; i++) {
                labels[i] = random.nextInt(4) == 0 ? 1 : 0;
                scores[i] = random.nextInt(6); // many ties
            }
            labels[0] = 1;
            labels[1] = 0;
            double won = 0;
            long pairs = 0;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    if (labels[i] == 1 && labels[j] == 0) {
                        pairs++;
                        won += scores[i] > scores[j] ? 1 : scores[i] == scores[j] ? 0.5 : 0;
                    }
                }
            }
            assertThat(Auc.of(labels, scores).getAsDouble()).isCloseTo(won / pairs, within(1e-15));
        }
    }

    @Test
    void invariantToStrictlyIncreasingTransformsAndComplementaryWhenReversed() {
        Random random = new Random(11);
        int n = 500;
        double[] labels = new double[n];
        double[] scores = new double[n];
        double[] transformed = new double[n];
        double[] negated = new double[n];
        for (int i = 0; i < n; i++) {
            labels[i] = random.nextDouble() < 0.1 ? 1 : 0;
            scores[i] = labels[i] + random.nextGaussian();
            transformed[i] = Math.exp(3 * scores[i]) - 4;
            negated[i] = -scores[i];
        }
        double auc = Auc.of(labels, scores).getAsDouble();
        assertThat(auc).isBetween(0.6, 0.95);
        assertThat(Auc.of(labels, transformed).getAsDouble()).isEqualTo(auc);
        assertThat(Auc.of(labels, negated).getAsDouble()).isCloseTo(1 - auc, within(1e-12));
    }

    @Test
    void inputsAreNotModified() {
        double[] labels = {1, 0, 1, 0};
        double[] scores = {0.3, 0.9, 0.1, 0.5};
        Auc.of(labels, scores);
        assertThat(scores).containsExactly(0.3, 0.9, 0.1, 0.5);
        assertThat(labels).containsExactly(1, 0, 1, 0);
    }

    @Test
    void badLabelsAndLengthsAreRefused() {
        assertThatThrownBy(() -> Auc.of(new double[] {0, 2}, new double[] {1, 2}))
                .isInstanceOfSatisfying(VigilException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_VALUE))
                .hasMessage("row 1: 2 is not a label; labels must be 1 (anomaly), 0 (normal) or missing (unknown)");
        assertThatThrownBy(() -> Auc.of(new double[] {0, 1}, new double[] {1})).isInstanceOf(IllegalArgumentException.class);
    }
}
