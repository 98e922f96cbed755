package dev.vigil.io.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.spi.log.JobLog;
import dev.vigil.spi.settings.Aggregation;
import dev.vigil.spi.settings.AnomalousBehaviorSettings;
import dev.vigil.spi.settings.AutoBoolean;
import dev.vigil.spi.settings.BaseUnit;
import dev.vigil.spi.settings.Configuration;
import dev.vigil.spi.settings.DataSettings;
import dev.vigil.spi.settings.DetectionInterval;
import dev.vigil.spi.settings.DomainSpecific;
import dev.vigil.spi.settings.Imputation;
import dev.vigil.spi.settings.ImputationType;
import dev.vigil.spi.settings.JobSettings;
import dev.vigil.spi.settings.NormalBehaviorSettings;
import dev.vigil.spi.settings.RowSelection;
import dev.vigil.spi.settings.RowUnit;
import dev.vigil.spi.settings.TimeScale;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class ConfigurationWriterTest {
    private static JobSettings roundTrip(JobSettings settings) throws Exception {
        String json = new ObjectMapper().writeValueAsString(ConfigurationWriter.toTree(settings));
        return ConfigurationReader.parse(json, "written.json", ZoneOffset.UTC, new JobLog());
    }

    @Test
    void defaultsReadBackEqual() throws Exception {
        assertThat(roundTrip(JobSettings.DEFAULT)).isEqualTo(JobSettings.DEFAULT);
    }

    @Test
    void everySettingReadsBackEqual() throws Exception {
        Configuration c = new Configuration(
                List.of(new DomainSpecific("Residual", OptionalDouble.of(1.5), 0, 4), DomainSpecific.auto("Fluctuation")),
                new NormalBehaviorSettings(true, false, OptionalInt.of(12), List.of("Identity", "Intercept"), AutoBoolean.TRUE,
                        AutoBoolean.FALSE, false, OptionalInt.of(-4)),
                new AnomalousBehaviorSettings(7, List.of(new DetectionInterval(DetectionInterval.Type.Hour, "8-16")), false));
        DataSettings d = new DataSettings(RowSelection.last(3, RowUnit.Day), List.of("a", "b"), "kpi", "label", "holiday",
                new Imputation(ImputationType.LOCF, 2), new TimeScale(BaseUnit.Minute, 15), Aggregation.Maximum);
        JobSettings s = new JobSettings(c, d);
        assertThat(roundTrip(s)).isEqualTo(s);
        JobSettings ranges = s.withData(d.withRows(RowSelection.ranges(List.of(new RowSelection.TimeRange(
                Instant.parse("2020-01-01T00:00:00Z"), Instant.parse("2020-01-02T12:30:00.250Z"))))));
        assertThat(roundTrip(ranges)).isEqualTo(ranges);
    }
}
