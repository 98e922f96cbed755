package dev.vigil.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.OptionalDouble;

/** Numbers written for people in the command line's tables. */
final class Text {
    private Text() {
    }

    /** One line of a two-column table: a label padded to 21 characters, then the value. */
    static void row(PrintWriter out, String label, String value) {
        out.printf(Locale.ROOT, "%-21s %s%n", label, value);
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
