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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The KPI's average daily (and weekly) profile as one feature each: a Fourier series of order up to
 * 6 fitted by least squares to the in-sample KPI against the local time of day (of week), stored with
 * its coefficients (TIM's {@code Fourier} part). Needs two periods of in-sample data and no
 * daily-cycle models for the daily profile.
 */
public final class Fourier implements FeatureGenerator {
    /** The generator's name. */
    public static final String NAME = "Fourier";
    private static final int MAX_ORDER = 6;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Feature> candidates(FeatureContext context) {
        Duration span = Specs.inSampleSpan(context);
        long periodMillis = Math.max(1, context.frame().samplingPeriodMillis());
        List<Feature> out = new ArrayList<>();
        List<String> off = new ArrayList<>();
        for (long period : new long[] {86_400, 7 * 86_400}) {
            boolean daily = period == 86_400;
            if (daily && context.dailyCycle()) {
                off.add("the daily profile (each time of day has its own model)");
                continue;
            }
            if (span.compareTo(Duration.ofSeconds(2 * period)) < 0) {
                off.add("the " + (daily ? "daily" : "weekly") + " profile (the in-sample data span " + Durations.human(span)
                        + ", less than 2 " + (daily ? "days" : "weeks") + ")");
                continue;
            }
            String profile = "the " + (daily ? "daily" : "weekly") + " profile";
            int order = (int) Math.min(MAX_ORDER, period * 1000 / periodMillis / 2 - 1);
            if (order < 1) {
                off.add(profile + " (the sampling period " + Durations.human(Duration.ofMillis(periodMillis))
                        + " leaves fewer than 4 samples per " + (daily ? "day" : "week") + ", too few for even its first harmonic)");
                continue;
            }
            fit(context, period, order, profile, off).ifPresent(out::add);
        }
        if (!off.isEmpty()) {
            context.log().info(FeatureContext.LOG_ORIGIN, "Turned off Fourier " + String.join(" and ", off) + ".");
        }
        return out;
    }

    @Override
    public Feature restore(FeatureSpec spec) {
        Specs.requireType(spec, NAME);
        long period = (long) spec.parameter("period");
        int order = spec.intParameter("order");
        if (period <= 0 || order < 1 || order > 50) {
            throw new VigilException(ErrorCode.BAD_MODEL, "Fourier period " + period + " / order " + order + " is invalid; the model file is corrupted");
        }
        double[] a = new double[order];
        double[] b = new double[order];
        for (int k = 1; k <= order; k++) {
            a[k - 1] = spec.parameter("cos" + k);
            b[k - 1] = spec.parameter("sin" + k);
        }
        return of(period, a, b);
    }

    /** The fitted profile, or empty with the reason added to {@code off}. */
    private static java.util.Optional<Feature> fit(FeatureContext context, long periodSeconds, int order, String profile,
            List<String> off) {
        double[] kpi = context.frame().values(context.kpi());
        long[] local = Calendar.localMillis(context.frame());
        int m = 2 * order + 1;
        double[][] gram = new double[m][m];
        double[] rhs = new double[m];
        double[] basis = new double[m];
        long periodMillis = periodSeconds * 1000L;
        int n = 0;
        for (int r : context.inSample().toArray()) {
            if (!Double.isFinite(kpi[r])) {
                continue;
            }
            fill(basis, 2 * Math.PI * Math.floorMod(local[r], periodMillis) / periodMillis, order);
            for (int i = 0; i < m; i++) {
                rhs[i] += basis[i] * kpi[r];
                for (int j = 0; j <= i; j++) {
                    gram[i][j] += basis[i] * basis[j];
                }
            }
            n++;
        }
        if (n < 4 * m) {
            off.add(profile + " (" + n + " in-sample KPI values, fewer than the " + 4 * m + " a series of order " + order
                    + " needs)");
            return java.util.Optional.empty();
        }
        double[] coef = solve(gram, rhs);
        if (coef == null) {
            off.add(profile + " (the KPI's values do not cover enough phases of the period to fit a series of order " + order
                    + ")");
            return java.util.Optional.empty();
        }
        double[] a = new double[order];
        double[] b = new double[order];
        for (int k = 1; k <= order; k++) {
            a[k - 1] = coef[2 * k - 1];
            b[k - 1] = coef[2 * k];
        }
        return java.util.Optional.of(of(periodSeconds, a, b));
    }

    /** basis = [1, cos θ, sin θ, cos 2θ, sin 2θ, …]. */
    private static void fill(double[] basis, double theta, int order) {
        basis[0] = 1;
        for (int k = 1; k <= order; k++) {
            basis[2 * k - 1] = Math.cos(k * theta);
            basis[2 * k] = Math.sin(k * theta);
        }
    }

    /** Solves the symmetric system (lower triangle given) by Cholesky; null if not positive definite. */
    private static double[] solve(double[][] g, double[] rhs) {
        int m = rhs.length;
        double[][] l = new double[m][m];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j <= i; j++) {
                double s = g[i][j];
                for (int k = 0; k < j; k++) {
                    s -= l[i][k] * l[j][k];
                }
                if (i == j) {
                    if (s <= 1e-12 * Math.max(1, g[i][i])) {
                        return null;
                    }
                    l[i][i] = Math.sqrt(s);
                } else {
                    l[i][j] = s / l[j][j];
                }
            }
        }
        double[] y = new double[m];
        for (int i = 0; i < m; i++) {
            double s = rhs[i];
            for (int k = 0; k < i; k++) {
                s -= l[i][k] * y[k];
            }
            y[i] = s / l[i][i];
        }
        double[] x = new double[m];
        for (int i = m - 1; i >= 0; i--) {
            double s = y[i];
            for (int k = i + 1; k < m; k++) {
                s -= l[k][i] * x[k];
            }
            x[i] = s / l[i][i];
        }
        return x;
    }

    static Feature of(long periodSeconds, double[] a, double[] b) {
        int order = a.length;
        Map<String, Double> params = new LinkedHashMap<>();
        params.put("period", (double) periodSeconds);
        params.put("order", (double) order);
        for (int k = 1; k <= order; k++) {
            params.put("cos" + k, a[k - 1]);
            params.put("sin" + k, b[k - 1]);
        }
        double[] ca = a.clone();
        double[] cb = b.clone();
        long periodMillis = periodSeconds * 1000L;
        java.util.function.LongToDoubleFunction f = local -> {
            double theta = 2 * Math.PI * Math.floorMod(local, periodMillis) / periodMillis;
            double v = 0;
            for (int k = 1; k <= order; k++) {
                v += ca[k - 1] * Math.cos(k * theta) + cb[k - 1] * Math.sin(k * theta);
            }
            return v;
        };
        return new BasicFeature("Fourier(" + Specs.period(periodSeconds) + "; " + order + ")", List.of(), 0,
                new FeatureSpec(NAME, null, params), Calendar.ofLocalTime(f), Streamed.ofLocalTime(f));
    }
}
