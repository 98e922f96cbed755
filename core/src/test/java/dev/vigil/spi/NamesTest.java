package dev.vigil.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class NamesTest {
    private static final List<String> PERSPECTIVES =
            List.of("Residual", "ResidualChange", "Imbalance", "ImbalanceChange", "Fluctuation", "FluctuationChange");

    @Test
    void suggestsTheNearestNameForATypo() {
        assertThat(Names.nearest("Imbalanse", PERSPECTIVES)).contains("Imbalance");
        assertThat(Names.nearest("residual", PERSPECTIVES)).contains("Residual");
        assertThat(Names.nearest("useKPIoffset", List.of("useKPIoffsets", "allowOffsets"))).contains("useKPIoffsets");
    }

    @Test
    void suggestsNothingForAnUnrelatedName() {
        assertThat(Names.nearest("Temperature", PERSPECTIVES)).isEmpty();
        assertThat(Names.nearest("x", List.of())).isEmpty();
    }

    @Test
    void unknownNameMessageListsKnownNamesSorted() {
        assertThat(Names.unknown("Imbalanse", PERSPECTIVES)).isEqualTo("'Imbalanse'; did you mean 'Imbalance'? known: "
                + "Fluctuation, FluctuationChange, Imbalance, ImbalanceChange, Residual, ResidualChange");
        assertThat(Names.unknown("a", List.of())).isEqualTo("'a'; none are known");
    }

    @Test
    void severalMissingColumnsAreEachNamedWithTheExistingColumnsListedOnce() {
        java.util.Map<String, String> roles = new java.util.LinkedHashMap<>();
        roles.put("Outpt", "KPI column");
        roles.put("Pressure", "influencer");
        roles.put("Flow", "influencer");
        assertThatThrownBy(() -> Names.requireColumns("line.csv", roles, List.of("Output", "Temperature", "Flow")))
                .isInstanceOfSatisfying(VigilException.class, e -> assertThat(e.problems())
                        .containsExactly("no KPI column 'Outpt'; did you mean 'Output'?", "no influencer 'Pressure'"))
                .hasMessageStartingWith("Columns missing from line.csv (columns: Flow, Output, Temperature)");
        roles.remove("Pressure");
        assertThatThrownBy(() -> Names.requireColumns("line.csv", roles, List.of("Output", "Flow")))
                .hasMessage("line.csv has no KPI column 'Outpt'; did you mean 'Output'? columns: Flow, Output");
    }

    @Test
    void transpositionCountsAsOneEdit() {
        assertThat(Names.distance("ab", "ba")).isEqualTo(1);
        assertThat(Names.distance("kitten", "sitting")).isEqualTo(3);
    }

    @Test
    void exceptionWithSeveralProblemsListsEachOnItsOwnLine() {
        VigilException e = VigilException.ofProblems(ErrorCode.INVALID_CONFIGURATION, "Invalid cfg.json",
                List.of("$.a: bad", "$.b: worse"));
        assertThat(e.problems()).containsExactly("$.a: bad", "$.b: worse");
        assertThat(e.getMessage()).startsWith("Invalid cfg.json").contains("  - $.a: bad").contains("  - $.b: worse");
        assertThat(e.kind()).isEqualTo(ErrorKind.USER_INPUT);
    }
}
