package dev.vigil.core.anomaly;

import static java.util.Objects.requireNonNull;

import dev.vigil.spi.PerspectiveWindow;
import dev.vigil.spi.settings.DomainSpecific;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * One perspective's submodel: the density of its in-sample values, the two numbers that map a value
 * to an anomaly indicator (docs/models.md#the-anomalous-behaviour-model) and the tail of the in-sample
 * scores that calibrates indicators above 1.
 *
 * <pre>
 *   score s(v)     = translation − ln p(v)          translation = max_v ln p(v), so s ≥ 0
 *   threshold τ    : round(S·N/100) of the N in-sample values score above it, S the sensitivity
 *                    (with tied scores, as near to it as ties allow: see {@link #threshold})
 *   indicator(v)   = s / τ                          for s ≤ τ (as TIM)
 *                  = σ(s) / σ(τ)                    for s &gt; τ, σ the surprisal of {@link TailCalibration}
 * </pre>
 *
 * <p>Above the threshold the indicator is a ratio of log-rarities rather than of density scores: an
 * indicator of 2 means a value as rare among the in-sample values as the threshold's rarity squared
 * (with S = 1 %, one in 10,000), whatever the shape of the density. Both definitions agree at the
 * threshold, so which rows exceed 1 — anomaly codes, anomaly lists, error measures — does not change;
 * what changes is that indicators above 1 mean the same thing for every perspective, every series and
 * every rebuild. A ratio of density scores does not: it depends on how far the fitted mixture's
 * lightest tail happens to reach, so a value just beyond the in-sample range of a narrow density could
 * score a hundred times a value that is rarer in fact, and one detector's indicators could not be
 * ranked against another's, or across the perspectives whose maximum flags a row.
 *
 * @param perspective perspective name
 * @param window the window the perspective used
 * @param density density of the in-sample values
 * @param translation {@code max ln p}
 * @param threshold score at which the indicator is 1
 * @param sensitivity the sensitivity used, percent: given, or detected automatically; when tied
 *     in-sample scores prevent exactly round(S·N/100) values above the threshold, the share that is
 *     above it, 100·K′/N
 * @param rows number of in-sample values
 * @param tail the in-sample scores above the threshold, or {@code null} when every in-sample value is
 *     above it (sensitivity 100 %), which leaves no rarity to calibrate against
 */
record Submodel(String perspective, PerspectiveWindow window, GaussianMixture density, double translation, double threshold,
        double sensitivity, int rows, TailCalibration tail) {
    /** Values fitted by EM at most; more are thinned by quantiles. */
    static final int MAX_DENSITY_VALUES = 2_000;

    Submodel {
        requireNonNull(perspective, "perspective is null");
        requireNonNull(window, "window is null");
        requireNonNull(density, "density is null");
    }

    double score(double v) {
        return translation - density.logDensity(v);
    }

    /** The indicator of a value; NaN stays NaN. */
    double indicator(double v) {
        if (Double.isNaN(v)) {
            return Double.NaN;
        }
        double s = score(v);
        if (!(threshold > 0)) {
            return s > 1e-12 ? 1e6 : 1e-12; // degenerate: every in-sample value had the top density
        }
        if (s <= threshold || tail == null) {
            return Math.max(1e-12, s / threshold);
        }
        return tail.surprisal(s) / tail.surprisal(threshold);
    }

    /**
     * The surprisal of the threshold among the in-sample scores ({@link TailCalibration#surprisal}),
     * so that an indicator v above 1 is a value of surprisal {@code v · thresholdSurprisal()}: its
     * in-sample p-value is {@code e^−(v·thresholdSurprisal())}. Infinite without a tail to count against
     * (every in-sample value above the threshold, or no threshold), where no rarity can be told.
     */
    double thresholdSurprisal() {
        return tail == null || !(threshold > 0) ? Double.POSITIVE_INFINITY : tail.surprisal(threshold);
    }

    /**
     * Fits a submodel to in-sample values (finite, in detection).
     *
     * @param settings the perspective's sensitivity settings: a fixed sensitivity, or automatic within bounds
     * @param maxComponents most mixture components
     */
    static Submodel fit(String perspective, PerspectiveWindow window, double[] values, DomainSpecific settings, int maxComponents) {
        return fit(perspective, window, values, settings, maxComponents, warning -> { }, evidence -> { });
    }

    /**
     * {@link #fit}, telling {@code warnings} when tied scores keep the threshold from its exact count and
     * {@code evidence} why an automatic sensitivity is what it is ({@link OperatingPoint}).
     */
    static Submodel fit(String perspective, PerspectiveWindow window, double[] values, DomainSpecific settings, int maxComponents,
            Consumer<String> warnings, Consumer<String> evidence) {
        GaussianMixture density = GaussianMixture.fit(thin(values), maxComponents);
        return calibrate(perspective, window, density, density.maxLogDensity(), values, settings, warnings, evidence);
    }

    /**
     * The submodel refitted to new values: its density refined from the current one ({@link
     * GaussianMixture#refit}: EM from the current components, BIC over one component fewer, the same
     * number or one more), then its threshold calibrated on the values.
     */
    static Submodel refit(Submodel old, double[] values, DomainSpecific settings, int maxComponents) {
        return refit(old, values, settings, maxComponents, warning -> { }, evidence -> { });
    }

    /** {@link #refit}, telling {@code warnings} and {@code evidence} what {@link #fit} tells them. */
    static Submodel refit(Submodel old, double[] values, DomainSpecific settings, int maxComponents, Consumer<String> warnings,
            Consumer<String> evidence) {
        GaussianMixture density = old.density().refit(thin(values), maxComponents);
        return calibrate(old.perspective(), old.window(), density, density.maxLogDensity(), values, settings, warnings, evidence);
    }

    /**
     * The same density, its threshold recomputed on new values for (possibly new) sensitivity settings;
     * {@code warnings} hears when tied scores keep the threshold from its exact count.
     */
    static Submodel withThreshold(Submodel old, double[] values, DomainSpecific settings, Consumer<String> warnings,
            Consumer<String> evidence) {
        return calibrate(old.perspective(), old.window(), old.density(), old.translation(), values, settings, warnings, evidence);
    }

    private static Submodel calibrate(String perspective, PerspectiveWindow window, GaussianMixture density, double translation,
            double[] values, DomainSpecific settings, Consumer<String> warnings, Consumer<String> evidence) {
        int n = values.length;
        double[] scores = new double[n];
        for (int i = 0; i < n; i++) {
            scores[i] = translation - density.logDensity(values[i]);
        }
        double sensitivity;
        if (settings.sensitivity().isPresent()) {
            sensitivity = settings.sensitivity().getAsDouble();
        } else {
            OperatingPoint point = OperatingPoint.choose(values, settings.minSensitivity(), settings.maxSensitivity());
            sensitivity = point.sensitivity();
            evidence.accept(point.evidence());
        }
        Arrays.sort(scores);
        int wanted = (int) Math.min(n, Math.round(sensitivity * n / 100));
        Threshold t = threshold(scores, wanted);
        if (t.above() != wanted) {
            double used = 100.0 * t.above() / n;
            warnings.accept(String.format(Locale.ROOT, "%s: tied in-sample scores leave no threshold with exactly %,d of %,d values above "
                    + "it (sensitivity %.3g %%); the nearest has %,d above it, so the sensitivity used is %.3g %%.", perspective, wanted, n,
                    sensitivity, t.above(), used));
            sensitivity = used;
        }
        return new Submodel(perspective, window, density, translation, t.value(), sensitivity, n,
                t.above() < n ? TailCalibration.of(scores, t.value()) : null);
    }

    /**
     * A threshold score and how many in-sample scores lie strictly above it.
     *
     * @param value the threshold τ
     * @param above the number K′ of in-sample scores above τ
     */
    record Threshold(double value, int above) {
    }

    /**
     * The threshold that leaves {@code wanted} of the scores strictly above it, or, when ties make that
     * impossible, as near to it as they allow. A threshold can only fall between two distinct scores
     * (or above the largest, or below the smallest), so with a run of tied scores straddling the
     * wanted rank the count above it is either the scores above the run or those plus the whole run;
     * the one nearer {@code wanted} is chosen, the smaller on a draw (fewer alarms). The threshold lies
     * halfway between the last score above it and the next one below; with nothing above it, at the
     * largest score; with everything above it, at half the smallest.
     *
     * @param ascending the N in-sample scores, sorted ascending, N ≥ 1
     * @param wanted the count wanted above the threshold, 0 to N
     */
    static Threshold threshold(double[] ascending, int wanted) {
        int n = ascending.length;
        int fewer = wanted; // nearest achievable count at or below wanted (0 always is)
        while (!achievable(ascending, fewer)) {
            fewer--;
        }
        int more = wanted; // nearest achievable count at or above wanted, n + 1 if none
        while (more <= n && !achievable(ascending, more)) {
            more++;
        }
        int k = more <= n && more - wanted < wanted - fewer ? more : fewer;
        if (k == 0) {
            return new Threshold(ascending[n - 1], 0); // nothing in-sample above 1
        }
        if (k == n) {
            return new Threshold(ascending[0] / 2, n); // everything above 1
        }
        return new Threshold((ascending[n - k - 1] + ascending[n - k]) / 2, k); // between the k-th and (k+1)-th largest
    }

    /**
     * Whether a threshold can leave exactly {@code k} of the sorted scores above it: none always; all
     * only when the smallest is positive (the threshold must be positive); otherwise when the k-th
     * largest differs from the next.
     */
    private static boolean achievable(double[] ascending, int k) {
        int n = ascending.length;
        return k == 0 || (k == n ? ascending[0] > 0 : ascending[n - k - 1] < ascending[n - k]);
    }

    /** At most {@link #MAX_DENSITY_VALUES} values, by evenly spaced quantiles: the same distribution, extremes kept. */
    private static double[] thin(double[] values) {
        if (values.length <= MAX_DENSITY_VALUES) {
            return values;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double[] out = new double[MAX_DENSITY_VALUES];
        for (int i = 0; i < out.length; i++) {
            out[i] = sorted[(int) Math.round((double) i * (sorted.length - 1) / (out.length - 1))];
        }
        return out;
    }
}
