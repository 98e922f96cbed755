package dev.vigil.rca;

import static java.util.Objects.requireNonNull;

import dev.vigil.spi.NormalBehaviorDecomposition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The causes of one row's normal behaviour, largest departure first.
 *
 * @param timestamp the row
 * @param kpi the KPI
 * @param normalBehavior what it should have been
 * @param typicalNormalBehavior the usual level of the normal behaviour for the row's model
 * @param causes every contributor that departs, largest first
 */
public record RowCauses(Instant timestamp, double kpi, double normalBehavior, double typicalNormalBehavior, List<Cause> causes) {
    public RowCauses {
        requireNonNull(timestamp, "timestamp is null");
        causes = List.copyOf(causes);
    }

    /**
     * The causes of one row of a decomposition (such as a stream's decomposition of the row it just
     * answered): every contributor that departs from its usual level, largest departure first, with its
     * share of all departures — as {@link Decomposition#causes} gives them.
     *
     * @param row the row of {@code parts}
     * @param timestamp the row's timestamp
     * @param kpi the row's KPI
     */
    public static RowCauses of(NormalBehaviorDecomposition parts, int row, Instant timestamp, double kpi) {
        return Decomposition.causesAt(parts, row, timestamp, kpi);
    }

    /**
     * The causes over a stretch of rows, such as the rows of one event: every value the mean over
     * the rows, a contributor's departure counting as zero on rows where it does not depart, so that
     * a contributor that pushes one way throughout outranks one that swings to and fro.
     *
     * @param rows at least one row, the first giving the timestamp
     */
    public static RowCauses over(List<RowCauses> rows) {
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("no rows");
        }
        if (rows.size() == 1) {
            return rows.get(0);
        }
        int n = rows.size();
        double kpi = 0;
        double nb = 0;
        double typicalNb = 0;
        Map<String, double[]> sums = new LinkedHashMap<>();
        for (RowCauses r : rows) {
            kpi += r.kpi / n;
            nb += r.normalBehavior / n;
            typicalNb += r.typicalNormalBehavior / n;
            for (Cause c : r.causes) {
                double[] s = sums.computeIfAbsent(c.contributor(), k -> new double[4]);
                s[0] += c.contribution();
                s[1] += c.typical();
                s[2] += c.departure();
                s[3]++;
            }
        }
        double total = 0;
        for (double[] s : sums.values()) {
            total += Math.abs(s[2] / n);
        }
        List<Cause> causes = new ArrayList<>();
        for (Map.Entry<String, double[]> e : sums.entrySet()) {
            double[] s = e.getValue();
            double departure = s[2] / n;
            if (departure != 0) {
                causes.add(new Cause(e.getKey(), s[0] / s[3], s[1] / s[3], departure, total > 0 ? Math.abs(departure) / total : 0));
            }
        }
        causes.sort(Comparator.comparingDouble((Cause c) -> -Math.abs(c.departure())).thenComparing(Cause::contributor));
        return new RowCauses(rows.get(0).timestamp, kpi, nb, typicalNb, causes);
    }
}
