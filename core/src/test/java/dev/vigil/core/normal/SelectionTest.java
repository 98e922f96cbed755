package dev.vigil.core.normal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SelectionTest {

    /** Columns x0..x5: y depends on x0, x2 and x4; x5 duplicates x0; x1 and x3 are noise. */
    private static double[][] columns(int n, Random random, double[] y) {
        double[][] x = new double[6][n];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < 5; c++) {
                x[c][i] = random.nextGaussian();
            }
            x[5][i] = x[0][i];
            y[i] = 2 * x[0][i] - x[2][i] + 0.3 * x[4][i] + 5 + random.nextGaussian();
        }
        return x;
    }

    @Test
    void selectionFromTheGramMatrixChoosesWhatSelectionOnTheRowsChooses() {
        int n = 2000;
        double[] y = new double[n];
        double[][] x = columns(n, new Random(3), y);
        boolean[] use = new boolean[n];
        Arrays.fill(use, true);
        LinearFit.Gram gram = LinearFit.gram(x, y, use, true);
        ForwardSelection.Result fromGram = ForwardSelection.selectFromGram(gram.gram(), gram.b(), gram.tss(), gram.rows(), 10);
        double[][] copy = Arrays.stream(x).map(double[]::clone).toArray(double[][]::new);
        ForwardSelection.Result fromRows = ForwardSelection.select(copy, y.clone(), 10, true, n);
        assertThat(fromGram.chosen()).containsExactly(0, 2, 4).containsExactly(fromRows.chosen());
        assertThat(fromGram.rss()).isCloseTo(fromRows.rss(), within(1e-6 * fromRows.rss()));
        // the duplicate of the chosen x0 is reported as collinear by both
        assertThat(fromGram.collinear()).containsExactly(5);
        assertThat(fromRows.collinear()).containsExactly(5);
    }

    @Test
    void theCriterionCountsThePopulationASampleStandsFor() {
        // y = x0 + 0.02·x1 + noise on 20,000 rows: x1 gains about 8 in N·ln(RSS/N), less than 2·ln 20,000 ≈ 20;
        // standing for 2,000,000 rows it would gain about 800 against 2·ln 2,000,000 ≈ 29
        int n = 20_000;
        Random random = new Random(5);
        double[][] x = new double[2][n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[0][i] = random.nextGaussian();
            x[1][i] = random.nextGaussian();
            y[i] = x[0][i] + 0.02 * x[1][i] + random.nextGaussian();
        }
        double[][] copy = Arrays.stream(x).map(double[]::clone).toArray(double[][]::new);
        assertThat(ForwardSelection.select(copy, y.clone(), 5, true, n).chosen()).containsExactly(0);
        assertThat(ForwardSelection.select(x, y, 5, true, 100.0 * n).chosen()).containsExactly(0, 1);
    }

    @Test
    void everyModelSelectsOnItsQuotaAndSmallModelsOnAllTheirRows() {
        // 96 models: quota 521 rows each; one model has only 300 rows and keeps them all
        int[][] slots = new int[97][];
        slots[0] = new int[0];
        int next = 0;
        for (int s = 1; s <= 96; s++) {
            int rows = s == 7 ? 300 : 5000;
            slots[s] = IntStream.range(next, next + rows).toArray();
            next += rows;
        }
        assertThat(SparseRegression.quota(96)).isEqualTo(521);
        int[][] sample = SparseRegression.sample(slots);
        assertThat(sample[7]).isSameAs(slots[7]);
        for (int s = 1; s <= 96; s++) {
            if (s != 7) {
                assertThat(sample[s].length).as("model %d", s).isBetween(521 - 100, 521 + 100);
                int first = slots[s][0];
                int last = slots[s][slots[s].length - 1];
                assertThat(sample[s]).isSorted();
                assertThat(Arrays.stream(sample[s]).allMatch(r -> r >= first && r <= last)).isTrue();
            }
        }
        // one model: about 50,000 rows of 400,000, the same every time
        int[][] one = {new int[0], IntStream.range(0, 400_000).toArray()};
        int[][] a = SparseRegression.sample(one);
        assertThat(a[1].length).isBetween(49_000, 51_000);
        assertThat(SparseRegression.sample(one)[1]).containsExactly(a[1]);
        assertThat(SparseRegression.quota(1)).isEqualTo(SparseRegression.MAX_SELECTION_ROWS);
    }
}
