package dev.vigil.core.prepare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.VigilException;
import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.spi.log.JobLog;
import dev.vigil.spi.log.LogEntry;
import org.junit.jupiter.api.Test;

class OffConditionTest {
    private final JobLog log = new JobLog();

    private static TimeFrame frame() {
        return TimeFrame.builder(new long[] {0, 1000, 2000, 3000, 4000}).source("pump.csv")
                .column("pump\\Sensor13", new double[] {5000, 3999, 4000, Double.NaN, 100})
                .column("motor\\Sensor13", new double[] {1, 1, 1, 1, 1})
                .column("motor\\Current", new double[] {1, 2, 3, 4, 5})
                .build();
    }

    @Test
    void parsesBothOperatorsAndLookoutsComponentTagForm() {
        assertThat(OffCondition.parse("pump\\Sensor13<4000")).isEqualTo(new OffCondition("pump\\Sensor13", true, 4000));
        assertThat(OffCondition.parse(" speed > -1.5e2 ")).isEqualTo(new OffCondition("speed", false, -150));
        assertThat(OffCondition.parse("pump\\Sensor13<4000")).hasToString("pump\\Sensor13<4000");
    }

    @Test
    void malformedConditionsAreRefusedSayingWhatIsValid() {
        for (String bad : new String[] {"pump", "<4", "speed<", "speed<fast", "speed<NaN", "speed<1d", "speed=4"}) {
            assertThatThrownBy(() -> OffCondition.parse(bad)).as(bad).isInstanceOfSatisfying(VigilException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CONFIGURATION)).hasMessageContaining("SIGNAL<VALUE");
        }
    }

    @Test
    void theMaskFlagsRowsWhereTheConditionHoldsStrictlyAndMissingValuesAsOn() {
        assertThat(OffCondition.parse("pump\\Sensor13<4000").mask(frame(), log)).containsExactly(false, true, false, false, true);
        assertThat(OffCondition.parse("pump\\Sensor13>4000").mask(frame(), log)).containsExactly(true, false, false, false, false);
        assertThat(log.entries()).extracting(LogEntry::message).anyMatch(m -> m.startsWith("2 of 5 rows (40.0 %)"))
                .anyMatch(m -> m.contains("1 rows have no value"));
    }

    @Test
    void aBareTagResolvesWhenOneComponentHasItAndIsRefusedOtherwise() {
        assertThat(OffCondition.parse("Current>4").mask(frame(), log)).containsExactly(false, false, false, false, true);
        assertThatThrownBy(() -> OffCondition.parse("Sensor13<1").mask(frame(), log)).isInstanceOfSatisfying(VigilException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_COLUMN)).hasMessageContaining("several components");
        assertThatThrownBy(() -> OffCondition.parse("pump\\Sensor31<1").mask(frame(), log)).hasMessageContaining("pump.csv has no signal")
                .hasMessageContaining("did you mean 'pump\\Sensor13'");
    }

    @Test
    void everyRowOffIsWarned() {
        OffCondition.parse("motor\\Current<100").mask(frame(), log);
        assertThat(log.entries()).extracting(LogEntry::message).anyMatch(m -> m.startsWith("Every row is off"));
    }
}
