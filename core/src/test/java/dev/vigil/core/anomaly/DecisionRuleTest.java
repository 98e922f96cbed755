package dev.vigil.core.anomaly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The decision rule: runs joined over short gaps, short weak runs dropped, TIM's pointwise rule as a special case. */
class DecisionRuleTest {
    private static final double NaN = Double.NaN;

    @Test
    void runsSeparatedByAShortGapBecomeOneEvent() {
        double[] largest = {0.1, 1.4, 1.3, 0.7, 0.8, 1.5, 1.2, 0.2, 0.1, 0.1, 0.1};
        boolean[] f = new DecisionRule(2, 1, 1).flag(largest);
        assertThat(f).containsExactly(false, true, true, true, true, true, true, false, false, false, false);
    }

    @Test
    void aGapLongerThanTheBridgeOrWithoutIndicatorsIsNotBridged() {
        double[] largest = {1.5, 0.5, 0.5, 0.5, 1.5, 0.5, NaN, 1.5};
        boolean[] f = new DecisionRule(2, 1, 1).flag(largest);
        assertThat(f).containsExactly(true, false, false, false, true, false, false, true);
    }

    @Test
    void aShortRunNeedsAStrongPeakALongOneDoesNot() {
        double[] largest = {1.1, 0.2, 0.2, 3.0, 0.2, 0.2, 1.1, 1.1, 1.1, 0.2};
        boolean[] f = new DecisionRule(0, 3, 1.25).flag(largest);
        assertThat(f).containsExactly(false, false, false, true, false, false, true, true, true, false);
    }

    @Test
    void aRunMustHoldARowRareEnoughAmongTheInSampleValues() {
        DecisionRule rule = new DecisionRule(0, 3, 1, 0.005, 0.01);
        double rare = -Math.log(0.004); // rarer than both
        double middling = -Math.log(0.008); // rare enough for a long run only
        double common = -Math.log(0.02);
        double[] largest = {2, 0, 2, 0, 1.1, 1.1, 1.1, 0, 1.1, 1.1, 1.1, 0, 1.1, 1.1, 1.1, 0};
        double[] surprisal = {rare, 0, middling, 0, common, middling, common, 0, common, common, common, 0, common, common, rare, 0};
        // a short run: kept when rare, dropped when only middling; long runs: kept when middling or rare, dropped when common
        assertThat(rule.flag(largest, surprisal)).containsExactly(true, false, false, false, true, true, true, false, false, false, false,
                false, true, true, true, false);
        // without rarities (a rule from before they were stored) every one of these runs is kept
        assertThat(new DecisionRule(0, 3, 1).flag(largest, surprisal)).containsExactly(true, false, true, false, true, true, true, false,
                true, true, true, false, true, true, true, false);
    }

    @Test
    void aLongRunNotRareByItsMinimumLengthIsDroppedAndTheNextFlaggedRowOpensANewRun() {
        DecisionRule rule = new DecisionRule(0, 2, 1, 0.01, 0.01);
        double common = -Math.log(0.02);
        double rare = -Math.log(0.001);
        double[] largest = {1.5, 1.5, 1.5, 1.5, 0};
        double[] surprisal = {common, common, common, rare, 0};
        // rows 0-1 reach the minimum length without a rare row: dropped; rows 2-3 open a new run that is rare
        assertThat(rule.flag(largest, surprisal)).containsExactly(false, false, true, true, false);
    }

    @Test
    void aSnapshotFromBeforeRaritiesResumesWithItsRunTakenAsRare() {
        DecisionRule rule = new DecisionRule(0, 3, 1, 0.01, 0.01);
        DecisionRule.Online online = new DecisionRule.Online(rule);
        online.restore(new double[] {2, 0, 0, 1.5}); // two rows waiting, written before the run's surprisal was kept
        List<Boolean> got = new ArrayList<>();
        online.push(1.2, 0, (rows, flag) -> {
            for (int i = 0; i < rows; i++) {
                got.add(flag);
            }
        });
        assertThat(got).containsExactly(true, true, true);
        assertThat(online.state()).hasSize(5);
    }

    @Test
    void aRowDecisionsStateIsMarkedAndOldStatesStillResume() {
        RowDecision decision = new RowDecision(List.of(), new DetectionCalendar(List.of()), new DecisionRule(1, 3, 1, 0.01, 0.01));
        decision.restore(new double[] {2, 0, 0, 1.5, 1, 0}); // a snapshot from before: 4 numbers of the rule, 2 waiting rows
        assertThat(decision.waiting()).isEqualTo(2);
        double[] state = decision.state();
        assertThat(state[0]).isEqualTo(RowDecision.STATE_MARK);
        RowDecision resumed = new RowDecision(List.of(), new DetectionCalendar(List.of()), new DecisionRule(1, 3, 1, 0.01, 0.01));
        resumed.restore(state);
        assertThat(resumed.state()).containsExactly(state);
        List<Integer> codes = new ArrayList<>();
        resumed.end(codes::add);
        assertThat(codes).containsExactly(0, 2); // the unkept run dropped at the end; the second row had an indicator missing
    }

    @Test
    void pointwiseIsTimsRule() {
        double[] largest = {0.5, 1.0, 1.0001, NaN, 7, 0.99};
        assertThat(DecisionRule.POINTWISE.flag(largest)).containsExactly(false, false, true, false, true, false);
    }

