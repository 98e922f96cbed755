package dev.vigil.spark;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.vigil.evaluation.system.SystemJobSettings;
import dev.vigil.io.config.ConfigurationReader;
import dev.vigil.io.config.ConfigurationWriter;
import dev.vigil.io.model.SystemModelFiles;
import dev.vigil.spi.ColumnLayout;
import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.VigilException;
import dev.vigil.spi.log.JobLog;
import dev.vigil.spi.settings.JobSettings;
import java.io.Serializable;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What {@link Fleet#buildModels} builds for every asset: a kpi-driven model ({@link #kpi}, the settings a TIM-shaped
 * configuration gives, as {@code vigil build-model --config} takes them) or a system-driven one ({@link #system}), the
 * time column, and the columns that are not values.
 *
 * <p>Settings travel to Spark's executors as the JSON a model file holds ({@link ConfigurationWriter} and {@link
 * SystemJobSettings#toMap()}), and are read back there exactly as a model file's are: every executor builds with
 * the settings the driver was given.
 *
 * @param approach {@code kpi-driven} or {@code system-driven}
 * @param settingsJson the settings, as JSON
 * @param timeColumn the data's time column
 * @param exclude columns that are neither KPI, influencers nor signals (besides the asset and time columns)
 */
public record FleetConfig(String approach, String settingsJson, String timeColumn, List<String> exclude) implements Serializable {
    /** The approach of kpi-driven models. */
    public static final String KPI_DRIVEN = "kpi-driven";
    /** The approach of system-driven models. */
    public static final String SYSTEM_DRIVEN = SystemModelFiles.APPROACH;
    /** The time column when none is named: Vigil's own ({@code timestamp}). */
    public static final String DEFAULT_TIME_COLUMN = ColumnLayout.DEFAULT.timestampColumn();

    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    public FleetConfig {
        Objects.requireNonNull(approach, "approach is null");
        if (!approach.equals(KPI_DRIVEN) && !approach.equals(SYSTEM_DRIVEN)) {
            throw new VigilException(ErrorCode.INVALID_CONFIGURATION, "approach '" + approach + "': kpi-driven or system-driven");
        }
        Objects.requireNonNull(settingsJson, "settingsJson is null");
        Objects.requireNonNull(timeColumn, "timeColumn is null");
        exclude = List.copyOf(exclude);
    }

    /** Kpi-driven models with these settings (the KPI column named in their data settings, else each asset's first value column). */
    public static FleetConfig kpi(JobSettings settings) {
        return new FleetConfig(KPI_DRIVEN, json(ConfigurationWriter.toTree(settings)), DEFAULT_TIME_COLUMN, List.of());
    }

    /** System-driven models with these settings: every value column of an asset is a signal. */
    public static FleetConfig system(SystemJobSettings settings) {
        return new FleetConfig(SYSTEM_DRIVEN, json(settings.toMap()), DEFAULT_TIME_COLUMN, List.of());
    }

    /** The same with another time column. */
    public FleetConfig withTimeColumn(String column) {
        return new FleetConfig(approach, settingsJson, column, exclude);
    }

    /** The same with columns that are not values (identifiers, labels): never a KPI, influencer or signal. */
    public FleetConfig withExclude(List<String> columns) {
        return new FleetConfig(approach, settingsJson, timeColumn, columns);
    }

    /** Whether the models are system-driven. */
    public boolean systemDriven() {
        return approach.equals(SYSTEM_DRIVEN);
    }

    /** The kpi-driven settings, read back as a model file's are. */
    public JobSettings kpiSettings() {
        if (systemDriven()) {
            throw new IllegalStateException("system-driven configuration");
        }
        return ConfigurationReader.parse(settingsJson, "the fleet's configuration", ZoneOffset.UTC, new JobLog());
    }

    /** The system-driven settings, read back as a model file's are. */
    @SuppressWarnings("unchecked")
    public SystemJobSettings systemSettings() {
        if (!systemDriven()) {
            throw new IllegalStateException("kpi-driven configuration");
        }
        try {
            return SystemJobSettings.fromMap(JSON.readValue(settingsJson, Map.class));
        } catch (JsonProcessingException e) {
            throw new VigilException(ErrorCode.INTERNAL, "Cannot read the fleet's system-driven settings back: " + e.getMessage(), e);
        }
    }

    private static String json(Map<String, Object> tree) {
        try {
            return JSON.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new VigilException(ErrorCode.INTERNAL, "Cannot write the fleet's settings as JSON: " + e.getMessage(), e);
        }
    }
}
