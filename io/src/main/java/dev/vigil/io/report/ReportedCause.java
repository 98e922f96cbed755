package dev.vigil.io.report;

import static java.util.Objects.requireNonNull;

/**
 * One contributor's part in a row's normal behaviour, as a report lists it.
 *
 * @param contributor an influencer, the intercept or a calendar kind
 * @param contribution its part of the normal behaviour
 * @param typical its usual part
 * @param departure {@code contribution − typical}
 * @param share its share of all departures, 0 to 1
 */
public record ReportedCause(String contributor, double contribution, double typical, double departure, double share) {
    public ReportedCause {
        requireNonNull(contributor, "contributor is null");
    }
}