    @Test
    void codesKeepTimsMeaningOfACalculatedOrMissingIndicator() {
        double[][] indicators = {
            {1.5, 0.5, 1.5, NaN, 0.5},
            {NaN, 0.2, 0.2, 0.4, 0.4},
        };
        // the bridged middle row is flagged; a row with a missing indicator gets 3 when flagged, 2 when not
        assertThat(AnomalousBehaviorModel.codes(indicators, 5, new DecisionRule(1, 1, 1))).containsExactly(3, 1, 1, 2, 0);
    }

    @Test
    void refusesMeaninglessSettings() {
        assertThatThrownBy(() -> new DecisionRule(-1, 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DecisionRule(0, 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DecisionRule(0, 1, 0.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DecisionRule(0, 1, 1, 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DecisionRule(0, 1, 1, 1, 1.5)).isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * Row by row, with the state carried over snapshots at random moments, the rule decides every row
     * as a direct reading of its definition over the whole series does (runs over short gaps joined,
     * then short weak runs dropped), decides rows in order, and never holds more than it says.
     */
    @Test
    void oneRowAtATimeDecidesAsTheWholeSeriesDoes() {
        for (long seed = 0; seed < 400; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            double[] rarities = {1, 0.05, 0.01};
            DecisionRule rule = new DecisionRule(random.nextInt(0, 5), random.nextInt(1, 6), 1 + random.nextInt(0, 3) * 0.25,
                    rarities[random.nextInt(3)], rarities[random.nextInt(3)]);
            double[] largest = new double[random.nextInt(0, 200)];
            double[] surprisal = new double[largest.length];
            for (int r = 0; r < largest.length; r++) {
                double u = random.nextDouble();
                largest[r] = u < 0.1 ? Double.NaN : u < 0.45 ? 1 + random.nextDouble() : random.nextDouble() * 1.1;
                surprisal[r] = largest[r] > 1 ? random.nextDouble() * 6 : 0;
            }
            boolean[] expected = definition(rule, largest, surprisal);
            List<Boolean> got = new ArrayList<>();
            DecisionRule.Online online = new DecisionRule.Online(rule);
            DecisionRule.Online.Decided into = (rows, flag) -> {
                for (int i = 0; i < rows; i++) {
                    got.add(flag);
                }
            };
            for (int r = 0; r < largest.length; r++) {
                if (random.nextInt(10) == 0) { // resume from a snapshot
                    DecisionRule.Online resumed = new DecisionRule.Online(rule);
                    resumed.restore(online.state());
                    online = resumed;
                }
                online.push(largest[r], surprisal[r], into);
                assertThat(got.size() + online.waiting()).as("seed %d: rows decided and waiting", seed).isEqualTo(r + 1);
                assertThat((long) online.waiting()).as("seed %d: rows waiting", seed).isLessThanOrEqualTo(online.holds());
            }
            online.end(into);
            boolean[] flags = new boolean[got.size()];
            for (int i = 0; i < flags.length; i++) {
                flags[i] = got.get(i);
            }
            assertThat(flags).as("seed %d, %s, %s", seed, rule, Arrays.toString(largest)).containsExactly(expected);
            assertThat(rule.flag(largest, surprisal)).as("seed %d", seed).containsExactly(expected);
        }
    }

    /**
     * The rule as its javadoc states it, over the whole series: the oracle for the one-row-at-a-time
     * form. Runs are joined over gaps of at most {@code bridge} rows with indicators; within a joined
     * run, a stretch starting at a flagged row is kept to the run's end from the first flagged row at
     * which it is rare enough (short: a peak above shortPeak and a row rarer than shortRarity; from
     * minRows rows on: a row rarer than longRarity); a stretch that reaches minRows rows without being
     * kept is dropped, and the next flagged row starts a new stretch.
     */
    private static boolean[] definition(DecisionRule rule, double[] largest, double[] surprisal) {
        int n = largest.length;
        boolean[] joined = new boolean[n];
        for (int r = 0; r < n; r++) {
            joined[r] = largest[r] > 1;
        }
        int lastFlagged = -1;
        for (int r = 0; r < n; r++) {
            if (Double.isNaN(largest[r])) {
                lastFlagged = -1;
            } else if (joined[r]) {
                if (lastFlagged >= 0 && r - lastFlagged - 1 <= rule.bridge()) {
                    Arrays.fill(joined, lastFlagged + 1, r, true);
                }
                lastFlagged = r;
            }
        }
        boolean[] flagged = new boolean[n];
        for (int r = 0; r < n; ) {
            if (!joined[r]) {
                r++;
                continue;
            }
            int end = r;
            while (end < n && joined[end]) {
                end++;
            }
            int start = r;
            double peak = 0;
            double rarest = 0;
            for (int j = r; j < end; j++) {
                if (!(largest[j] > 1)) {
                    continue;
                }
                if (start < 0) { // a new stretch after a dropped one
                    start = j;
                }
                peak = Math.max(peak, largest[j]);
                rarest = Math.max(rarest, surprisal[j]);
                int rows = j - start + 1;
                boolean rare = rows >= rule.minRows() ? rule.longRarity() >= 1 || rarest > -Math.log(rule.longRarity())
                        : peak > rule.shortPeak() && (rule.shortRarity() >= 1 || rarest > -Math.log(rule.shortRarity()));
                if (rare) {
                    Arrays.fill(flagged, start, end, true);
                    break;
                }
                if (rows >= rule.minRows()) {
                    start = -1;
                    peak = 0;
                    rarest = 0;
                }
            }
            r = end;
        }
        return flagged;
    }
}
