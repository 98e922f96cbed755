package dev.vigil.spi.settings;

import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.VigilException;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects the problems of one settings record so that all are reported together: a compact
 * constructor checks every field, then calls {@link #throwIfAny(String)}. Each problem names the
 * field, the value and what would be valid; a configuration reader prefixes the JSON path.
 */
final class Problems {
    private final List<String> problems = new ArrayList<>();

    void require(boolean ok, String problem) {
        if (!ok) {
            problems.add(problem);
        }
    }

    void range(String field, double value, double min, double max) {
        require(value >= min && value <= max, field + " must be between " + fmt(min) + " and " + fmt(max)
                + ", got " + fmt(value));
    }

    void atLeast(String field, long value, long min) {
        require(value >= min, field + " must be at least " + min + ", got " + value);
    }

    void throwIfAny(String what) {
        if (problems.size() == 1) {
            throw new VigilException(ErrorCode.INVALID_CONFIGURATION, problems.get(0));
        }
        if (!problems.isEmpty()) {
            throw VigilException.ofProblems(ErrorCode.INVALID_CONFIGURATION, "Invalid " + what, problems);
        }
    }

    static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
