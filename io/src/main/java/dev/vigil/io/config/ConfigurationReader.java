package dev.vigil.io.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.vigil.io.TimestampFormat;
import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.VigilException;
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
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * Reads a JSON configuration in TIM's shape ({@code {configuration: {domainSpecifics,
 * normalBehaviorModel, anomalousBehaviorModel}, data: {rows, columns, KPIColumn, …}}}) into
 * {@link JobSettings}; absent keys take TIM's defaults. A TIM user's configuration works unchanged:
 * TIM's platform-only keys ({@code name}, {@code useCase}, {@code data.version}, {@code
 * data.updates}) are accepted and ignored with a log entry.
 *
 * <p>Every problem is collected and reported together in one {@link VigilException} — unknown keys
 * (with the nearest known key), wrong types and out-of-range values — each naming its JSON path,
 * e.g. {@code $.configuration.normalBehaviorModel.maxModelComplexity: expected a whole number or
 * "auto", got "many"}. Thread-safe (stateless).
 */
public final class ConfigurationReader {
    private static final String ORIGIN = "Validation";
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    private ConfigurationReader() {
    }

    /** Reads a configuration file; zone-less timestamps in {@code data.rows} are read as UTC. */
    public static JobSettings read(Path file, JobLog log) {
        return read(file, ZoneOffset.UTC, log);
    }

    /** Reads a configuration file; zone-less timestamps in {@code data.rows} are read in {@code zone}. */
    public static JobSettings read(Path file, ZoneId zone, JobLog log) {
        return parse(text(file), file.toString(), zone, log);
    }

    /**
     * The {@code configuration.domainSpecifics} a configuration file lists, or empty when it has no
     * such key — unlike {@link #read}, which fills an absent key with the defaults. For jobs that take
     * only the perspectives from a file and keep their own otherwise (rebuild-model). The whole file is
     * validated as {@link #read} does.
     */
    public static Optional<List<DomainSpecific>> domainSpecifics(Path file, ZoneId zone, JobLog log) {
        JsonNode root = tree(text(file), file.toString());
        JobSettings settings = parse(root, file.toString(), zone, log);
        boolean listed = root.path("configuration").hasNonNull("domainSpecifics"); // as the parser reads it: null is absent
        return listed ? Optional.of(settings.configuration().domainSpecifics()) : Optional.empty();
    }

