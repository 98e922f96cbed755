package dev.vigil.evaluation.nab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.vigil.evaluation.ConfusionMatrix;
import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.VigilException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Hand-computed cases of the NAB algorithm; S(y) = 2σ(−5y) − 1 = tanh(−5y/2) gives the expected values independently. */
class NabScorerTest {
    private static final long MINUTE = 60_000;

    static long[] minutes(int n) {
        long[] t = new long[n];
        for (int i = 0; i < n; i++) {
            t[i] = i * MINUTE;
        }
        return t;
    }

    static NabWindow rows(int first, int last) {
        return new NabWindow(first * MINUTE, last * MINUTE);
    }

    static double s(double y) {
        return Math.tanh(-2.5 * y);
    }

    /** 20 rows, probation 3, one window on rows 10–14 (width 5). */
    static NabSeries twenty(double[] scores) {
        return new NabSeries("cat/twenty.csv", minutes(20), scores, List.of(rows(10, 14)));
    }

    @Test
    void probationIsFifteenPercentCappedAt750Rows() {
        assertThat(NabScorer.probationRows(20)).isEqualTo(3);
        assertThat(NabScorer.probationRows(4032)).isEqualTo(604);
        assertThat(NabScorer.probationRows(5000)).isEqualTo(750);
        assertThat(NabScorer.probationRows(22_695)).isEqualTo(750);
        assertThat(NabScorer.probationRows(6)).isZero();
    }

    @Test
    void scaledSigmoidAsNabDefinesIt() {
        assertThat(NabScorer.scaledSigmoid(-1)).isCloseTo(0.98661, within(1e-5));
        assertThat(NabScorer.scaledSigmoid(-0.5)).isCloseTo(0.84828, within(1e-5));
        assertThat(NabScorer.scaledSigmoid(0)).isZero();
        assertThat(NabScorer.scaledSigmoid(1)).isCloseTo(-0.98661, within(1e-5));
        assertThat(NabScorer.scaledSigmoid(2.99)).isCloseTo(s(2.99), within(1e-15)).isGreaterThan(-1);
        assertThat(NabScorer.scaledSigmoid(3)).isEqualTo(-1);
    }

    @Test
    void perRowContributions() {
        double[] c = NabScorer.contributions(twenty(new double[20]), NabProfile.STANDARD);
        for (int i = 0; i < 3; i++) {
            assertThat(c[i]).as("probation row %d", i).isNaN();
        }
        for (int i = 3; i < 10; i++) {
            assertThat(c[i]).as("before any window, row %d", i).isEqualTo(-0.11);
        }
        assertThat(c[10]).isEqualTo(1.0);
        assertThat(c[12]).isCloseTo(s(-0.6) / s(-1), within(1e-12));
        assertThat(c[14]).isCloseTo(s(-0.2) / s(-1), within(1e-12));
        assertThat(c[15]).isCloseTo(0.11 * s(0.25), within(1e-12));
        assertThat(c[19]).isCloseTo(0.11 * s(1.25), within(1e-12));
        double[] lowFn = NabScorer.contributions(twenty(new double[20]), NabProfile.REWARD_LOW_FN_RATE);
        assertThat(lowFn[12]).isEqualTo(c[12]);
        double[] lowFp = NabScorer.contributions(twenty(new double[20]), NabProfile.REWARD_LOW_FP_RATE);
        assertThat(lowFp[15]).isCloseTo(2 * c[15], within(1e-15));
    }

    @Test
    void scoreAtAThreshold() {
        double[] scores = new double[20];
        scores[1] = 0.9; // probation: ignored
        scores[5] = 0.6; // false positive before the window: −A_FP
        scores[12] = 0.7; // first detection in the window
        scores[13] = 0.8; // later in the window: adds nothing
        scores[16] = 0.6; // false positive two rows after the window
        NabProfileScore p = NabScorer.scoreAt(List.of(twenty(scores)), NabProfile.STANDARD, 0.5);
        double expected = s(-0.6) / s(-1) - 0.11 + 0.11 * s(0.5);
        assertThat(p.total().rawScore()).isCloseTo(expected, within(1e-12));
        assertThat(p.total().counts()).isEqualTo(new ConfusionMatrix(2, 10, 2, 3));
        assertThat(p.files()).singleElement().satisfies(f -> assertThat(f.name()).isEqualTo("cat/twenty.csv"));
        assertThat(p.categories()).singleElement().satisfies(c -> assertThat(c.name()).isEqualTo("cat"));
        assertThat(p.nullScore()).isEqualTo(-1);
        assertThat(p.perfectScore()).isEqualTo(1);
        assertThat(p.normalizedScore()).isCloseTo(100 * (expected + 1) / 2, within(1e-10));
        assertThat(NabScorer.scoreAt(List.of(twenty(scores)), NabProfile.STANDARD, 0.75).total().rawScore())
                .as("only row 13 detected").isCloseTo(s(-0.4) / s(-1), within(1e-12));
    }

