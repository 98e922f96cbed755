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
            assertThat(browser.severe()).as("console errors").isEmpty();

            // a click on an anomaly with root causes shows them, and the departures around it
            int index = -1;
            for (int i = 0; i < k.path("anomalies").size() && index < 0; i++) {
                if (k.path("anomalies").get(i).has("causes")) {
                    index = i;
                }
            }
            assertThat(index).as("an anomaly with causes").isNotNegative();
            JsonNode anomaly = k.path("anomalies").get(index);
            List<WebElement> rows = browser.driver.findElements(By.cssSelector("table.anomalies tbody tr"));
            assertThat(rows).hasSize(k.path("anomalies").size());
            assertThat(browser.series("chart-causes")).singleElement().satisfies(s -> assertThat(s.get("points")).isEqualTo(0L));
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
            assertThat(browser.severe()).as("console errors").isEmpty();
        }
    }

    private static List<String> namesAndPoints(List<Map<String, Object>> series) {
        assertThat(series).as("the chart exists").isNotNull();
        return series.stream().map(s -> s.get("name") + ":" + s.get("points")).toList();
    }
}