    private static String text(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new VigilException(ErrorCode.FILE_NOT_FOUND, "Configuration file " + file + (Files.exists(file) ? " is not a file" : " does not exist"));
        }
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new VigilException(ErrorCode.IO_FAILURE, "Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Parses a configuration.
     *
     * @param source the file name, for messages
     */
    public static JobSettings parse(String json, String source, ZoneId zone, JobLog log) {
        return parse(tree(json, source), source, zone, log);
    }

    /** The JSON text as a tree; invalid JSON is refused with its line and column. */
    private static JsonNode tree(String json, String source) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new VigilException(ErrorCode.INVALID_CONFIGURATION, source + " is not valid JSON"
                    + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")") + ": " + e.getOriginalMessage(), e);
        }
    }

    private static JobSettings parse(JsonNode root, String source, ZoneId zone, JobLog log) {
        if (root == null || root.isMissingNode()) {
            throw new VigilException(ErrorCode.INVALID_CONFIGURATION, source + " is empty; expected a JSON object {\"configuration\": …, \"data\": …}");
        }
        List<String> problems = new ArrayList<>();
        if (!root.isObject()) {
            throw new VigilException(ErrorCode.INVALID_CONFIGURATION, source + ": expected a JSON object {\"configuration\": …, \"data\": …}, got "
                    + JsonObject.describe(root));
        }
        JsonObject top = new JsonObject("$", root, problems);
        for (String platformKey : List.of("name", "useCase", "version")) {
            if (top.has(platformKey)) {
                log.info(ORIGIN, "Ignored '" + platformKey + "' of " + source + ": it only matters on TIM's platform.");
            }
        }
        Configuration configuration = top.object("configuration").map(ConfigurationReader::configuration).orElse(Configuration.DEFAULT);
        DataSettings data = top.object("data").map(d -> data(d, zone, log, source)).orElse(DataSettings.DEFAULT);
        top.finish();
        if (!problems.isEmpty()) {
            throw VigilException.ofProblems(ErrorCode.INVALID_CONFIGURATION, "Invalid configuration in " + source
                    + " (" + problems.size() + (problems.size() == 1 ? " problem)" : " problems)"), problems);
        }
        return new JobSettings(configuration, data);
    }

    private static Configuration configuration(JsonObject o) {
        List<DomainSpecific> perspectives = new ArrayList<>();
        boolean listed = o.raw("domainSpecifics") != null;
        List<JsonNode> items = o.array("domainSpecifics");
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            String key = "domainSpecifics[" + i + "]";
            if (!item.isObject()) {
                o.problem(key, "expected an object {\"perspective\": …}, got " + JsonObject.describe(item));
                continue;
            }
            JsonObject d = new JsonObject(o.at(key), item, problemsOf(o));
            Optional<String> perspective = d.string("perspective");
            if (perspective.isEmpty() && d.raw("perspective") == null) {
                d.problem("perspective", "is required, e.g. \"Residual\"");
            }
            OptionalDouble sensitivity = d.number("sensitivity");
            double min = d.number("minSensitivity").orElse(0);
            double max = d.number("maxSensitivity").orElse(5);
            d.finish();
            perspective.flatMap(p -> d.build(() -> new DomainSpecific(p, sensitivity, min, max))).ifPresent(perspectives::add);
        }
        NormalBehaviorSettings nb = o.object("normalBehaviorModel").map(ConfigurationReader::normalBehavior)
                .orElse(NormalBehaviorSettings.DEFAULT);
        AnomalousBehaviorSettings ab = o.object("anomalousBehaviorModel").map(ConfigurationReader::anomalousBehavior)
                .orElse(AnomalousBehaviorSettings.DEFAULT);
        o.finish();
        List<DomainSpecific> chosen = perspectives;
        if (!listed) {
            chosen = Configuration.DEFAULT.domainSpecifics();
        } else if (items.isEmpty()) {
            o.problem("domainSpecifics", "must list at least one perspective, e.g. [{\"perspective\": \"Residual\"}]");
        }
        // when every listed entry had a problem, those are reported; the defaults only keep reading going
        List<DomainSpecific> finalPerspectives = chosen.isEmpty() ? Configuration.DEFAULT.domainSpecifics() : chosen;
        return o.build(() -> new Configuration(finalPerspectives, nb, ab)).orElse(Configuration.DEFAULT);
    }

    private static NormalBehaviorSettings normalBehavior(JsonObject o) {
        NormalBehaviorSettings d = NormalBehaviorSettings.DEFAULT;
        boolean use = o.bool("useNormalBehaviorModel").orElse(d.useNormalBehaviorModel());
        boolean normalization = o.bool("normalization").orElse(d.normalization());
        OptionalInt complexity = o.integerOrAuto("maxModelComplexity", d::maxModelComplexity);
        List<String> features = o.strings("features").orElse(d.features());
        AutoBoolean dailyCycle = autoBoolean(o, "dailyCycle");
        AutoBoolean kpiOffsets = autoBoolean(o, "useKPIoffsets");
        boolean allowOffsets = o.bool("allowOffsets").orElse(d.allowOffsets());
        OptionalInt offsetLimit = offsetLimit(o);
        o.finish();
        return o.build(() -> new NormalBehaviorSettings(use, normalization, complexity, features, dailyCycle, kpiOffsets,
                allowOffsets, offsetLimit)).orElse(d);
    }

    private static AutoBoolean autoBoolean(JsonObject o, String key) {
        JsonNode v = o.raw(key);
        if (v == null) {
            return AutoBoolean.AUTO;
        }
        if (v.isBoolean()) {
            return AutoBoolean.of(v.asBoolean());
        }
        if (v.isTextual() && v.asText().equalsIgnoreCase("auto")) {
            return AutoBoolean.AUTO;
        }
        o.problem(key, "expected true, false or \"auto\", got " + JsonObject.describe(v));
        return AutoBoolean.AUTO;
    }

    private static OptionalInt offsetLimit(JsonObject o) {
        JsonNode v = o.raw("offsetLimit");
        if (v == null || !v.isObject()) {
            return o.integerOrAuto("offsetLimit", OptionalInt::empty);
        }
        return o.object("offsetLimit").map(limit -> {
            limit.string("type").filter(t -> !t.equals("Explicit"))
                    .ifPresent(t -> limit.problem("type", "'" + t + "' is not valid; valid: Explicit"));
            OptionalInt value = limit.integerOrAuto("value", OptionalInt::empty);
            limit.finish();
            return value;
        }).orElse(OptionalInt.empty());
    }

    private static AnomalousBehaviorSettings anomalousBehavior(JsonObject o) {
        int complexity = o.integer("maxModelComplexity").orElse(AnomalousBehaviorSettings.DEFAULT.maxModelComplexity());
        boolean secondPass = o.bool("secondPass").orElse(AnomalousBehaviorSettings.DEFAULT.secondPass());
        List<DetectionInterval> intervals = new ArrayList<>();
        List<JsonNode> items = o.array("detectionIntervals");
        for (int i = 0; i < items.size(); i++) {
            String key = "detectionIntervals[" + i + "]";
            if (!items.get(i).isObject()) {
                o.problem(key, "expected an object {\"type\": \"Hour\", \"value\": \"8-16\"}, got " + JsonObject.describe(items.get(i)));
                continue;
            }
            JsonObject d = new JsonObject(o.at(key), items.get(i), problemsOf(o));
            Optional<DetectionInterval.Type> type = d.enumValue("type", DetectionInterval.Type.class);
            Optional<String> value = d.string("value");
            if (d.raw("type") == null) {
                d.problem("type", "is required: Day, Hour, Minute or Second");
            }
            if (d.raw("value") == null) {
                d.problem("value", "is required, e.g. \"8-16\" or \"1,12,23\"");
            }
            d.finish();
            if (type.isPresent() && value.isPresent()) {
                d.build(() -> new DetectionInterval(type.get(), value.get())).ifPresent(intervals::add);
            }
        }
        o.finish();
        return o.build(() -> new AnomalousBehaviorSettings(complexity, intervals, secondPass)).orElse(AnomalousBehaviorSettings.DEFAULT);
    }

    private static DataSettings data(JsonObject o, ZoneId zone, JobLog log, String source) {
        DataSettings d = DataSettings.DEFAULT;
        if (o.has("version")) {
            log.info(ORIGIN, "Ignored 'data.version' of " + source + ": Vigil reads the data file it is given.");
        }
        if (o.has("updates")) {
            log.warning(ORIGIN, "Ignored 'data.updates' of " + source + ": Vigil assumes aligned data (every column known at every row).");
        }
        RowSelection rows = rows(o, zone).orElse(d.rows());
        List<String> columns = o.strings("columns").orElse(d.columns());
        String kpi = o.string("KPIColumn").orElse(null);
        String label = o.string("labelColumn").filter(s -> !s.isEmpty()).orElse(null);
        String holidays = o.string("holidayColumn").filter(s -> !s.isEmpty()).orElse(null);
        Imputation imputation = o.object("imputation").flatMap(i -> {
            Optional<ImputationType> type = i.enumValue("type", ImputationType.class);
            int gap = i.integer("maxGapLength").orElse(Imputation.DEFAULT.maxGapLength());
            i.finish();
            return i.build(() -> new Imputation(type.orElse(Imputation.DEFAULT.type()), gap));
        }).orElse(d.imputation());
        TimeScale timeScale = o.object("timeScale").flatMap(t -> {
            Optional<BaseUnit> unit = t.enumValue("baseUnit", BaseUnit.class);
            OptionalInt value = t.integer("value");
            if (t.raw("baseUnit") == null) {
                t.problem("baseUnit", "is required: Second, Minute, Hour or Day");
            }
            if (t.raw("value") == null) {
                t.problem("value", "is required, e.g. 15");
            }
            t.finish();
            return unit.isPresent() && value.isPresent() ? t.build(() -> new TimeScale(unit.get(), value.getAsInt())) : Optional.empty();
        }).orElse(null);
        Aggregation aggregation = o.enumValue("aggregation", Aggregation.class, "Minumum", "Minimum").orElse(d.aggregation());
        o.finish();
        return o.build(() -> new DataSettings(rows, columns, kpi, label, holidays, imputation, timeScale, aggregation)).orElse(d);
    }

    private static Optional<RowSelection> rows(JsonObject o, ZoneId zone) {
        JsonNode v = o.raw("rows");
        if (v == null) {
            return Optional.empty();
        }
        if (v.isObject()) {
            return o.object("rows").flatMap(r -> {
                Optional<RowSelection.Side> side = r.enumValue("type", RowSelection.Side.class);
                Optional<RowUnit> unit = r.enumValue("baseUnit", RowUnit.class);
                OptionalInt value = r.integer("value");
                if (r.raw("type") == null) {
                    r.problem("type", "is required: First or Last");
                }
                if (r.raw("value") == null) {
                    r.problem("value", "is required, e.g. 1000");
                }
                r.finish();
                if (side.isEmpty() || value.isEmpty()) {
                    return Optional.empty();
                }
                return r.build(() -> new RowSelection.Count(side.get(), unit.orElse(RowUnit.Sample), value.getAsInt()));
            });
        }
        if (!v.isArray()) {
            o.problem("rows", "expected {\"type\": \"First\", \"baseUnit\": \"Sample\", \"value\": N} or a list of {\"from\", \"to\"} ranges, got "
                    + JsonObject.describe(v));
            return Optional.empty();
        }
        List<RowSelection.TimeRange> ranges = new ArrayList<>();
        List<JsonNode> items = o.array("rows");
        for (int i = 0; i < items.size(); i++) {
            String key = "rows[" + i + "]";
            if (!items.get(i).isObject()) {
                o.problem(key, "expected {\"from\": …, \"to\": …}, got " + JsonObject.describe(items.get(i)));
                continue;
            }
            JsonObject r = new JsonObject(o.at(key), items.get(i), problemsOf(o));
            Optional<Instant> from = instant(r, "from", zone);
            Optional<Instant> to = instant(r, "to", zone);
            r.finish();
            if (from.isPresent() && to.isPresent()) {
                r.build(() -> new RowSelection.TimeRange(from.get(), to.get())).ifPresent(ranges::add);
            }
        }
        return ranges.isEmpty() ? Optional.empty() : o.build(() -> RowSelection.ranges(ranges));
    }

    private static Optional<Instant> instant(JsonObject o, String key, ZoneId zone) {
        if (o.raw(key) == null) {
            o.problem(key, "is required, e.g. \"2019-03-06 10:52:33\"");
            return Optional.empty();
        }
        return o.string(key).flatMap(s -> {
            long t = TimestampFormat.iso().parse(s, zone);
            if (t == TimestampFormat.INVALID) {
                o.problem(key, "'" + s + "' is not a timestamp; expected " + TimestampFormat.iso().describe());
                return Optional.empty();
            }
            return Optional.of(Instant.ofEpochMilli(t));
        });
    }

    /** Child objects share the parent's problem list. */
    private static List<String> problemsOf(JsonObject parent) {
        return parent.problems();
    }
}