    @Test
    void nullAndPerfectDetectorsScoreZeroAndHundred() {
        List<NabSeries> perfect = new ArrayList<>();
        List<NabSeries> none = new ArrayList<>();
        for (int f = 0; f < 3; f++) {
            double[] first = new double[200];
            first[100 + f] = 1;
            List<NabWindow> w = List.of(rows(100 + f, 105 + f));
            perfect.add(new NabSeries("c/" + f + ".csv", minutes(200), first, w));
            none.add(new NabSeries("c/" + f + ".csv", minutes(200), new double[200], w));
        }
        for (NabProfile profile : NabProfile.all()) {
            NabProfileScore p = NabScorer.score(perfect, List.of(profile)).profiles().get(0);
            assertThat(p.normalizedScore()).as(profile.name()).isCloseTo(100, within(1e-12));
            assertThat(p.threshold()).isEqualTo(1.0);
            NabProfileScore n = NabScorer.score(none, List.of(profile)).profiles().get(0);
            assertThat(n.threshold()).isEqualTo(NabScorer.NO_DETECTION);
            assertThat(n.normalizedScore()).isZero();
            assertThat(n.total().rawScore()).isEqualTo(-3 * profile.falseNegativeWeight());
        }
    }

    @Test
    void theSweepPicksTheBestThresholdAndOnTiesTheHigherOne() {
        double[] scores = new double[20];
        scores[10] = 0.9; // first window row: worth A_TP
        scores[12] = 0.5; // also in the window, but later: lowering the threshold to 0.5 changes nothing
        NabProfileScore p = NabScorer.score(List.of(twenty(scores))).profile("standard");
        assertThat(p.threshold()).isEqualTo(0.9);
        assertThat(p.total().rawScore()).isEqualTo(1.0);
    }

    @Test
    void theSweepEqualsTheBestOfAllThresholdsOnRandomCorpora() {
        Random random = new Random(3);
        for (int trial = 0; trial < 30; trial++) {
            List<NabSeries> corpus = new ArrayList<>();
            TreeSet<Double> distinct = new TreeSet<>();
            for (int f = 0; f < 1 + random.nextInt(4); f++) {
                int n = 30 + random.nextInt(80);
                double[] scores = new double[n];
                for (int i = 0; i < n; i++) {
                    scores[i] = random.nextInt(8) / 7.0;
                    distinct.add(scores[i]);
                }
                List<NabWindow> windows = new ArrayList<>();
                for (int start = n / 5 + random.nextInt(5); start + 3 < n; start += 8 + random.nextInt(30)) {
                    int end = start + random.nextInt(Math.min(8, n - start));
                    windows.add(rows(start, end));
                    start = end;
                }
                corpus.add(new NabSeries("c" + f % 2 + "/f" + f + ".csv", minutes(n), scores, windows));
            }
            if (corpus.stream().allMatch(s -> s.windows().isEmpty())) {
                continue;
            }
            for (NabProfile profile : NabProfile.all()) {
                double best = NabScorer.scoreAt(corpus, profile, NabScorer.NO_DETECTION).total().rawScore();
                for (double t : distinct) {
                    best = Math.max(best, NabScorer.scoreAt(corpus, profile, t).total().rawScore());
                }
                NabProfileScore swept = NabScorer.score(corpus, List.of(profile)).profiles().get(0);
                assertThat(swept.total().rawScore()).as("trial %d %s", trial, profile.name()).isCloseTo(best, within(1e-9));
                assertThat(swept.total()).isEqualTo(NabScorer.scoreAt(corpus, profile, swept.threshold()).total());
                assertThat(swept.categories().stream().mapToDouble(NabTally::rawScore).sum())
                        .isCloseTo(swept.total().rawScore(), within(1e-9));
            }
        }
    }

