package dev.vigil.features;

import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.Feature;
import dev.vigil.spi.FeatureContext;
import dev.vigil.spi.FeatureSpec;
import dev.vigil.spi.VigilException;
import dev.vigil.spi.frame.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Day-of-week indicators shared by {@link DayOfWeek} ({@code DoW = d}) and {@link RestOfWeek} ({@code DoW ≤ d}). */
final class Weekdays {
    private Weekdays() {
    }

    static List<Feature> candidates(FeatureContext context, String type, boolean orBefore) {
        Duration span = Specs.inSampleSpan(context);
        if (span.compareTo(Duration.ofDays(14)) < 0) {
            context.log().info(FeatureContext.LOG_ORIGIN, "Turned off " + type + " features: the in-sample data span "
                    + Durations.human(span) + ", less than the 2 weeks they need.");
            return List.of();
        }
        List<Feature> out = new ArrayList<>();
        for (int d = 1; d <= (orBefore ? 6 : 7); d++) {
            out.add(of(type, d, orBefore));
        }
        return out;
    }

    static Feature restore(FeatureSpec spec, String type, boolean orBefore) {
        Specs.requireType(spec, type);
        int day = spec.intParameter("day");
        if (day < 1 || day > 7) {
            throw new VigilException(ErrorCode.BAD_MODEL, type + " day " + day + " is not 1 to 7; the model file is corrupted");
        }
        return of(type, day, orBefore);
    }

    static Feature of(String type, int day, boolean orBefore) {
        java.util.function.LongToDoubleFunction f = local -> {
            int dow = Calendar.dayOfWeek(local);
            return (orBefore ? dow <= day : dow == day) ? 1 : 0;
        };
        return new BasicFeature("DoW(t) " + (orBefore ? "<= " : "= ") + Calendar.DAYS[day], List.of(), 0,
                Specs.spec(type, null, "day", day), Calendar.ofLocalTime(f), Streamed.ofLocalTime(f));
    }
}
