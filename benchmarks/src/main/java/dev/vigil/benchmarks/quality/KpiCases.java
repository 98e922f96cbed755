package dev.vigil.benchmarks.quality;

import dev.vigil.testing.GeneratedData;
import dev.vigil.testing.KpiDataGenerator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The cases of the KPI-detection quality benchmark: generator structures × seeds from {@link
 * KpiDataGenerator}, with about 5 % of rows anomalous everywhere (16 events in 12,000 rows: spikes,
 * level shifts of 60–120 rows, variance bursts, an influencer fault), the model built on the first two
 * thirds and judged on the last third.
 *
 * <p>Two sets that never mix. The <b>development</b> set (six structures × seeds 101–104) is the one
 * defaults and rules may be chosen on. The <b>held-out</b> set (the same six structures with seeds
 * 901–903, and two structures of their own, seconds and quarter-hours, seeds 901–904) is only ever
 * measured, never chosen on; its figures are the ones BENCHMARKS.md reports against the targets. No
 * test uses these seeds.
 */
public final class KpiCases {
    /** Rows per case. */
    public static final int ROWS = 12_000;
    /** In-sample rows: the first two thirds. */
    public static final int IN_SAMPLE = 8_000;

    private KpiCases() {
    }

    /**
     * One structure of the generator.
     *
     * @param name short name
     * @param heldOut whether it belongs to the held-out set only
     * @param shape the generator settings beyond the common ones
     */
    public record Structure(String name, boolean heldOut, UnaryOperator<KpiDataGenerator> shape) {
    }

    /**
     * One case: a structure and a seed.
     *
     * @param structure its structure
     * @param seed its seed
     */
    public record Case(Structure structure, long seed) {
        /** The data, with labels. */
        public GeneratedData generate() {
            KpiDataGenerator g = KpiDataGenerator.create().rows(ROWS).seed(seed).anomalies(8, 4, 3, 1).anomaliesBetween(0, 1)
                    .shiftLengths(60, 120).burstLengths(30, 90).sizes(7, 3.5);
            return structure.shape().apply(g).generate();
        }

        /** {@code structure/seed}. */
        public String name() {
            return structure.name() + "/" + seed;
        }
    }

    /** Every structure. */
    public static List<Structure> structures() {
        return List.of(
                new Structure("base5min", false, g -> g.period(Duration.ofMinutes(5)).influencers(3).distractors(2).lag(5).emaWindow(8)
                        .dailyAmplitude(3).noise(0.5)),
                new Structure("lagged1min", false, g -> g.period(Duration.ofMinutes(1)).influencers(5).distractors(3).lag(12).emaWindow(15)
                        .dailyAmplitude(0).noise(0.5)),
                new Structure("dailyHourly", false, g -> g.period(Duration.ofHours(1)).influencers(3).distractors(2).lag(2).emaWindow(4)
                        .dailyAmplitude(4).noise(0.5)),
                new Structure("colored", false, g -> g.period(Duration.ofMinutes(5)).influencers(3).distractors(2).lag(5).emaWindow(8)
                        .dailyAmplitude(2).noise(0.5).noiseAutocorrelation(0.7)),
                new Structure("heavyTails", false, g -> g.period(Duration.ofMinutes(5)).influencers(4).distractors(2).lag(3).emaWindow(8)
                        .dailyAmplitude(3).noise(0.5).noiseTails(4)),
                new Structure("sma10min", false, g -> g.period(Duration.ofMinutes(10)).influencers(6).distractors(4).lag(6).emaWindow(4)
                        .smaWindow(12).dailyAmplitude(2).noise(0.8).sizes(6, 3).lengths(60, 30, 4).shiftLengths(60, 120)
                        .burstLengths(30, 90)),
                new Structure("seconds", true, g -> g.period(Duration.ofSeconds(1)).influencers(4).distractors(3).lag(3).emaWindow(4)
                        .dailyAmplitude(0).noise(0.5).noiseAutocorrelation(0.5).noiseTails(6)),
                new Structure("quarterHour", true, g -> g.period(Duration.ofMinutes(15)).influencers(3).distractors(1).lag(2).emaWindow(2)
                        .smaWindow(4).dailyAmplitude(5).noise(0.6).noiseAutocorrelation(0.4).sizes(8, 4)));
    }

    /** The development set: the structures not held out, seeds 101–104. */
    public static List<Case> development() {
        List<Case> out = new ArrayList<>();
        for (Structure s : structures()) {
            if (!s.heldOut()) {
                for (long seed = 101; seed <= 104; seed++) {
                    out.add(new Case(s, seed));
                }
            }
        }
        return out;
    }

    /** The held-out set: every structure with seeds 901–903, the held-out structures also with 904. */
    public static List<Case> heldOut() {
        List<Case> out = new ArrayList<>();
        for (Structure s : structures()) {
            for (long seed = 901; seed <= (s.heldOut() ? 904 : 903); seed++) {
                out.add(new Case(s, seed));
            }
        }
        return out;
    }
}
