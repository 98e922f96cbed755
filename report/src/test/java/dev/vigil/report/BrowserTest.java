package dev.vigil.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The report in a real browser: Debian's headless Chromium opens the file, and the test reads back from
 * ECharts what each panel draws. Screenshots are left in {@code target/report-screenshots/}.
 */
class BrowserTest {
    static final Path OUT = Path.of("target", "report-screenshots");
    static final Duration TIMEOUT = Duration.ofSeconds(60);

    @BeforeAll
    static void chromium() {
        String why = Browser.unavailable();
        Assumptions.assumeTrue(why == null, why);
    }

    @Test
    void theKpiDrivenReportDrawsEveryPanelAndAClickedAnomalyShowsItsContributions() throws Exception {
        Report report = Fixtures.kpi().build();
        ObjectNode data = report.data();
        Path file = OUT.resolve("kpi.html").toAbsolutePath();
        report.write(file);
        try (Browser browser = new Browser(1280, 1000)) {
            browser.open(file, TIMEOUT);
            browser.screenshot(OUT.resolve("kpi.png"));
            JsonNode k = data.path("kpi");
            List<String> expected = new ArrayList<>(List.of("KPI:" + k.path("kpi").size(), "normal behaviour (in-sample):"
                    + k.path("normalInSample").size(), "normal behaviour (out-of-sample):" + k.path("normalOutOfSample").size(),
                    "anomalies:" + k.path("anomalies").size()));
            k.path("indicators").forEach(i -> expected.add("indicator " + i.path("name").asText() + ":" + i.path("points").size()));
            assertThat(k.path("kpi").size()).isGreaterThan(1000);
            assertThat(namesAndPoints(browser.series("chart-kpi"))).containsExactlyElementsOf(expected);
            JsonNode imp = data.path("importances");
            assertThat(namesAndPoints(browser.series("chart-predictors"))).containsExactly("importance:" + Math.min(30, imp.path("predictors").size()));
            assertThat(namesAndPoints(browser.series("chart-features"))).containsExactly("features:" + imp.path("features").size());
            JsonNode ev = data.path("evaluations").get(0);
            assertThat(namesAndPoints(browser.series("chart-confusion-0"))).containsExactly("rows:4");
            assertThat(namesAndPoints(browser.series("chart-roc-0"))).containsExactly("ROC:" + ev.path("roc").size(), "chance:2");
            assertThat(namesAndPoints(browser.series("chart-events-0"))).containsExactly("delay:" + ev.path("events").size());
            assertThat(namesAndPoints(browser.series("chart-tuning"))).containsExactly("Residual precision:3", "Residual recall:3",
                    "Residual+Imbalance precision:3", "Residual+Imbalance recall:3");
            // every candidate is listed, the automatic sensitivities the lines cannot place too
            List<String> sensitivities = browser.driver.findElements(By.cssSelector("table.tuning tbody tr td:nth-child(2)")).stream()
                    .map(org.openqa.selenium.WebElement::getText).toList();
            assertThat(sensitivities).hasSize(data.path("tuning").path("trials").size()).filteredOn("automatic"::equals).hasSize(2);
            assertThat(browser.severe()).as("console errors").isEmpty();

            // the anomalies are drawn above the lines, and every anomalous run is shaded on the KPI's panel
            assertThat(browser.script("var o = echarts.getInstanceByDom(document.getElementById('chart-kpi')).getOption();"
                    + "return o.series[3].z > Math.max.apply(null, o.series.slice(0, 3).map(function (s) { return s.z || 2; }))"
                    + " && o.series[3].symbolSize >= 6")).isEqualTo(true);
            assertThat(((Number) browser.script("return echarts.getInstanceByDom(document.getElementById('chart-kpi')).getOption()"
                    + ".series[0].markArea.data.length")).intValue()).isEqualTo(k.path("anomalyRuns").size() + 1);

            // an indicator panel whose peak passes 10 is drawn on a log axis with the threshold at 1 well above its bottom; the others linear
            int logPanels = 0;
            for (int i = 0; i < k.path("indicators").size(); i++) {
                double peak = 0;
                for (JsonNode p : k.path("indicators").get(i).path("points")) {
                    peak = p.get(1).isNull() ? peak : Math.max(peak, p.get(1).asDouble());
                }
                String axis = "var c = echarts.getInstanceByDom(document.getElementById('chart-kpi'));";
                assertThat(browser.script(axis + "return c.getOption().yAxis[" + (i + 1) + "].type")).as("panel %d, peak %s", i, peak)
                        .isEqualTo(peak > 10 ? "log" : "value");
                if (peak > 10) {
                    logPanels++;
                    assertThat(((Number) browser.script(axis + "var g = c.getModel().getComponent('grid', " + (i + 1) + ").coordinateSystem.getRect();"
                            + "return (g.y + g.height - c.convertToPixel({yAxisIndex: " + (i + 1) + "}, 1)) / g.height")).doubleValue())
                            .isGreaterThanOrEqualTo(0.25);
                }
            }
            assertThat(browser.driver.findElements(By.id("kpi-log-note"))).hasSize(logPanels > 0 ? 1 : 0);

            // the table opens on the detected rows' anomalies; the largest one listed is shown at once
            List<JsonNode> out = new ArrayList<>();
            k.path("anomalies").forEach(x -> {
                if (x.path("sample").asText().equals("out")) {
                    out.add(x);
                }
            });
            List<WebElement> rows = browser.driver.findElements(By.cssSelector("table.anomalies tbody tr"));
            assertThat(rows).hasSize(out.size());
            JsonNode largest = out.stream().filter(x -> x.has("causes")).max(java.util.Comparator.comparingDouble(x -> x.path("indicator").asDouble()))
                    .orElseThrow();
            assertThat(browser.script("return window.vigilSelected")).isEqualTo(largest.path("t").asLong());
            assertThat(namesAndPoints(browser.series("chart-causes"))).containsExactly("departure:" + largest.path("causes").size());
            assertThat(browser.driver.findElement(By.id("cause-title")).getText()).contains("click a row of the table to see another");
            assertThat(k.path("uncalculated").asInt()).isPositive();
            assertThat(browser.driver.findElement(By.id("uncalculated")).getText()).startsWith(String.format(java.util.Locale.ROOT,
                    "%,d of the %,d rows have no calculated anomaly indicator", k.path("uncalculated").asInt(), k.path("rows").asInt()));
            assertThat(browser.driver.findElement(By.id("anomaly-counts")).getText())
                    .startsWith(String.format(java.util.Locale.ROOT, "%,d anomalous rows detected (out-of-sample), %,d in the in-sample rows.",
                            k.path("anomalyCountOut").asInt(), k.path("anomalyCountIn").asInt()));

            // a click on another anomaly with root causes shows them, and the departures around it
            int index = -1;
            for (int i = 0; i < out.size() && index < 0; i++) {
                if (out.get(i).has("causes") && out.get(i) != largest) {
                    index = i;
                }
            }
            assertThat(index).as("an anomaly with causes").isNotNegative();
            JsonNode anomaly = out.get(index);
            rows.get(index).click();
            assertThat(rows.get(index).getAttribute("class")).contains("selected");
            assertThat(browser.script("return window.vigilSelected")).isEqualTo(anomaly.path("t").asLong());
            assertThat(namesAndPoints(browser.series("chart-causes"))).containsExactly("departure:" + anomaly.path("causes").size());
            @SuppressWarnings("unchecked")
            List<String> contributors = (List<String>) browser.script(
                    "return echarts.getInstanceByDom(document.getElementById('chart-causes')).getOption().yAxis[0].data");
            List<String> want = new ArrayList<>();
            anomaly.path("causes").forEach(c -> want.add(k.path("contributors").get(c.get(0).asInt()).asText()));
            assertThat(contributors).containsExactlyElementsOf(want);
            List<Map<String, Object>> around = browser.series("chart-around");
            assertThat(around).hasSize(k.path("around").path("series").size());
            assertThat(around).allSatisfy(s -> assertThat(((Number) s.get("points")).intValue()).isBetween(2, 2 * ReportData.AROUND + 1));
            assertThat(browser.driver.findElement(By.id("cause-title")).getText()).startsWith(Instant.ofEpochMilli(anomaly.path("t").asLong())
                    .toString());
            browser.screenshot(OUT.resolve("kpi-anomaly.png"));
            // the main chart zooms to about ZOOM_ROWS rows either side
            @SuppressWarnings("unchecked")
            Map<String, Object> zoom = (Map<String, Object>) browser.script(
                    "return echarts.getInstanceByDom(document.getElementById('chart-kpi')).getOption().dataZoom[0]");
            long step = k.path("step").asLong();
            JsonNode line = k.path("kpi");
            double bucket = (line.get(line.size() - 1).get(0).asDouble() - line.get(0).get(0).asDouble()) / (line.size() / 2.0);
            assertThat(((Number) zoom.get("endValue")).doubleValue() - ((Number) zoom.get("startValue")).doubleValue())
                    .isCloseTo(2 * Math.max(100.0 * step, 10 * bucket), org.assertj.core.data.Offset.offset(1.0));
            long shown = 0;
            for (JsonNode p : line) {
                long t = p.get(0).asLong();
                shown += t >= ((Number) zoom.get("startValue")).doubleValue() && t <= ((Number) zoom.get("endValue")).doubleValue() ? 1 : 0;
            }
            assertThat(shown).as("thinned points in the zoomed window").isGreaterThanOrEqualTo(10);

            // the in-sample rows' anomalies are listed too when asked
            browser.driver.findElement(By.id("include-in-sample")).click();
            assertThat(browser.driver.findElements(By.cssSelector("table.anomalies tbody tr"))).hasSize(k.path("anomalies").size());

            // the table sorts by a column when its header is clicked
            browser.driver.findElement(By.cssSelector("table.anomalies th[data-key=indicator]")).click();
            browser.driver.findElement(By.cssSelector("table.anomalies th[data-key=indicator]")).click();
            double max = 0;
            for (JsonNode a : k.path("anomalies")) {
                max = Math.max(max, a.path("indicator").asDouble());
            }
            String first = browser.driver.findElement(By.cssSelector("table.anomalies tbody tr td:nth-child(5)")).getText();
            assertThat(Double.parseDouble(first)).isCloseTo(max, org.assertj.core.data.Offset.offset(1e-3 * Math.max(1, max)));
            assertThat(browser.severe()).as("console errors").isEmpty();
        }
    }

