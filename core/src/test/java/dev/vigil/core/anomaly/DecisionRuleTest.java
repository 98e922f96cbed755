package dev.vigil.core.anomaly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
    }
}
