package dev.vigil.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.core.detection.DetectionResult;
import dev.vigil.core.quality.DataQuality;
import dev.vigil.core.quality.DataQualityReport;
import dev.vigil.core.quality.QualityInput;
import dev.vigil.core.quality.QualitySource;
import dev.vigil.spi.log.LogEntry;
import dev.vigil.spi.log.MessageType;
import dev.vigil.evaluation.Auc;
import dev.vigil.testing.Trials;
import dev.vigil.rca.RowCauses;
import dev.vigil.spi.frame.TimeFrame;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {
    private static Report.Builder kpi;
    private static Report kpiReport;

    @TempDir
    Path dir;

    @BeforeAll
    static void build() {
        kpi = Fixtures.kpi();
        kpiReport = kpi.build();
    }

    @Test
    void thePageCarriesEChartsAndItsDataAndFetchesNothing() throws Exception {
        String html = kpiReport.html();
        assertThat(html).contains("echarts", "<script type=\"application/json\" id=\"vigil-data\">");
        assertThat(html).doesNotContainPattern("(src|href)=\"(https?:)?//");
        assertThat(html).doesNotContain("{{data}}", "/*{{echarts}}*/");
        Matcher m = Pattern.compile("id=\"vigil-data\">(.*?)</script>", Pattern.DOTALL).matcher(html);
        assertThat(m.find()).isTrue();
        ObjectMapper json = new ObjectMapper();
        JsonNode data = json.readTree(m.group(1));
        assertThat(data.equals(json.readTree(ReportData.JSON_TEXT.apply(kpiReport.data())))).as("the embedded data").isTrue();
        assertThat(data.path("header").path("command").asText()).isEqualTo("vigil demo");
    }

    @Test
    void inSampleAndOutOfSampleRowsAreDrawnApartAndEveryAnomalyIsListedWithItsCauses() {
        ObjectNode data = kpiReport.data();
        JsonNode k = data.path("kpi");
        DetectionResult in = kpi.inSample;
        DetectionResult out = kpi.detected;
        assertThat(k.path("rows").asInt()).isEqualTo(in.rows() + out.rows());
        assertThat(k.path("inSample").get(0).asLong()).isEqualTo(in.table().time(0));
        assertThat(k.path("inSample").get(1).asLong()).isEqualTo(in.table().time(in.rows() - 1));
        long lastIn = in.table().time(in.rows() - 1);
        k.path("normalInSample").forEach(p -> assertThat(p.get(0).asLong()).isLessThanOrEqualTo(lastIn));
        k.path("normalOutOfSample").forEach(p -> assertThat(p.get(0).asLong()).isGreaterThan(lastIn));
        assertThat(k.path("kpi").size()).isLessThanOrEqualTo(3000);
        assertThat(k.path("indicators").size()).isEqualTo(out.indicatorColumns().size());
        int anomalies = in.anomalies().size() + out.anomalies().size();
        assertThat(k.path("anomalyCount").asInt()).isEqualTo(anomalies);
        assertThat(k.path("anomalies").size()).isEqualTo(Math.min(2000, anomalies));
        JsonNode withCauses = null;
        for (JsonNode a : k.path("anomalies")) {
            if (a.has("causes") && a.path("sample").asText().equals("out")) {
                withCauses = a;
            }
        }
        assertThat(withCauses).as("an out-of-sample anomaly with its causes").isNotNull();
        RowCauses expected = kpi.rootCauses.causes(Instant.ofEpochMilli(withCauses.path("t").asLong()));
        JsonNode first = withCauses.path("causes").get(0);
        assertThat(k.path("contributors").get(first.get(0).asInt()).asText()).isEqualTo(expected.causes().get(0).contributor());
        assertThat(first.get(3).asDouble()).isCloseTo(expected.causes().get(0).departure(), org.assertj.core.data.Percentage.withPercentage(1e-3));
        assertThat(withCauses.path("causes").size()).isEqualTo(Math.min(ReportData.MAX_CAUSES, expected.causes().size()));
        assertThat(k.path("around").path("series").size()).isPositive();
        assertThat(data.path("evaluations").get(0).path("events").size()).isPositive();
        assertThat(data.path("evaluations").get(0).path("detectedEvents").asInt()).as("the events detect reports, not bare runs")
                .isEqualTo(dev.vigil.evaluation.AnomalyEvent.of(out).size());
        assertThat(data.path("importances").path("predictors").size()).isPositive();
    }

    @Test
    void theCountsAreToldApartByPartAndEveryAnomalousRunIsKeptWhenTheListIsCut() {
        JsonNode k = kpiReport.data().path("kpi");
        assertThat(k.path("anomalyCountOut").asInt()).isEqualTo(kpi.detected.anomalies().size());
        assertThat(k.path("anomalyCountIn").asInt()).isEqualTo(kpi.inSample.anomalies().size());
        JsonNode cut = Fixtures.kpi().maxAnomalies(5).build().data().path("kpi");
        assertThat(cut.path("anomalies").size()).isEqualTo(5);
        JsonNode runs = cut.path("anomalyRuns");
        assertThat(runs.size()).isPositive();
        for (DetectionResult part : List.of(kpi.inSample, kpi.detected)) {
            for (DetectionResult.Anomaly a : part.anomalies()) {
                long t = a.timestamp().toEpochMilli();
                boolean covered = false;
                for (JsonNode r : runs) {
                    covered |= r.get(0).asLong() <= t && t <= r.get(1).asLong();
                }
                assertThat(covered).as("the anomaly at %s lies in a run", a.timestamp()).isTrue();
            }
        }
        assertThat(k.path("step").asLong()).isEqualTo(kpi.detected.table().time(1) - kpi.detected.table().time(0));
    }

    @Test
    void rowsWithoutAVerdictAreCountedAndRowsOfTheModelsInSamplePeriodAreNotCalledOutOfSample() {
        DetectionResult none = Fixtures.detection(100, i -> 2, null);
        JsonNode k = Report.builder().detected(none).build().data().path("kpi");
        assertThat(k.path("uncalculated").asInt()).isEqualTo(100);
        assertThat(k.path("anomalyCount").asInt()).isZero();
        assertThat(k.path("detectedLabel").asText()).isEqualTo("out-of-sample");
        JsonNode inside = Report.builder().detected(Fixtures.detection(100, i -> i < 40 ? 2 : 0, null))
                .modelInSample(Instant.parse("2024-03-04T06:00:00Z"), Instant.parse("2024-03-04T08:39:59Z")).build().data().path("kpi");
        assertThat(inside.path("uncalculated").asInt()).isEqualTo(40);
        assertThat(inside.path("detectedLabel").asText()).isEqualTo("detected (in the model's in-sample period)");
        JsonNode after = Report.builder().detected(Fixtures.detection(100, i -> 0, null))
                .modelInSample(Instant.parse("2024-03-03T06:00:00Z"), Instant.parse("2024-03-03T08:39:59Z")).build().data().path("kpi");
        assertThat(after.path("detectedLabel").asText()).isEqualTo("out-of-sample");
    }

    @Test
    void anEvaluationWithOneClassSaysWhyItHasNoCurve() {
        double[] labels = new double[200];
        JsonNode ev = Report.builder().detected(Fixtures.detection(200, i -> i == 50 ? 1 : 0, labels)).build().data()
                .path("evaluations").get(0);
        assertThat(ev.path("roc").size()).isZero();
        assertThat(ev.path("rocReason").asText()).isEqualTo("only one class among the labelled rows: AUC undefined");
        assertThat(ev.path("events").size()).isZero();
        JsonNode none = Report.builder().detected(Fixtures.detection(100, i -> 2, new double[100])).build().data().path("evaluations").get(0);
        assertThat(none.path("rocReason").asText()).isEqualTo("no labelled row has a calculated anomaly indicator");
    }

    @Test
    void theLogIsInTimeOrderWithEachEntrysJob() {
        Instant t0 = Instant.parse("2024-01-01T00:00:00Z");
        LogEntry late = new LogEntry(t0.plusSeconds(10), "Execution", MessageType.Info, "detected");
        LogEntry early = new LogEntry(t0, "Validation", MessageType.Info, "built");
        LogEntry same = new LogEntry(t0, "Execution", MessageType.Info, "built too");
        JsonNode log = Report.builder().log("detect", List.of(late)).log("build-model", List.of(early, same)).build().data().path("log");
        assertThat(log.findValuesAsText("message")).containsExactly("built", "built too", "detected");
        assertThat(log.findValuesAsText("job")).containsExactly("build-model", "build-model", "detect");
    }

    @Test
    void sensorsNamedComponentBackslashTagGetTheirComponent() {
        TimeFrame frame = TimeFrame.of(new long[] {0, 1000, 2000}, Map.of("motor\\current", new double[] {1, 2, 3}));
        DataQualityReport quality = DataQuality.assess(QualityInput.of(QualitySource.of("", frame)));
        JsonNode sensor = Report.builder().quality(quality).build().data().path("quality").path("SensorStatisticsSummaries").get(0);
        assertThat(sensor.path("ComponentName").asText()).isEqualTo("motor");
        assertThat(sensor.path("SensorName").asText()).isEqualTo("current");
    }

    @Test
    void aMillionRowsMakeAReportOfAtMostThreeMegabytesThatKeepsItsSpikes() {
        int n = 1_000_000;
        long[] time = new long[n];
        double[] kpiValues = new double[n];
        double[] normal = new double[n];
        double[] code = new double[n];
        double[] indicator = new double[n];
        double[] model = new double[n];
        for (int i = 0; i < n; i++) {
            time[i] = 1_700_000_000_000L + 1000L * i;
            normal[i] = 10 + Math.sin(i / 500.0);
            kpiValues[i] = normal[i] + 0.1 * Math.sin(i * 7.3);
            indicator[i] = Math.abs(kpiValues[i] - normal[i]) * 5;
            model[i] = 1;
        }
        kpiValues[777_777] = 99;
        indicator[777_777] = 30;
        code[777_777] = 1;
        Map<String, double[]> columns = new LinkedHashMap<>();
        columns.put(DetectionResult.MODEL_INDEX, model);
        columns.put(DetectionResult.KPI, kpiValues);
        columns.put(DetectionResult.NORMAL_BEHAVIOR, normal);
        columns.put(DetectionResult.ANOMALY_CODE, code);
        columns.put("anomaly_indicator_Residual", indicator);
        DetectionResult result = new DetectionResult(TimeFrame.of(time, columns), List.of(), List.of(), null);
        Report report = Report.builder().detected(result).build();
        String html = report.html();
        assertThat(html.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(3_000_000);
        JsonNode k = report.data().path("kpi");
        assertThat(k.path("kpi").findValuesAsText("").isEmpty()).isTrue();
        boolean spike = false;
        for (JsonNode p : k.path("kpi")) {
            spike |= p.get(0).asLong() == time[777_777] && p.get(1).asDouble() == 99;
        }
        assertThat(spike).as("the one-row spike is drawn").isTrue();
        assertThat(k.path("anomalies").get(0).path("t").asLong()).isEqualTo(time[777_777]);
    }

    @Test
    void aSystemDrivenReportHasItsSignalsEventsHistogramsAndQuality() {
        Report.Builder b = Fixtures.system();
        JsonNode s = b.build().data().path("system");
        assertThat(s.path("rows").asInt()).isEqualTo(b.system.detection().rows());
        assertThat(s.path("training").get(1).asLong()).isEqualTo(b.system.model().inSampleTo());
        assertThat(s.path("eventRanges").size()).isEqualTo(b.system.events().size());
        assertThat(s.path("labelled").size()).isPositive();
        assertThat(s.path("signals").size()).isEqualTo(5);
        JsonNode h = s.path("histograms").get(0);
        assertThat(h.path("normalRows").asLong() + h.path("anomalousRows").asLong()).isEqualTo(b.system.detection().rows());
        double sum = 0;
        for (JsonNode x : h.path("normal")) {
            sum += x.asDouble();
        }
        assertThat(sum).isCloseTo(100, org.assertj.core.data.Offset.offset(1e-3));
        assertThat(b.build().data().path("quality").path("SensorStatisticsSummaries").size()).isEqualTo(5);
    }

    @Test
    void theAreaUnderTheDrawnRocCurveIsTheAucVigilReports() {
        Trials.forAll(1616L, 100, random -> {
            int n = random.nextInt(2, 300);
            double[] labels = new double[n];
            double[] scores = new double[n];
            for (int i = 0; i < n; i++) {
                labels[i] = random.nextDouble() < 0.1 ? Double.NaN : random.nextDouble() < 0.3 ? 1 : 0;
                scores[i] = random.nextDouble() < 0.05 ? Double.NaN : random.nextInt(40) / 4.0 + labels[i];
            }
            JsonNode roc = ReportData.roc(labels, scores);
            var auc = Auc.of(labels, scores);
            if (roc.isEmpty()) {
                return;
            }
            double area = area(roc);
            assertThat(roc.get(roc.size() - 1).get(0).asDouble()).isEqualTo(1.0);
            assertThat(roc.get(roc.size() - 1).get(1).asDouble()).isEqualTo(1.0);
            assertThat(auc).isPresent();
            assertThat(area).isCloseTo(auc.getAsDouble(), org.assertj.core.data.Offset.offset(1e-5));
        });
    }

    /** The area under a drawn ROC curve, by trapezoids. */
    private static double area(JsonNode roc) {
        double area = 0;
        for (int i = 1; i < roc.size(); i++) {
            area += (roc.get(i).get(0).asDouble() - roc.get(i - 1).get(0).asDouble()) * (roc.get(i).get(1).asDouble() + roc.get(i - 1).get(1).asDouble()) / 2;
        }
        return area;
    }

    @Test
    void anEvaluationOfAResultsFileDrawsTheRocCurveOfItsAuc() {
        int n = 400;
        long[] times = new long[n];
        double[] codes = new double[n];
        double[] indicator = new double[n];
        double[] labels = new double[n];
        java.util.Random random = new java.util.Random(77);
        for (int i = 0; i < n; i++) {
            times[i] = 1_700_000_000_000L + i * 60_000L;
            labels[i] = i % 50 < 5 ? 1 : 0;
            indicator[i] = i < 3 ? Double.NaN : random.nextDouble() + labels[i] * random.nextDouble();
            codes[i] = Double.isNaN(indicator[i]) ? 2 : indicator[i] > 1 ? 1 : 0;
        }
        TimeFrame results = TimeFrame.builder(times).source("results.csv").column("anomaly_code", codes)
                .column("anomaly_indicator_residual", indicator).build();
        TimeFrame data = TimeFrame.builder(times).source("data.csv").column("label", labels).build();
        var evaluation = dev.vigil.evaluation.ResultsEvaluation.of(results, data, "label");
        JsonNode ev = Report.builder().evaluation("results.csv", evaluation).build().data().path("evaluations").get(0);
        JsonNode roc = ev.path("roc");
        assertThat(roc.size()).isGreaterThan(10);
        assertThat(ev.has("rocReason")).isFalse();
        assertThat(area(roc)).isCloseTo(evaluation.measures().auc().getAsDouble(), org.assertj.core.data.Offset.offset(1e-5)).isGreaterThan(0.6);
    }

    @Test
    void writingReplacesTheFileInOneStepAndLeavesNoTemporaryFile() throws Exception {
        Path file = dir.resolve("sub/report.html");
        Report small = Report.builder().title("a <b> & c").build();
        small.write(file);
        Files.writeString(file, "old");
        small.write(file);
        String html = Files.readString(file);
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<title>a &lt;b&gt; &amp; c</title>");
        try (Stream<Path> s = Files.list(file.getParent())) {
            assertThat(s.map(p -> p.getFileName().toString()).toList()).containsExactly("report.html");
        }
    }
}
