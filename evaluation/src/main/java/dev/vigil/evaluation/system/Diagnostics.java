package dev.vigil.evaluation.system;

import dev.vigil.io.layout.SignalId;
import dev.vigil.system.Contribution;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Lookout's and Azure's views of a row's (or an event's) contributions: {@code diagnostics} as
 * {@code [{name, value}]} over every signal, values rounded to 5 decimals and summing to 1; totals per
 * component or subsystem; Azure's top-k {@code interpretation}. Stateless.
 */
public final class Diagnostics {
    /** Lookout's timestamps: microseconds, no zone, UTC ({@code %Y-%m-%dT%H:%M:%S.%f}). */
    private static final DateTimeFormatter LOOKOUT_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS").withZone(ZoneOffset.UTC);

    private Diagnostics() {
    }

    /**
     * Shares rounded to 5 decimals (Lookout's precision) that still sum to 1: the rounding remainder goes
     * to the largest share. {@code NaN} shares (a row the model could not score) stay {@code NaN}.
     */
    public static double[] rounded(double[] shares) {
        double[] out = new double[shares.length];
        long total = 0;
        int largest = -1;
        for (int j = 0; j < shares.length; j++) {
            if (Double.isNaN(shares[j])) {
                return shares.clone();
            }
            long units = Math.round(shares[j] * 100_000);
            out[j] = units;
            total += units;
            if (largest < 0 || shares[j] > shares[largest]) {
                largest = j;
            }
        }
        if (largest >= 0) {
            out[largest] += 100_000 - total;
        }
        for (int j = 0; j < out.length; j++) {
            out[j] /= 100_000;
        }
        return out;
    }

    /** Lookout's {@code diagnostics}: one {@code {name, value}} per signal, in signal order, values {@link #rounded}. */
    public static List<Map<String, Object>> lookout(List<Contribution> contributions) {
        double[] shares = rounded(contributions.stream().mapToDouble(Contribution::share).toArray());
        List<Map<String, Object>> out = new ArrayList<>();
        for (int j = 0; j < shares.length; j++) {
            out.add(entry("name", contributions.get(j).signal(), "value", shares[j]));
        }
        return out;
    }

    /**
     * The shares summed per group (component or subsystem, {@code groups} maps each signal to its own),
     * largest first; a signal without a group belongs to its component ({@code component\tag}), else to itself.
     */
    public static Map<String, Double> totals(List<Contribution> contributions, Map<String, String> groups) {
        Map<String, Double> sum = new LinkedHashMap<>();
        for (Contribution c : contributions) {
            String group = groups.get(c.signal());
            if (group == null) {
                SignalId id = SignalId.parse(c.signal());
                group = id.hasComponent() ? id.component() : c.signal();
            }
            sum.merge(group, c.share(), Double::sum);
        }
        Map<String, Double> out = new LinkedHashMap<>();
        sum.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    /** The {@code k} largest contributions, largest first (ties in signal order). */
    public static List<Contribution> top(List<Contribution> contributions, int k) {
        return contributions.stream().sorted(Comparator.comparingDouble(Contribution::share).reversed()).limit(k).toList();
    }

    /**
     * Azure's {@code interpretation}: the {@code k} largest contributions as {@code {variable,
     * contributionScore, deviation}} (the signed deviation in the model's units; none of Vigil's models
     * reports Azure's {@code correlationChanges}, so that key is left out).
     */
    public static List<Map<String, Object>> interpretation(List<Contribution> contributions, int k) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Contribution c : top(contributions, k)) {
            out.add(entry("variable", c.signal(), "contributionScore", c.share(), "deviation", c.deviation()));
        }
        return out;
    }

    /** Group totals as Lookout-style {@code [{name, value}]}, largest first. */
    public static List<Map<String, Object>> totalsList(Map<String, Double> totals) {
        List<Map<String, Object>> out = new ArrayList<>();
        totals.forEach((name, value) -> out.add(entry("name", name, "value", value)));
        return out;
    }

    /** An instant as Lookout writes it: {@code 2019-08-08T00:42:00.000000} (UTC, no zone). */
    public static String lookoutTime(long epochMillis) {
        return LOOKOUT_TIME.format(Instant.ofEpochMilli(epochMillis));
    }

    static Map<String, Object> entry(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            Object v = keysAndValues[i + 1];
            m.put((String) keysAndValues[i], v instanceof Double d && !Double.isFinite(d) ? null : v);
        }
        return m;
    }
}
