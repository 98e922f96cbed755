package dev.vigil.rca;

import static java.util.Objects.requireNonNull;

/**
 * How much one contributor moved the normal behaviour away from its usual level at one row.
 *
 * @param contributor an influencer, {@code intercept}, or a calendar kind ({@code Periodic}, …)
 * @param contribution its part of the normal behaviour at the row
 * @param typical its mean part over the in-sample rows of the row's model
 * @param departure {@code contribution − typical}
 * @param share {@code |departure|} over the sum of all contributors' {@code |departure|} (0 when none departs)
 */
public record Cause(String contributor, double contribution, double typical, double departure, double share) {
    public Cause {
        requireNonNull(contributor, "contributor is null");
    }
}
