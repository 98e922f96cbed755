package dev.vigil.io.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.VigilException;
import dev.vigil.spi.log.JobLog;
import dev.vigil.spi.log.LogEntry;
import dev.vigil.spi.settings.Aggregation;
import dev.vigil.spi.settings.AutoBoolean;
import dev.vigil.spi.settings.BaseUnit;
import dev.vigil.spi.settings.Configuration;
import dev.vigil.spi.settings.DataSettings;
import dev.vigil.spi.settings.DetectionInterval;
import dev.vigil.spi.settings.DomainSpecific;
import dev.vigil.spi.settings.Imputation;
import dev.vigil.spi.settings.ImputationType;
import dev.vigil.spi.settings.JobSettings;
import dev.vigil.spi.settings.RowSelection;
import dev.vigil.spi.settings.RowUnit;
import dev.vigil.spi.settings.TimeScale;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigurationReaderTest {
    private final JobLog log = new JobLog();

    private JobSettings parse(String json) {
        return ConfigurationReader.parse(json, "cfg.json", ZoneOffset.UTC, log);
    }

    private List<String> problems(String json) {
        try {
            parse(json);
        } catch (VigilException e) {
            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CONFIGURATION);
            return e.problems();
        }
        throw new AssertionError("expected the configuration to be refused");
    }

    @Test
    void readsATimConfigurationUnchanged() {
        JobSettings s = parse("""
                {
                  "name": "production line",
                  "useCase": {"id": "abc"},
                  "configuration": {
                    "domainSpecifics": [
                      {"perspective": "Residual", "sensitivity": 2, "minSensitivity": 0, "maxSensitivity": 5},
                      {"perspective": "Imbalance", "sensitivity": null, "minSensitivity": 1, "maxSensitivity": 3}
                    ],
                    "normalBehaviorModel": {
                      "useNormalBehaviorModel": true, "normalization": false, "maxModelComplexity": 50,
                      "features": ["Intercept", "Identity", "TimeOffsets"], "dailyCycle": false,
                      "useKPIoffsets": "auto", "allowOffsets": true, "offsetLimit": {"type": "Explicit", "value": -3}
                    },
                    "anomalousBehaviorModel": {"maxModelComplexity": 15,
                      "detectionIntervals": [{"type": "Hour", "value": "8-16"}]}
                  },
                  "data": {
                    "version": {"id": "v1"},
                    "rows": {"type": "First", "baseUnit": "Sample", "value": 9392},
                    "columns": ["Output", "MotorRPM"],
                    "KPIColumn": "Output",
                    "labelColumn": "label",
                    "holidayColumn": "",
                    "imputation": {"type": "LOCF", "maxGapLength": 3},
                    "timeScale": {"baseUnit": "Minute", "value": 15},
                    "aggregation": "Minumum"
                  }
                }
                """);
        Configuration c = s.configuration();
        assertThat(c.domainSpecifics()).containsExactly(
                new DomainSpecific("Residual", OptionalDouble.of(2), 0, 5),
                new DomainSpecific("Imbalance", OptionalDouble.empty(), 1, 3));
        assertThat(c.normalBehaviorModel().normalization()).isFalse();
        assertThat(c.normalBehaviorModel().maxModelComplexity()).hasValue(50);
        assertThat(c.normalBehaviorModel().features()).containsExactly("Intercept", "Identity", "TimeOffsets");
        assertThat(c.normalBehaviorModel().dailyCycle()).isEqualTo(AutoBoolean.FALSE);
        assertThat(c.normalBehaviorModel().useKPIoffsets()).isEqualTo(AutoBoolean.AUTO);
        assertThat(c.normalBehaviorModel().offsetLimit()).hasValue(-3);
        assertThat(c.anomalousBehaviorModel().maxModelComplexity()).isEqualTo(15);
        assertThat(c.anomalousBehaviorModel().detectionIntervals()).containsExactly(new DetectionInterval(DetectionInterval.Type.Hour, "8-16"));
        DataSettings d = s.data();
        assertThat(d.rows()).isEqualTo(RowSelection.first(9392, RowUnit.Sample));
        assertThat(d.columns()).containsExactly("Output", "MotorRPM");
        assertThat(d.kpiColumn()).isEqualTo("Output");
        assertThat(d.labelColumn()).isEqualTo("label");
        assertThat(d.holidayColumn()).isNull();
        assertThat(d.imputation()).isEqualTo(new Imputation(ImputationType.LOCF, 3));
        assertThat(d.timeScale()).isEqualTo(new TimeScale(BaseUnit.Minute, 15));
        assertThat(d.aggregation()).isEqualTo(Aggregation.Minimum);
        assertThat(log.entries()).extracting(LogEntry::message)
                .anyMatch(m -> m.startsWith("Ignored 'name'"))
                .anyMatch(m -> m.startsWith("Ignored 'data.version'"));
    }

    @Test
    void absentKeysTakeTheDefaults() {
        JobSettings s = parse("{}");
        assertThat(s).isEqualTo(JobSettings.DEFAULT);
        assertThat(parse("{\"configuration\": {}, \"data\": {}}")).isEqualTo(JobSettings.DEFAULT);
    }

    @Test
    void rowRangesAndAutoValues() {
        JobSettings s = parse("""
                {"configuration": {"normalBehaviorModel": {"maxModelComplexity": "auto", "offsetLimit": {"type": "Explicit", "value": "auto"}}},
                 "data": {"rows": [{"from": "2019-03-06 10:52:33", "to": "2019-03-06T11:00:00Z"}]}}
                """);
        assertThat(s.configuration().normalBehaviorModel().maxModelComplexity()).isEqualTo(OptionalInt.empty());
        assertThat(s.configuration().normalBehaviorModel().offsetLimit()).isEqualTo(OptionalInt.empty());
        assertThat(s.data().rows()).isEqualTo(RowSelection.ranges(List.of(new RowSelection.TimeRange(
                Instant.parse("2019-03-06T10:52:33Z"), Instant.parse("2019-03-06T11:00:00Z")))));
    }

    @Test
    void unknownKeysWrongTypesAndOutOfRangeValuesAreAllReportedTogether() {
        List<String> problems = problems("""
                {
                  "configuration": {
                    "domainSpecifics": [{"perspective": "Residual", "sensitivity": 150}, {"sensitivity": 1}],
                    "normalBehaviorModel": {"maxModelComplexty": 10, "normalization": "yes", "maxModelComplexity": "many",
                                            "dailyCycle": 1},
                    "anomalousBehaviorModel": {"maxModelComplexity": 0, "detectionIntervals": [{"type": "Hours", "value": "8-30"}]}
                  },
                  "data": {"kpiColumn": "Output", "aggregation": "Meen", "imputation": {"type": "Linear", "maxGapLength": -2},
                           "rows": {"type": "First", "value": 0}}
                }
                """);
        assertThat(problems).containsExactlyInAnyOrder(
                "$.configuration.domainSpecifics[0]: sensitivity must be between 0 and 100, got 150",
                "$.configuration.domainSpecifics[1].perspective: is required, e.g. \"Residual\"",
                "$.configuration.normalBehaviorModel.normalization: expected true or false, got \"yes\"",
                "$.configuration.normalBehaviorModel.maxModelComplexity: expected a whole number or \"auto\", got \"many\"",
                "$.configuration.normalBehaviorModel.dailyCycle: expected true, false or \"auto\", got 1",
                "$.configuration.normalBehaviorModel.maxModelComplexty: unknown key; did you mean 'maxModelComplexity'? known keys here: "
                        + "useNormalBehaviorModel, normalization, maxModelComplexity, features, dailyCycle, useKPIoffsets, allowOffsets, offsetLimit",
                "$.configuration.anomalousBehaviorModel.detectionIntervals[0].type: 'Hours' is not valid; did you mean 'Hour'? valid: Day, Hour, Minute, Second",
                "$.configuration.anomalousBehaviorModel: maxModelComplexity must be between 1 and 100, got 0",
                "$.data.aggregation: 'Meen' is not valid; did you mean 'Mean'? valid: Maximum, Mean, Minimum, Sum",
                "$.data.imputation: maxGapLength must be at least 0, got -2",
                "$.data.rows: rows.value must be at least 1, got 0",
                "$.data.kpiColumn: unknown key; did you mean 'KPIColumn'? known keys here: version, updates, rows, columns, KPIColumn, "
                        + "labelColumn, holidayColumn, imputation, timeScale, aggregation");
    }

    @Test
    void outOfRangeDetectionIntervalIsReportedWithItsPath() {
        assertThat(problems("{\"configuration\": {\"anomalousBehaviorModel\": {\"detectionIntervals\": [{\"type\": \"Hour\", \"value\": \"8-30\"}]}}}"))
                .containsExactly("$.configuration.anomalousBehaviorModel.detectionIntervals[0]: detectionIntervals Hour value '8-30' "
                        + "is out of range; valid: comma-separated values or ranges a-b within 0-23 (e.g. \"8-16\" or \"1,12,23\")");
    }

    @Test
    void wrongShapesAreNamed() {
        assertThat(problems("{\"configuration\": [], \"data\": {\"rows\": 5, \"columns\": [\"a\", 3]}}")).containsExactlyInAnyOrder(
                "$.configuration: expected an object {…}, got an array",
                "$.data.rows: expected {\"type\": \"First\", \"baseUnit\": \"Sample\", \"value\": N} or a list of {\"from\", \"to\"} ranges, got 5",
                "$.data.columns[1]: expected a string, got 3");
        assertThat(problems("{\"data\": {\"rows\": [{\"from\": \"yesterday\"}]}}")).containsExactlyInAnyOrder(
                "$.data.rows[0].from: 'yesterday' is not a timestamp; expected an ISO 8601 date-time such as 2019-03-06 10:52:33 or 2019-03-06T10:52:33Z",
                "$.data.rows[0].to: is required, e.g. \"2019-03-06 10:52:33\"");
    }

    @Test
    void malformedJsonNamesLineAndColumn() {
        assertThatThrownBy(() -> parse("{\n  \"data\": {\n    \"KPIColumn\": \"Output\",\n  }\n}"))
                .isInstanceOfSatisfying(VigilException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CONFIGURATION))
                .hasMessageStartingWith("cfg.json is not valid JSON (line 4, column 3)");
        assertThatThrownBy(() -> parse("{\"data\": {}, \"data\": {}}")).hasMessageContaining("Duplicate field 'data'");
        assertThatThrownBy(() -> parse("")).hasMessageContaining("cfg.json is empty");
        assertThatThrownBy(() -> parse("[1]")).hasMessageContaining("expected a JSON object");
    }

    @Test
    void readsFromAFileAndRefusesMissingOnes(@TempDir Path dir) throws IOException {
        Path p = dir.resolve("c.json");
        Files.writeString(p, "{\"data\": {\"KPIColumn\": \"Output\"}}");
        assertThat(ConfigurationReader.read(p, log).data().kpiColumn()).isEqualTo("Output");
        assertThatThrownBy(() -> ConfigurationReader.read(dir.resolve("none.json"), log))
                .isInstanceOfSatisfying(VigilException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.FILE_NOT_FOUND))
                .hasMessageContaining("none.json does not exist");
    }

    @Test
    void domainSpecificsAreReportedOnlyWhenTheFileListsThem(@TempDir Path dir) throws IOException {
        Path dataOnly = dir.resolve("data.json");
        Files.writeString(dataOnly, "{\"data\": {\"KPIColumn\": \"Output\"}}");
        assertThat(ConfigurationReader.domainSpecifics(dataOnly, ZoneOffset.UTC, log)).isEmpty();
        Path nullList = dir.resolve("null.json");
        Files.writeString(nullList, "{\"configuration\": {\"domainSpecifics\": null}}");
        assertThat(ConfigurationReader.domainSpecifics(nullList, ZoneOffset.UTC, log)).isEmpty();
        Path listed = dir.resolve("listed.json");
        Files.writeString(listed, "{\"configuration\": {\"domainSpecifics\": [{\"perspective\": \"Residual\", \"sensitivity\": 1}]}}");
        assertThat(ConfigurationReader.domainSpecifics(listed, ZoneOffset.UTC, log))
                .contains(List.of(new DomainSpecific("Residual", OptionalDouble.of(1), 0, 5)));
        Path invalid = dir.resolve("invalid.json");
        Files.writeString(invalid, "{\"data\": {\"KPIColum\": \"Output\"}}");
        assertThatThrownBy(() -> ConfigurationReader.domainSpecifics(invalid, ZoneOffset.UTC, log)).isInstanceOf(VigilException.class)
                .hasMessageContaining("KPIColum");
    }
}