    @Test
    void theSystemDrivenReportDrawsSignalsRibbonsDiagnosticsAndHistograms() throws Exception {
        Report report = Fixtures.system().build();
        ObjectNode data = report.data();
        Path file = OUT.resolve("system.html").toAbsolutePath();
        report.write(file);
        try (Browser browser = new Browser(1280, 1400)) {
            browser.open(file, TIMEOUT);
            browser.screenshot(OUT.resolve("system.png"));
            JsonNode s = data.path("system");
            List<String> expected = new ArrayList<>(List.of("anomaly indicator:" + s.path("indicator").size()));
            s.path("signals").forEach(x -> expected.add(x.path("name").asText() + ":" + x.path("points").size()));
            assertThat(namesAndPoints(browser.series("chart-system"))).containsExactlyElementsOf(expected);
            @SuppressWarnings("unchecked")
            List<Number> ribbons = (List<Number>) browser.script("return echarts.getInstanceByDom(document.getElementById('chart-system'))"
                    + ".getOption().series.map(function (x) { return x.markArea.data.length; })");
            int areas = s.path("labelled").size() + s.path("eventRanges").size() + (s.has("training") ? 1 : 0);
            assertThat(ribbons).allSatisfy(n -> assertThat(n.intValue()).isEqualTo(areas));
            // every ribbon is at least 2 pixels wide, one-row events too, before and after zooming
            String narrowest = "var c = echarts.getInstanceByDom(document.getElementById('chart-system'));"
                    + "return Math.min.apply(null, c.getOption().series[0].markArea.data.map(function (d) {"
                    + "return c.convertToPixel({xAxisIndex: 0}, d[1].xAxis) - c.convertToPixel({xAxisIndex: 0}, d[0].xAxis); }))";
            boolean oneRow = false;
            for (JsonNode r : s.path("eventRanges")) {
                oneRow |= r.get(0).asLong() == r.get(1).asLong();
            }
            assertThat(oneRow).as("a one-row event to draw").isTrue();
            assertThat(((Number) browser.script(narrowest)).doubleValue()).isGreaterThanOrEqualTo(2);
            browser.script("echarts.getInstanceByDom(document.getElementById('chart-system')).dispatchAction({type: 'dataZoom', start: 60, end: 70})");
            assertThat(((Number) browser.script(narrowest)).doubleValue()).isGreaterThanOrEqualTo(2);
            // the threshold at 1 stays readable however large the peak: at least a quarter of the panel above its bottom
            assertThat(((Number) browser.script("var c = echarts.getInstanceByDom(document.getElementById('chart-system'));"
                    + "var g = c.getModel().getComponent('grid', 0).coordinateSystem.getRect();"
                    + "return (g.y + g.height - c.convertToPixel({yAxisIndex: 0}, 1)) / g.height")).doubleValue()).isGreaterThanOrEqualTo(0.25);
            int events = s.path("events").size();
            assertThat(events).isPositive();
            assertThat(browser.series("chart-diagnostics-signals")).hasSize(5)
                    .allSatisfy(x -> assertThat(((Number) x.get("points")).intValue()).isEqualTo(events));
            assertThat(browser.series("chart-diagnostics-components")).isNotEmpty()
                    .allSatisfy(x -> assertThat(((Number) x.get("points")).intValue()).isEqualTo(events));
            for (int i = 0; i < s.path("histograms").size(); i++) {
                assertThat(browser.series("chart-histogram-" + i)).extracting(x -> ((Number) x.get("points")).intValue())
                        .containsExactly(ReportData.BINS, ReportData.BINS);
            }
            assertThat(namesAndPoints(browser.series("chart-confusion-0"))).containsExactly("rows:4");
            assertThat(browser.driver.findElements(By.cssSelector("#quality table")).size()).isGreaterThanOrEqualTo(2);
            // the rotated labels of the diagnostics fit in the chart
            assertThat(leftmostText(browser, "chart-diagnostics-signals")).isGreaterThanOrEqualTo(0);
            assertThat(browser.severe()).as("console errors").isEmpty();
        }
    }

