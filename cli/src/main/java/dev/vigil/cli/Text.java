package dev.vigil.cli;

import java.util.Locale;
import java.util.OptionalDouble;

/** Numbers written for people in the command line's tables. */
final class Text {
    private Text() {
    }

    /** A count with thousands separators: {@code 365,558}. */
    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** A rate or score with four decimals, or {@code n/a} when undefined. */
    static String decimal(OptionalDouble v) {
        return v.isPresent() ? String.format(Locale.ROOT, "%.4f", v.getAsDouble()) : "n/a";
    }
}
