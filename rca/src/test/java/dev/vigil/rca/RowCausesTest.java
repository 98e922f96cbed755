package dev.vigil.rca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RowCausesTest {
    private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

    private static RowCauses row(int second, double steady, double swinging) {
        double total = Math.abs(steady) + Math.abs(swinging);
        return new RowCauses(T0.plusSeconds(second), 10 + second, 10 + steady + swinging, 10, List.of(
                new Cause("swing", 5 + swinging, 5, swinging, Math.abs(swinging) / total),
                new Cause("steady", 2 + steady, 2, steady, Math.abs(steady) / total)));
    }

    @Test
    void aContributorPushingOneWayOutranksOneSwingingToAndFro() {
        RowCauses over = RowCauses.over(List.of(row(0, 1, 3), row(1, 1, -3), row(2, 1, 2.5)));
        assertThat(over.timestamp()).isEqualTo(T0);
        assertThat(over.kpi()).isCloseTo(11, within(1e-12));
        assertThat(over.causes().get(0).contributor()).isEqualTo("steady");
        assertThat(over.causes().get(0).departure()).isCloseTo(1, within(1e-12));
        assertThat(over.causes().get(0).contribution()).isCloseTo(3, within(1e-12));
        assertThat(over.causes().get(1).departure()).isCloseTo(2.5 / 3, within(1e-12));
        assertThat(over.causes().stream().mapToDouble(Cause::share).sum()).isCloseTo(1, within(1e-12));
        assertThat(over.causes().stream().mapToDouble(Cause::departure).sum())
                .isCloseTo(over.normalBehavior() - over.typicalNormalBehavior(), within(1e-12));
    }

    @Test
    void aContributorMissingOnSomeRowsCountsAsNotDepartingThere() {
        RowCauses lone = new RowCauses(T0.plusSeconds(1), 10, 12, 10, List.of(new Cause("steady", 4, 2, 2, 1)));
        RowCauses over = RowCauses.over(List.of(row(0, 1, 3), lone));
        Cause swing = over.causes().stream().filter(c -> c.contributor().equals("swing")).findFirst().orElseThrow();
        assertThat(swing.departure()).isCloseTo(1.5, within(1e-12));
        assertThat(over.causes().get(0).contributor()).isEqualTo("steady");
        assertThat(over.causes().get(0).departure()).isCloseTo(1.5, within(1e-12));
    }

    @Test
    void oneRowIsItselfAndNoRowsIsRefused() {
        RowCauses r = row(0, 1, 3);
        assertThat(RowCauses.over(List.of(r))).isSameAs(r);
        assertThatThrownBy(() -> RowCauses.over(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