    @Test
    void windowsInsideTheProbationPeriodAreNotScoredButStillPlaceLaterFalsePositives() {
        // 100 rows: probation 15; the window on rows 8–13 (width 6) lies inside it
        double[] scores = new double[100];
        scores[7] = 1;
        NabSeries early = new NabSeries("c/early.csv", minutes(100), scores, List.of(rows(8, 13), rows(60, 69)));
        double[] c = NabScorer.contributions(early, NabProfile.STANDARD);
        assertThat(c[13]).isNaN();
        assertThat(c[15]).isCloseTo(0.11 * s(2 / 5.0), within(1e-15));
        assertThat(c[16]).isCloseTo(0.11 * s(3 / 5.0), within(1e-15));
        NabProfileScore p = NabScorer.score(List.of(early)).profile("standard");
        assertThat(p.total().windows()).isEqualTo(1);
        assertThat(p.nullScore()).isEqualTo(-1);
    }

    @Test
    void rowsAfterAOneRowWindowCostTheFullFalsePositiveWeight() {
        double[] c = NabScorer.contributions(new NabSeries("c/one.csv", minutes(20), new double[20], List.of(rows(10, 10))),
                NabProfile.STANDARD);
        assertThat(c[10]).isEqualTo(1.0);
        assertThat(c[11]).isEqualTo(-0.11);
    }

    @Test
    void rowsAreScoredByPositionAndWindowsStartAtTheFirstRowOfTheirTimestamp() {
        // NAB's corpus repeats timestamps (clock changes): rows count, not time
        long[] t = minutes(20);
        t[9] = t[10];
        t[11] = t[10];
        NabSeries s = new NabSeries("c/dup.csv", t, new double[20], List.of(new NabWindow(t[10], t[14])));
        assertThat(s.windowFirstRow(0)).isEqualTo(9);
        assertThat(s.windowLastRow(0)).isEqualTo(14);
        double[] c = NabScorer.contributions(s, NabProfile.STANDARD);
        assertThat(c[9]).isEqualTo(1.0);
    }

    @Test
    void inputsAreCopiedNotModified() {
        double[] scores = new double[20];
        long[] times = minutes(20);
        NabSeries s = new NabSeries("c/x.csv", times, scores, List.of(rows(10, 14)));
        scores[10] = 1;
        times[0] = -5;
        assertThat(s.score(10)).isZero();
        assertThat(s.time(0)).isZero();
        NabScorer.score(List.of(s));
        assertThat(scores[10]).isEqualTo(1);
    }

    @Test
    void badSeriesAreRefusedWithFileRowAndValue() {
        double[] scores = new double[20];
        scores[4] = 1.5;
        assertThatThrownBy(() -> twenty(scores)).isInstanceOfSatisfying(VigilException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_VALUE))
                .hasMessage("cat/twenty.csv row 5 (1970-01-01T00:04:00Z): anomaly_score 1.5 is outside [0, 1]");
        scores[4] = Double.NaN;
        assertThatThrownBy(() -> twenty(scores)).hasMessageContaining("anomaly_score NaN is outside [0, 1]");
        assertThatThrownBy(() -> new NabSeries("c/x.csv", minutes(20), new double[20], List.of(new NabWindow(30, MINUTE))))
                .hasMessageContaining("does not start and end at timestamps of the file's rows");
        assertThatThrownBy(() -> new NabSeries("c/x.csv", minutes(20), new double[20], List.of(rows(5, 9), rows(8, 12))))
                .hasMessageContaining("windows must be in row order and not overlap");
        assertThatThrownBy(() -> new NabSeries("c/x.csv", minutes(3), new double[2], List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aCorpusWithoutWindowsHasNoScore() {
        NabSeries quiet = new NabSeries("c/quiet.csv", minutes(20), new double[20], List.of());
        assertThatThrownBy(() -> NabScorer.score(List.of(quiet))).isInstanceOfSatisfying(VigilException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.INSUFFICIENT_DATA)).hasMessageContaining("needs at least one");
        assertThatThrownBy(() -> NabScorer.score(List.of(quiet, quiet))).hasMessageContaining("appears twice");
        assertThat(Arrays.asList(quiet.category(), new NabSeries("flat.csv", minutes(1), new double[1], List.of()).category()))
                .containsExactly("c", "");
    }
}
