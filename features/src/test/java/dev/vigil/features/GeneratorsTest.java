package dev.vigil.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.vigil.core.plugin.PluginRegistry;
import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.Feature;
import dev.vigil.spi.FeatureContext;
import dev.vigil.spi.FeatureGenerator;
import dev.vigil.spi.FeatureSpec;
import dev.vigil.spi.VigilException;
import dev.vigil.spi.frame.RowSet;
import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.spi.log.JobLog;
import dev.vigil.spi.log.LogEntry;
import dev.vigil.spi.settings.NormalBehaviorSettings;
import dev.vigil.testing.KpiDataGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GeneratorsTest {
    private final JobLog log = new JobLog();

    private FeatureContext context(TimeFrame frame, boolean kpiOffsets, int offsetLimit, boolean daily) {
        return new FeatureContext(frame, RowSet.all(frame.rows()), "kpi", List.of("x1", "x2"), null, kpiOffsets, true,
                offsetLimit, daily, false, List.of(), log);
    }

    private static TimeFrame days(int days, Duration period) {
        int rows = (int) (Duration.ofDays(days).toMillis() / period.toMillis());
        return KpiDataGenerator.create().rows(rows).period(period).influencers(2).distractors(0).generate().unlabelled();
    }

    private static List<String> labels(List<Feature> features) {
        return features.stream().map(Feature::label).toList();
    }

    @Test
    void everyDefaultAndDocumentedGeneratorIsDiscoveredByName() {
        PluginRegistry registry = PluginRegistry.load();
        assertThat(registry.all(FeatureGenerator.class)).containsOnlyKeys("DayOfWeek", "ExponentialMovingAverage", "Fourier",
                "Identity", "Intercept", "Month", "Periodic", "PiecewiseLinear", "Polynomial", "PublicHolidays", "RestOfWeek",
                "SimpleMovingAverage", "TimeOffsets", "Trend");
        NormalBehaviorSettings.DEFAULT_FEATURES.forEach(registry::feature);
    }

    @Test
    void lagsAndMovingAveragesOfInfluencersAndOfTheKpi() {
        TimeFrame f = days(1, Duration.ofMinutes(5));
        assertThat(labels(new TimeOffsets().candidates(context(f, true, -3, false))))
                .containsExactly("kpi(t-1)", "kpi(t-2)", "kpi(t-3)", "x1(t-1)", "x1(t-2)", "x1(t-3)", "x2(t-1)", "x2(t-2)", "x2(t-3)");
        assertThat(labels(new TimeOffsets().candidates(context(f, false, -1, false)))).containsExactly("x1(t-1)", "x2(t-1)");
        assertThat(labels(new Identity().candidates(context(f, true, -1, false)))).containsExactly("x1(t)", "x2(t)");
        assertThat(labels(new ExponentialMovingAverage(List.of(4)).candidates(context(f, true, -1, false))))
                .containsExactly("EMA_kpi(t-1; w=4)", "EMA_x1(t; w=4)", "EMA_x2(t; w=4)");
        assertThat(labels(new SimpleMovingAverage(List.of(8)).candidates(context(f, false, -1, false))))
                .containsExactly("SMA_x1(t; w=8)", "SMA_x2(t; w=8)");
        assertThat(TimeOffsets.lags(300, 300_000)).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 24, 48, 96, 192, 288);
    }

    @Test
    void historyIsHowFarBackAFeatureReads() {
        assertThat(TimeOffsets.of("x", -5).history()).isEqualTo(5);
        assertThat(ExponentialMovingAverage.of("x", 30, -1).history()).isEqualTo(180);
        assertThat(SimpleMovingAverage.of("x", 8, 0).history()).isEqualTo(7);
        assertThat(Identity.of("x").history()).isZero();
    }

    @Test
    void everyFeatureIsCausal() {
        // changing the data after row t must not change any feature at row t
        TimeFrame f = days(20, Duration.ofHours(1));
        int t = 300;
        double[] x1 = f.values("x1");
        for (int i = t + 1; i < x1.length; i++) {
            x1[i] = 1e6;
        }
        double[] kpi = f.values("kpi");
        for (int i = t + 1; i < kpi.length; i++) {
            kpi[i] = -1e6;
        }
        TimeFrame changed = f.withColumn("x1", x1).withColumn("kpi", kpi);
        List<Feature> all = new ArrayList<>();
        FeatureContext c = context(f, true, -24, false);
        for (FeatureGenerator g : PluginRegistry.load().all(FeatureGenerator.class).values()) {
            if (g.round() == FeatureGenerator.Round.SINGLE && !g.name().equals("Fourier")) {
                all.addAll(g.candidates(c));
            }
        }
        all.addAll(new PiecewiseLinear().candidates(c.withLeaders(List.of(Identity.of("x1"), TimeOffsets.of("kpi", -1)))));
        assertThat(all).hasSizeGreaterThan(50);
        double[] a = new double[f.rows()];
        double[] b = new double[f.rows()];
        for (Feature feature : all) {
            feature.evaluate(f, a);
            feature.evaluate(changed, b);
            for (int i = 0; i <= t; i++) {
                assertThat(Double.valueOf(b[i])).as("%s at row %d", feature.label(), i).isEqualTo(Double.valueOf(a[i]));
            }
        }
    }

    @Test
    void calendarFeaturesSwitchOffOnShortDataWithAReason() {
        TimeFrame fourHours = days(1, Duration.ofSeconds(1)).slice(0, 4 * 3600);
        FeatureContext c = context(fourHours, true, -1, false);
        assertThat(new RestOfWeek().candidates(c)).isEmpty();
        assertThat(new DayOfWeek().candidates(c)).isEmpty();
        assertThat(new Periodic().candidates(c)).isEmpty();
        assertThat(new Month().candidates(c)).isEmpty();
        assertThat(new Fourier().candidates(c)).isEmpty();
        assertThat(new PublicHolidays().candidates(c)).isEmpty();
        assertThat(log.entries()).extracting(LogEntry::message).contains(
                "Turned off RestOfWeek features: the in-sample data span 3 hours 59 minutes, less than the 2 weeks they need.",
                "Turned off public holidays: no holidayColumn is set.")
                .anyMatch(m -> m.startsWith("Turned off Periodic daily terms (the in-sample data span 3 hours 59 minutes, less than 2 days)"));
    }

    @Test
    void generatorsThatCannotBeEstimatedSwitchOffWithAReason() {
        TimeFrame twiceADay = days(20, Duration.ofHours(12));
        FeatureContext c = context(twiceADay, true, -1, false);
        assertThat(labels(new Periodic().candidates(c))).containsExactly("Sin(7d)", "Cos(7d)", "Sin(84h)", "Cos(84h)");
        assertThat(new Fourier().candidates(c)).isEmpty();
        assertThat(log.entries()).extracting(LogEntry::message)
                .contains("Turned off Periodic daily terms (the sampling period 12 hours is 12 hours or more: fewer than two "
                        + "samples per day cannot show a daily cycle).")
                .contains("Turned off Fourier the daily profile (the sampling period 12 hours leaves fewer than 4 samples per "
                        + "day, too few for even its first harmonic) and the weekly profile (40 in-sample KPI values, fewer than "
                        + "the 52 a series of order 6 needs).");

        // the KPI is seen only at midnight: no daily phase to fit
        TimeFrame sixHourly = days(30, Duration.ofHours(6));
        double[] kpi = sixHourly.values("kpi");
        for (int i = 0; i < kpi.length; i++) {
            kpi[i] = i % 4 == 0 ? kpi[i] : Double.NaN;
        }
        assertThat(new Fourier().candidates(context(sixHourly.withColumn("kpi", kpi), true, -1, false))).isEmpty();
        assertThat(log.entries()).extracting(LogEntry::message).anyMatch(m -> m.startsWith("Turned off Fourier the daily profile "
                + "(the KPI's values do not cover enough phases of the period to fit a series of order 1)"));

        TimeFrame short15 = KpiDataGenerator.create().rows(15).influencers(2).distractors(0).generate().unlabelled();
        assertThat(new PiecewiseLinear().candidates(context(short15, true, -1, false).withLeaders(List.of(Identity.of("x1")))))
                .isEmpty();
        assertThat(log.entries()).extracting(LogEntry::message).contains("Turned off PiecewiseLinear hinges of x1(t): 15 "
                + "in-sample values, fewer than the 20 its decile knots need.");
    }

    @Test
    void calendarFeaturesOnLongData() {
        TimeFrame f = days(30, Duration.ofHours(1));
        FeatureContext c = context(f, true, -1, false);
        assertThat(labels(new Periodic().candidates(c))).containsExactly("Sin(24h)", "Cos(24h)", "Sin(12h)", "Cos(12h)",
                "Sin(8h)", "Cos(8h)", "Sin(6h)", "Cos(6h)", "Sin(7d)", "Cos(7d)", "Sin(84h)", "Cos(84h)");
        assertThat(labels(new Periodic().candidates(context(f, true, -1, true)))).containsExactly("Sin(7d)", "Cos(7d)", "Sin(84h)", "Cos(84h)");
        assertThat(labels(new RestOfWeek().candidates(c))).containsExactly("DoW(t) <= Monday", "DoW(t) <= Tuesday",
                "DoW(t) <= Wednesday", "DoW(t) <= Thursday", "DoW(t) <= Friday", "DoW(t) <= Saturday");
        assertThat(labels(new DayOfWeek().candidates(c))).hasSize(7).contains("DoW(t) = Sunday");
        assertThat(labels(new Fourier().candidates(c))).containsExactly("Fourier(24h; 6)", "Fourier(7d; 6)");
    }

    @Test
    void dayOfWeekFollowsTheCalendar() {
        long monday = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli(); // a Monday
        TimeFrame f = TimeFrame.builder(new long[] {monday, monday + 86_400_000L * 6}).column("kpi", new double[2]).build();
        double[] out = new double[2];
        Weekdays.of("DayOfWeek", 1, false).evaluate(f, out);
        assertThat(out).containsExactly(1, 0);
        Weekdays.of("RestOfWeek", 6, true).evaluate(f, out);
        assertThat(out).containsExactly(1, 0); // Sunday is after Saturday
    }

    @Test
    void periodicPhaseIsLocalTime() {
        long noonUtc = Instant.parse("2024-01-01T12:00:00Z").toEpochMilli();
        TimeFrame utc = TimeFrame.builder(new long[] {noonUtc}).column("kpi", new double[1]).build();
        double[] out = new double[1];
        Periodic.of(86_400, true).evaluate(utc, out);
        assertThat(out[0]).isCloseTo(-1, within(1e-12)); // cos(π) at noon
        Periodic.of(86_400, true).evaluate(utc.withZone(java.time.ZoneId.of("Asia/Tokyo")), out); // 21:00 local
        assertThat(out[0]).isCloseTo(Math.cos(2 * Math.PI * 21 / 24), within(1e-12));
    }

    @Test
    void fourierCapturesTheDailyProfile() {
        TimeFrame f = KpiDataGenerator.create().rows(24 * 30).period(Duration.ofHours(1)).influencers(1).distractors(0)
                .dailyAmplitude(5).noise(0.01).generate().unlabelled();
        Feature profile = new Fourier().candidates(context(f, true, -1, false)).get(0);
        double[] out = new double[f.rows()];
        profile.evaluate(f, out);
        double hour6 = out[6]; // sin peaks at 06:00
        assertThat(hour6).isCloseTo(5, within(0.5));
        assertThat(out[18]).isCloseTo(-5, within(0.5));
    }

    @Test
    void combiningGeneratorsBuildOnTheLeaders() {
        TimeFrame f = days(10, Duration.ofHours(1));
        FeatureContext c = context(f, true, -1, false).withLeaders(List.of(Identity.of("x1"), ExponentialMovingAverage.of("x2", 4, 0)));
        List<Feature> hinges = new PiecewiseLinear().candidates(c);
        assertThat(hinges).hasSize(36);
        assertThat(hinges.get(0).label()).matches("max\\(0; [0-9.]+ - x1\\(t\\)\\)");
        assertThat(hinges.get(1).label()).matches("max\\(0; x1\\(t\\) - [0-9.]+\\)");
        List<Feature> products = new Polynomial().candidates(c);
        assertThat(labels(products)).containsExactly("x1(t) & x1(t)", "x1(t) & EMA_x2(t; w=4)", "EMA_x2(t; w=4) & EMA_x2(t; w=4)");
        assertThat(products.get(1).parts()).hasSize(2);
        FeatureContext normalised = new FeatureContext(f, RowSet.all(f.rows()), "kpi", List.of("x1", "x2"), null, true, true, -1, false,
                true, c.leaders(), log);
        List<Feature> standardised = new Polynomial().candidates(normalised);
        assertThat(labels(standardised)).containsExactly("z(x1(t)) & z(x1(t))", "z(x1(t)) & z(EMA_x2(t; w=4))",
                "z(EMA_x2(t; w=4)) & z(EMA_x2(t; w=4))");
        double[] z = new double[f.rows()];
        standardised.get(0).evaluate(f, z);
        assertThat(java.util.Arrays.stream(z).filter(Double::isFinite).average().orElseThrow()).isCloseTo(1, within(1e-9));
        // a standardised part restores, centre and scale included
        PluginRegistry registry = PluginRegistry.load();
        Feature restored = Feature.product(standardised.get(1).parts().stream().map(p -> Feature.restore(p, registry::feature)).toList());
        double[] a = new double[f.rows()];
        double[] b = new double[f.rows()];
        standardised.get(1).evaluate(f, a);
        restored.evaluate(f, b);
        assertThat(b).containsExactly(a);
        assertThat(restored.label()).isEqualTo(standardised.get(1).label());
        assertThat(new Polynomial().candidates(context(f, true, -1, false))).isEmpty();
    }

    @Test
    void restoredFeaturesComputeExactlyWhatTheOriginalsDid() {
        TimeFrame f = days(30, Duration.ofHours(1));
        FeatureContext c = context(f, true, -3, false);
        PluginRegistry registry = PluginRegistry.load();
        List<Feature> all = new ArrayList<>();
        for (FeatureGenerator g : registry.all(FeatureGenerator.class).values()) {
            if (g.round() == FeatureGenerator.Round.SINGLE) {
                all.addAll(g.candidates(c));
            }
        }
        all.addAll(new PiecewiseLinear().candidates(c.withLeaders(List.of(Identity.of("x1")))));
        all.add(Intercept.constant());
        double[] a = new double[f.rows()];
        double[] b = new double[f.rows()];
        for (Feature feature : all) {
            FeatureSpec spec = feature.parts().get(0);
            Feature restored = registry.feature(spec.type()).restore(spec);
            assertThat(restored.label()).isEqualTo(feature.label());
            assertThat(restored.history()).isEqualTo(feature.history());
            feature.evaluate(f, a);
            restored.evaluate(f, b);
            assertThat(b).as(feature.label()).containsExactly(a);
        }
    }

    @Test
    void corruptedSpecsAreRefused() {
        assertThatThrownBy(() -> new ExponentialMovingAverage().restore(Specs.spec("ExponentialMovingAverage", "x", "window", 1, "offset", 0)))
                .isInstanceOfSatisfying(VigilException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_MODEL));
        assertThatThrownBy(() -> new TimeOffsets().restore(Specs.spec("TimeOffsets", "x", "offset", 2)))
                .hasMessageContaining("would read the future");
        assertThatThrownBy(() -> new Identity().restore(Specs.spec("TimeOffsets", "x", "offset", -1)))
                .hasMessageContaining("cannot restore a TimeOffsets feature");
        assertThatThrownBy(() -> new Identity().restore(Specs.spec("Identity", null, "offset", 0)))
                .hasMessageContaining("lacks its predictor");
        assertThatThrownBy(() -> new Polynomial().restore(Specs.spec("Polynomial", null))).isInstanceOf(VigilException.class);
    }
}
