package dev.vigil.features;

import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.Feature;
import dev.vigil.spi.FeatureContext;
import dev.vigil.spi.FeatureGenerator;
import dev.vigil.spi.FeatureSpec;
import dev.vigil.spi.VigilException;
import dev.vigil.spi.frame.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Sine and cosine of the daily cycle (periods 24 h, 12 h, 8 h, 6 h) and the weekly cycle (7 d,
 * 3.5 d), in the data's local time. Daily terms need at least two days of in-sample data, a sampling
 * period short enough to see the harmonic, and no daily-cycle models (which already give every time
 * of day its own model); weekly terms need two weeks.
 */
public final class Periodic implements FeatureGenerator {
    /** The generator's name. */
    public static final String NAME = "Periodic";
    private static final long DAY = 86_400;
    private static final long WEEK = 7 * DAY;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Feature> candidates(FeatureContext context) {
        Duration span = Specs.inSampleSpan(context);
        long periodSeconds = Math.max(1, context.frame().samplingPeriodMillis() / 1000);
        List<Feature> out = new ArrayList<>();
        List<String> off = new ArrayList<>();
        if (context.dailyCycle()) {
            off.add("daily terms (each time of day has its own model)");
        } else if (span.compareTo(Duration.ofDays(2)) < 0) {
            off.add("daily terms (the in-sample data span " + Durations.human(span) + ", less than 2 days)");
        } else {
            for (int k = 1; k <= 4; k++) {
                if (periodSeconds * 2 * k < DAY) {
                    out.add(of(DAY / k, false));
                    out.add(of(DAY / k, true));
                }
            }
            if (out.isEmpty()) {
                off.add("daily terms (the sampling period " + Durations.human(Duration.ofSeconds(periodSeconds))
                        + " is 12 hours or more: fewer than two samples per day cannot show a daily cycle)");
            }
        }
        if (span.compareTo(Duration.ofDays(14)) < 0) {
            off.add("weekly terms (the in-sample data span " + Durations.human(span) + ", less than 2 weeks)");
        } else {
            for (int k = 1; k <= 2; k++) {
                out.add(of(WEEK / k, false));
                out.add(of(WEEK / k, true));
            }
        }
        if (!off.isEmpty()) {
            context.log().info(FeatureContext.LOG_ORIGIN, "Turned off Periodic " + String.join(" and ", off) + ".");
        }
        return out;
    }

    @Override
    public Feature restore(FeatureSpec spec) {
        Specs.requireType(spec, NAME);
        long period = (long) spec.parameter("period");
        if (period <= 0) {
            throw new VigilException(ErrorCode.BAD_MODEL, "Periodic period " + period + " is not positive; the model file is corrupted");
        }
        return of(period, spec.parameter("cos") != 0);
    }

    static Feature of(long periodSeconds, boolean cos) {
        double omega = 2 * Math.PI / (periodSeconds * 1000.0);
        long periodMillis = periodSeconds * 1000L;
        java.util.function.LongToDoubleFunction f = local -> {
            double phase = omega * Math.floorMod(local, periodMillis);
            return cos ? Math.cos(phase) : Math.sin(phase);
        };
        return new BasicFeature((cos ? "Cos(" : "Sin(") + Specs.period(periodSeconds) + ")", List.of(), 0,
                Specs.spec(NAME, null, "period", periodSeconds, "cos", cos ? 1 : 0), Calendar.ofLocalTime(f), Streamed.ofLocalTime(f));
    }
}
