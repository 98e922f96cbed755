package dev.vigil.testing;

import static java.util.Objects.requireNonNull;

/**
 * An anomaly a generator put into the KPI: rows {@code start} (inclusive) to {@code end} (exclusive).
 *
 * @param kind what was done
 * @param start first anomalous row
 * @param end row after the last anomalous row
 * @param magnitude size in units of the KPI noise standard deviation (spike height, level offset) or
 *     the factor on the noise (variance burst)
 */
public record InjectedAnomaly(Kind kind, int start, int end, double magnitude) {

    /** The kinds of anomaly a generator injects. */
    public enum Kind {
        /** One row far off normal behaviour. */
        SPIKE,
        /** A sustained offset of the KPI from normal behaviour. */
        LEVEL_SHIFT,
        /** A stretch where the KPI's noise is several times larger. */
        VARIANCE_BURST,
        /** A faulty influencer: the influencer drifts and the KPI follows it, so normal behaviour explains the KPI. */
        INFLUENCER_FAULT
    }

    public InjectedAnomaly {
        requireNonNull(kind, "kind is null");
        if (start < 0 || end <= start) {
            throw new IllegalArgumentException("bad rows [" + start + ", " + end + ")");
        }
    }

    /** Number of anomalous rows. */
    public int length() {
        return end - start;
    }

    /** Whether a row lies inside. */
    public boolean contains(int row) {
        return row >= start && row < end;
    }
}
