package dev.vigil.rca;

import static java.util.Objects.requireNonNull;

/**
 * How much a contributor moves the normal behaviour over a stretch of rows.
 *
 * @param contributor the contributor
 * @param sd standard deviation of its contribution over the rows
 */
public record Spread(String contributor, double sd) {
    public Spread {
        requireNonNull(contributor, "contributor is null");
    }
}
