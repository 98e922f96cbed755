package dev.vigil.spi;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Helpers for messages about names a user typed: the nearest known name and the list of known
 * names, so that every "unknown X" error reads the same way.
 */
public final class Names {
    private Names() {
    }

    /**
     * The known name closest to {@code typed} by case-insensitive edit distance, if it is close
     * enough to be a plausible typo (at most a third of the longer name, at most 3 edits, and fewer
     * edits than the typed name has characters).
     */
    public static Optional<String> nearest(String typed, Collection<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        String t = typed.toLowerCase(Locale.ROOT);
        for (String candidate : known) {
            if (Math.abs(candidate.length() - t.length()) > 3 || t.length() > 200) {
                continue; // more edits apart than a typo (the distance is at least the difference in length); bounded work
            }
            int d = distance(t, candidate.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        if (best == null) {
            return Optional.empty();
        }
        int limit = Math.min(3, Math.max(1, Math.max(typed.length(), best.length()) / 3));
        return bestDistance <= limit && bestDistance < typed.length() ? Optional.of(best) : Optional.empty();
    }

    /**
     * A message fragment for an unknown name: {@code "'Imbalanse'; did you mean 'Imbalance'? known:
     * Fluctuation, Imbalance, Residual"}. Known names are sorted.
     */
    public static String unknown(String typed, Collection<String> known) {
        return unknown(typed, known, "known");
    }

    /**
     * Like {@link #unknown(String, Collection)} with another word before the list, e.g.
     * {@code "columns"}: {@code "'Outpt'; did you mean 'Output'? columns: Output, Pressure"}.
     */
    public static String unknown(String typed, Collection<String> known, String listLabel) {
        StringBuilder sb = new StringBuilder("'").append(typed).append('\'');
        Optional<String> near = nearest(typed, known);
        near.ifPresent(n -> sb.append("; did you mean '").append(n).append("'?"));
        if (known.isEmpty()) {
            return sb.append("; none are known").toString();
        }
        return sb.append(near.isPresent() ? " " : "; ").append(listLabel).append(": ")
                .append(String.join(", ", new TreeSet<>(known))).toString();
    }

    /**
     * Checks that each named column exists, reporting every missing one together with its role, the
     * nearest existing name and the columns that exist: {@code "line.csv has no KPI column 'Outpt';
     * did you mean 'Output'? columns: Output, Pressure"}.
     *
     * @param source the file or frame, for the message
     * @param roles column name → role, e.g. {@code "KPI column"}
     * @param existing the columns that exist
     * @throws VigilException {@link ErrorCode#UNKNOWN_COLUMN}
     */
    public static void requireColumns(String source, Map<String, String> roles, Collection<String> existing) {
        List<String> missing = roles.keySet().stream().filter(c -> !existing.contains(c)).toList();
        if (missing.size() == 1) {
            String column = missing.get(0);
            throw new VigilException(ErrorCode.UNKNOWN_COLUMN, source + " has no " + roles.get(column) + " " + unknown(column, existing, "columns"));
        }
        if (!missing.isEmpty()) {
            // each missing column with its role and nearest name; the columns that exist, once
            List<String> problems = missing.stream().map(c -> "no " + roles.get(c) + " '" + c + "'"
                    + nearest(c, existing).map(n -> "; did you mean '" + n + "'?").orElse("")).toList();
            throw VigilException.ofProblems(ErrorCode.UNKNOWN_COLUMN, "Columns missing from " + source + " (columns: "
                    + String.join(", ", new TreeSet<>(existing)) + ")", problems);
        }
    }

    /** Levenshtein distance with adjacent transpositions counted as one edit. */
    static int distance(String a, String b) {
        int n = a.length();
        int m = b.length();
        int[][] d = new int[n + 1][m + 1];
        for (int i = 0; i <= n; i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= m; j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= n; i++) {
            for (int j = 1; j <= m; j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int v = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    v = Math.min(v, d[i - 2][j - 2] + 1);
                }
                d[i][j] = v;
            }
        }
        return d[n][m];
    }
}
