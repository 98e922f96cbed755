package dev.vigil.evaluation.system;

import static java.util.Objects.requireNonNull;

import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.VigilException;
import java.time.Duration;

/**
 * How anomalous rows become events (reference §5.8): runs of anomalous rows at most {@code mergeGapRows}
 * normal rows apart are one event (a row where the machine is off always ends one), and events shorter
 * than {@code minDuration} are dropped (Azure's advice: use duration to suppress noise).
 *
 * @param mergeGapRows normal rows an event may span; 0 joins only consecutive anomalous rows (Lookout's rule)
 * @param minDuration the shortest event kept, from its first to its last anomalous row (zero keeps single rows)
 */
public record EventRules(int mergeGapRows, Duration minDuration) {
    /**
     * Up to 5 normal rows may lie inside an event, so that a fault whose rows flicker around the threshold
     * (a drift while it is small, a broken relation whose values cross the normal ones now and then) reads
     * as one event rather than a handful; every event is kept.
     */
    public static final EventRules DEFAULT = new EventRules(5, Duration.ZERO);

    public EventRules {
        requireNonNull(minDuration, "minDuration is null");
        if (mergeGapRows < 0) {
            throw new VigilException(ErrorCode.INVALID_CONFIGURATION, "The event gap must be 0 or more rows: " + mergeGapRows);
        }
        if (minDuration.isNegative()) {
            throw new VigilException(ErrorCode.INVALID_CONFIGURATION, "The minimum event duration must not be negative: " + minDuration);
        }
    }
}