    @Test
    void aReportOnRowsWithoutAVerdictOrWithOneClassSaysWhyItsPanelsAreEmpty() throws Exception {
        Report report = Report.builder().detected(Fixtures.detection(100, i -> i < 60 ? 2 : 0, new double[100])).build();
        Path file = OUT.resolve("no-verdict.html").toAbsolutePath();
        report.write(file);
        try (Browser browser = new Browser(1280, 1000)) {
            browser.open(file, TIMEOUT);
            browser.screenshot(OUT.resolve("no-verdict.png"));
            assertThat(browser.driver.findElement(By.id("uncalculated")).getText()).startsWith("60 of the 100 rows have no calculated anomaly indicator")
                    .contains("Give more rows before the range");
            assertThat(browser.driver.findElement(By.id("cause-title")).getText()).isEqualTo("No anomalous rows: no root causes to show.");
            assertThat(browser.driver.findElement(By.id("kpi")).getText()).doesNotContain("Shaded");
            assertThat(browser.script("return echarts.getInstanceByDom(document.getElementById('chart-kpi')).getOption().legend[0].data"))
                    .isEqualTo(List.of("KPI", "normal behaviour (out-of-sample)"));
            assertThat(browser.script("return echarts.getInstanceByDom(document.getElementById('chart-roc-0')).getOption().title[0].text"))
                    .isEqualTo("ROC (no curve: only one class among the labelled rows: AUC undefined)");
            assertThat(browser.script("return echarts.getInstanceByDom(document.getElementById('chart-events-0')).getOption().title[0].subtext"))
                    .isEqualTo("no labelled events");
            assertThat(browser.driver.findElement(By.id("no-events-0")).getText()).isEqualTo("No labelled events among these rows.");
            assertThat(browser.driver.findElement(By.id("no-log")).getText()).isEqualTo("No log entries.");
            assertThat(browser.severe()).as("console errors").isEmpty();
        }
    }

