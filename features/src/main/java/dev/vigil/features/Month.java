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

/** Indicators {@code Month <= m} for January to November, in local time; need two years of in-sample data. */
public final class Month implements FeatureGenerator {
    /** The generator's name. */
    public static final String NAME = "Month";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Feature> candidates(FeatureContext context) {
        Duration span = Specs.inSampleSpan(context);
        if (span.compareTo(Duration.ofDays(730)) < 0) {
            context.log().info(FeatureContext.LOG_ORIGIN, "Turned off Month features: the in-sample data span "
                    + Durations.human(span) + ", less than the 2 years they need.");
            return List.of();
        }
        List<Feature> out = new ArrayList<>();
        for (int m = 1; m <= 11; m++) {
            out.add(of(m));
        }
        return out;
    }

    @Override
    public Feature restore(FeatureSpec spec) {
        Specs.requireType(spec, NAME);
        int month = spec.intParameter("month");
        if (month < 1 || month > 12) {
            throw new VigilException(ErrorCode.BAD_MODEL, "Month " + month + " is not 1 to 12; the model file is corrupted");
        }
        return of(month);
    }

    static Feature of(int month) {
        return new BasicFeature("Month <= " + Calendar.MONTHS[month], List.of(), 0, Specs.spec(NAME, null, "month", month),
                (frame, out) -> {
                    long[] local = Calendar.localMillis(frame);
                    long cachedDay = Long.MIN_VALUE;
                    int cachedMonth = 0;
                    for (int i = 0; i < out.length; i++) {
                        long day = Math.floorDiv(local[i], 86_400_000L);
                        if (day != cachedDay) {
                            cachedDay = day;
                            cachedMonth = Calendar.month(local[i]);
                        }
                        out[i] = cachedMonth <= month ? 1 : 0;
                    }
                }, Streamed.month(month));
    }
}
