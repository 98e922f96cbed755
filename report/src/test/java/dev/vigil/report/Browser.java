package dev.vigil.report;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven by its own chromedriver, named by path so that Selenium never looks
 * for a driver on the network (Selenium Manager). One browser per instance; close it. Public for
 * vigil-benchmarks' ReportBenchmark (through this module's test jar).
 */
public final class Browser implements AutoCloseable {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    final ChromeDriver driver;
    private final Path profile;

    /** Starts a browser whose window has this size, with a fresh profile. */
    public Browser(int width, int height) throws IOException {
        profile = Files.createTempDirectory("vigil-chromium-");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--user-data-dir=" + profile,
                "--window-size=" + width + "," + height);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        driver = new ChromeDriver(service, options);
    }

    /** Why a browser test cannot run here, or null when it can. */
    public static String unavailable() {
        if (!Files.isExecutable(CHROMIUM)) {
            return CHROMIUM + " is not installed (apt-get install chromium chromium-driver); the report's browser test needs it";
        }
        if (!Files.isExecutable(CHROMEDRIVER)) {
            return CHROMEDRIVER + " is not installed (apt-get install chromium-driver); the report's browser test needs it";
        }
        return null;
    }

    /** Opens a file and waits until the page says every chart has rendered; returns the milliseconds it took from navigation. */
    public double open(Path file, Duration timeout) {
        driver.get(file.toUri().toString());
        new WebDriverWait(driver, timeout)
                .until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript("return window.vigilRendered === true")));
        return ((Number) script("return window.vigilRenderMs")).doubleValue();
    }

    Object script(String js, Object... args) {
        return driver.executeScript(js, args);
    }

    /** A chart's series as {@code [{name, type, points}]}, read from ECharts itself. */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> series(String chartId) {
        return (List<Map<String, Object>>) script("var c = echarts.getInstanceByDom(document.getElementById(arguments[0]));"
                + "if (!c) { return null; }"
                + "return c.getOption().series.map(function (s) { return {name: s.name, type: s.type, points: (s.data || []).length}; });", chartId);
    }

    /** The console's messages at SEVERE. */
    public List<String> severe() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream().filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage).toList();
    }

    void screenshot(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
    }

    @Override
    public void close() throws IOException {
        try {
            driver.quit();
        } finally {
            try (var s = Files.walk(profile)) {
                s.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }
}
