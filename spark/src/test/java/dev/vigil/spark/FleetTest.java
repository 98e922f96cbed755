package dev.vigil.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.core.detection.AnomalyDetector;
import dev.vigil.core.detection.DetectionModel;
import dev.vigil.core.plugin.PluginRegistry;
import dev.vigil.evaluation.system.SystemJob;
import dev.vigil.evaluation.system.SystemJobModel;
import dev.vigil.evaluation.system.SystemJobSettings;
import dev.vigil.io.model.ModelFiles;
import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.spi.log.JobLog;
import dev.vigil.spi.settings.JobSettings;
import dev.vigil.testing.GeneratedData;
import dev.vigil.testing.KpiDataGenerator;
import dev.vigil.testing.SystemDataGenerator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A generated fleet (kpi-driven and system-driven assets, and one whose build must fail) built and judged on Spark,
 * compared asset by asset with the library's single-machine build and detection on that asset's rows: model files
 * equal byte for byte but their {@code createdAt} line (the time the file was written), results equal bit for bit.
 */
class FleetTest {
    private static final String ASSET = "machine";
    private static final List<String> NOT_VALUES = List.of("label", "fault");
    private static final PluginRegistry REGISTRY = PluginRegistry.load();

    /** Each asset's rows as the single-machine path would read them (its own columns, in file order). */
    private static final Map<String, TimeFrame> FRAMES = new LinkedHashMap<>();
    private static Dataset<Row> data;
    private static JobSettings kpiSettings;
    private static final SystemJobSettings SYSTEM_SETTINGS = SystemJobSettings.DEFAULT.withSeed(7);

    @BeforeAll
    static void fleet() {
        String kpi = null;
        for (int i = 0; i < 3; i++) {
            GeneratedData g = KpiDataGenerator.create().rows(400).influencers(2).distractors(1).seed(100 + i).generate();
            kpi = g.kpi();
            FRAMES.put("kpi-" + i, g.frame());
        }
        for (int i = 0; i < 2; i++) {
            TimeFrame f = SystemDataGenerator.create().rows(600).signals(4).faultsPerKind(1).faultLength(20).seed(200 + i).generate().frame();
            TimeFrame.Builder renamed = TimeFrame.builder(f.times());
            for (String c : f.columnNames()) {
                renamed.column(c.equals("label") ? "fault" : c, f.values(c));
            }
            FRAMES.put("system-" + i, renamed.build());
        }
        // a kpi-driven asset without its KPI: the build must fail, the job must not
        TimeFrame kpiFrame = FRAMES.get("kpi-0");
        FRAMES.put("broken", kpiFrame.without(List.of(kpi)));
        kpiSettings = JobSettings.DEFAULT.withData(JobSettings.DEFAULT.data().withKpiColumn(kpi));

        List<String> columns = new ArrayList<>();
        FRAMES.values().forEach(f -> f.columnNames().stream().filter(c -> !columns.contains(c)).forEach(columns::add));
        StructType schema = new StructType().add(ASSET, DataTypes.StringType).add("timestamp", DataTypes.TimestampType);
        for (String c : columns) {
            schema = schema.add(c, DataTypes.DoubleType, true);
        }
        List<Row> rows = new ArrayList<>();
        FRAMES.forEach((asset, f) -> {
            for (int r = f.rows() - 1; r >= 0; r--) { // backwards: the engine must sort them
                Object[] v = new Object[columns.size() + 2];
                v[0] = asset;
                v[1] = new Timestamp(f.time(r));
                for (int c = 0; c < columns.size(); c++) {
                    v[c + 2] = f.hasColumn(columns.get(c)) ? f.values(columns.get(c))[r] : null;
                }
                rows.add(RowFactory.create(v));
            }
        });
        data = LocalSpark.session().createDataFrame(rows, schema).repartition(3);
    }

    private static Dataset<Row> models() {
        Dataset<Row> kpiAssets = data.filter(data.col(ASSET).startsWith("kpi").or(data.col(ASSET).equalTo("broken")));
        Dataset<Row> systemAssets = data.filter(data.col(ASSET).startsWith("system"));
        return Fleet.buildModels(kpiAssets, ASSET, FleetConfig.kpi(kpiSettings).withExclude(NOT_VALUES))
                .union(Fleet.buildModels(systemAssets, ASSET, FleetConfig.system(SYSTEM_SETTINGS).withExclude(NOT_VALUES)));
    }

