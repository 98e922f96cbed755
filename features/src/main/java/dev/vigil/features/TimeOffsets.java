package dev.vigil.features;

import dev.vigil.spi.Feature;
import dev.vigil.spi.FeatureContext;
import dev.vigil.spi.FeatureGenerator;
import dev.vigil.spi.FeatureSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Lagged values {@code x(t−k)} of the influencers (when offsets are allowed) and of the KPI (when KPI
 * offsets are used), for lags {@code k} up to the offset limit: every lag up to 12, then 24, 48, …
 * and the lags of one day and one week when they fit.
 */
public final class TimeOffsets implements FeatureGenerator {
    /** The generator's name. */
    public static final String NAME = "TimeOffsets";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Feature> candidates(FeatureContext context) {
        List<Integer> lags = lags(-context.offsetLimit(), context.frame().samplingPeriodMillis());
        List<Feature> out = new ArrayList<>();
        if (context.useKpiOffsets()) {
            for (int k : lags) {
                out.add(of(context.kpi(), -k));
            }
        }
        if (context.allowOffsets()) {
            for (String x : context.influencers()) {
                for (int k : lags) {
                    out.add(of(x, -k));
                }
            }
        }
        return out;
    }

    @Override
    public Feature restore(FeatureSpec spec) {
        Specs.requireType(spec, NAME);
        return of(spec.requirePredictor(), Specs.offset(spec));
    }

    /** The lags proposed for an offset limit. */
    static List<Integer> lags(int limit, long periodMillis) {
        TreeSet<Integer> lags = new TreeSet<>();
        for (int k = 1; k <= Math.min(12, limit); k++) {
            lags.add(k);
        }
        for (int k = 24; k <= limit; k *= 2) {
            lags.add(k);
        }
        if (periodMillis > 0) {
            for (long span : new long[] {86_400_000L, 7 * 86_400_000L}) {
                if (span % periodMillis == 0 && span / periodMillis <= limit) {
                    lags.add((int) (span / periodMillis));
                }
            }
        }
        return new ArrayList<>(lags);
    }

    static Feature of(String predictor, int offset) {
        return new BasicFeature(predictor + "(" + Specs.at(offset) + ")", List.of(predictor), -offset,
                Specs.spec(NAME, predictor, "offset", offset),
                (frame, out) -> Series.shift(frame.column(predictor), offset, out), Streamed.ofValue(predictor, -offset, x -> x));
    }
}
