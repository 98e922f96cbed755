package dev.vigil.system.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.SystemModel;
import dev.vigil.spi.SystemModelFactory;
import dev.vigil.spi.SystemProblem;
import dev.vigil.spi.VigilException;
import dev.vigil.spi.log.JobLog;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExtendedIsolationForestContractTest extends SystemModelContract {
    @Override
    protected SystemModelFactory factory() {
        return new ExtendedIsolationForest();
    }

    @Test
    void anExtensionLevelBeyondTheSignalsIsRefusedWithTheLegalRange() {
        SystemProblem p = problem(1, new JobLog()).withParameters(Map.of("extensionLevel", 9));
        assertThatThrownBy(() -> factory().fit(p)).isInstanceOfSatisfying(VigilException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CONFIGURATION))
                .hasMessageContaining("extensionLevel must be from 0 to 5").hasMessageContaining("got 9");
        assertThatThrownBy(() -> factory().checkParameters(Map.of("numberOfTrees", "many", "normalization", "yes")))
                .hasMessageContaining("numberOfTrees must be a whole number").hasMessageContaining("normalization must be true or false");
    }

    @Test
    void automaticSettingsAreResolvedAndLogged() {
        JobLog log = new JobLog();
        SystemModel m = factory().fit(problem(1, log).withParameters(Map.of("subSampleSize", 64)));
        assertThat(m.parameters()).containsEntry("maxTreeDepth", 6).containsEntry("extensionLevel", 1).containsEntry("subSampleSize", 64);
        assertThat(log.entries()).anyMatch(e -> e.message().contains("extension level 1 of 5") && e.message().contains("automatic"));
    }
}