    @Test
    void anEventCaughtAtOnceShowsABarOfZeroSeconds() throws Exception {
        double[] labels = new double[200];
        for (int i = 50; i < 53; i++) {
            labels[i] = 1;
        }
        Report report = Report.builder().detected(Fixtures.detection(200, i -> i >= 50 && i < 53 ? 1 : 0, labels)).build();
        Path file = OUT.resolve("zero-delay.html").toAbsolutePath();
        report.write(file);
        try (Browser browser = new Browser(1280, 1000)) {
            browser.open(file, TIMEOUT);
            String chart = "var c = echarts.getInstanceByDom(document.getElementById('chart-events-0'));";
            assertThat(browser.script(chart + "return c.getOption().series[0].data[0].value")).isEqualTo(0L);
            assertThat(((Number) browser.script(chart + "return Math.abs(c.getModel().getSeriesByIndex(0).getData().getItemLayout(0).height)"))
                    .doubleValue()).isGreaterThanOrEqualTo(2);
            assertThat(leftmostText(browser, "chart-events-0")).isGreaterThanOrEqualTo(0);
            assertThat(browser.severe()).as("console errors").isEmpty();
        }
    }

    /** The leftmost pixel of any text a chart draws (its rotated axis labels included): negative when one is cut off. */
    private static double leftmostText(Browser browser, String chart) {
        return ((Number) browser.script("var c = echarts.getInstanceByDom(document.getElementById(arguments[0]));"
                + "var min = Infinity;"
                + "c.getZr().storage.getDisplayList(true).forEach(function (e) {"
                + "  if ((e.type === 'text' || e.type === 'tspan') && e.style && e.style.text) {"
                + "    var r = e.getBoundingRect().clone(); if (e.transform) { r.applyTransform(e.transform); }"
                + "    min = Math.min(min, r.x); } });"
                + "return min", chart)).doubleValue();
    }

    private static List<String> namesAndPoints(List<Map<String, Object>> series) {
        assertThat(series).as("the chart exists").isNotNull();
        return series.stream().map(s -> s.get("name") + ":" + s.get("points")).toList();
    }
}