    @Test
    void modelsAndResultsAreTheSingleMachinePathsAssetByAsset(@TempDir Path dir) throws IOException {
        Dataset<Row> models = models().cache();
        Map<String, Row> byAsset = new LinkedHashMap<>();
        models.collectAsList().forEach(r -> byAsset.put(r.getString(0), r));
        assertThat(byAsset).containsOnlyKeys(FRAMES.keySet());

        Row broken = byAsset.get("broken");
        assertThat(broken.<String>getAs("status")).isEqualTo(Fleet.FAILED);
        assertThat(broken.<Object>getAs("model")).isNull();
        assertThat(broken.<String>getAs("error")).isNotBlank();

        List<Row> results = Fleet.detect(data, models).collectAsList();
        int compared = 0;
        for (Map.Entry<String, TimeFrame> e : FRAMES.entrySet()) {
            String asset = e.getKey();
            if (asset.equals("broken")) {
                continue;
            }
            Row built = byAsset.get(asset);
            assertThat(built.<String>getAs("status")).as(asset + ": " + built.getAs("error")).isEqualTo(Fleet.BUILT);
            Path file = dir.resolve(asset + ".json");
            TimeFrame expected;
            if (asset.startsWith("system")) {
                SystemJobModel model = SystemJob.build(e.getValue(), null, List.of("fault"), null, SYSTEM_SETTINGS, REGISTRY, new JobLog(),
                        f -> { }).model();
                model.write(file);
                expected = SystemJob.detect(SystemJobModel.read(file, REGISTRY), e.getValue(), null, null, new JobLog()).table(false);
            } else {
                DetectionModel model = AnomalyDetector.builder().settings(kpiSettings).exclude(List.of("label")).registry(REGISTRY).build()
                        .build(e.getValue()).model();
                ModelFiles.write(model, file);
                expected = ModelFiles.read(file, REGISTRY).detect(e.getValue()).table();
            }
            assertThat(withoutCreatedAt(built.getAs("model"))).as(asset + "'s model file")
                    .isEqualTo(withoutCreatedAt(Files.readAllBytes(file)));
            assertThat(built.<scala.collection.Seq<String>>getAs("result_columns").size()).isEqualTo(expected.columnCount());

            List<Row> mine = results.stream().filter(r -> r.getString(0).equals(asset))
                    .sorted(Comparator.comparing(r -> r.<Timestamp>getAs("timestamp"))).toList();
            assertThat(mine).as(asset + "'s results").hasSize(expected.rows());
            for (int r = 0; r < expected.rows(); r++) {
                Row row = mine.get(r);
                assertThat(row.<Timestamp>getAs("timestamp").getTime()).isEqualTo(expected.time(r));
                assertThat(row.<String>getAs(Fleet.ERROR)).isNull();
                for (String c : expected.columnNames()) {
                    double want = expected.values(c)[r];
                    Object got = row.getAs(c);
                    if (Double.isNaN(want)) {
                        assertThat(got).as(asset + " " + c + " row " + r).isNull();
                    } else {
                        assertThat(Double.doubleToRawLongBits(((Number) got).doubleValue())).as(asset + " " + c + " row " + r)
                                .isEqualTo(Double.doubleToRawLongBits(want));
                    }
                }
            }
            compared++;
        }
        assertThat(compared).isEqualTo(5);
        List<Row> brokenResults = results.stream().filter(r -> r.getString(0).equals("broken")).toList();
        assertThat(brokenResults).singleElement().satisfies(r -> {
            assertThat(r.<Object>getAs("timestamp")).isNull();
            assertThat(r.<String>getAs(Fleet.ERROR)).startsWith("No model: the build failed");
        });
    }

    /** A model file's text without its {@code "createdAt"} line, the one field that records when it was written. */
    static String withoutCreatedAt(byte[] file) {
        String text = new String(file, StandardCharsets.UTF_8);
        assertThat(text).contains("\"createdAt\"");
        return text.replaceFirst("\\n\\s*\"createdAt\" : \"[^\"]*\",", "");
    }

}
