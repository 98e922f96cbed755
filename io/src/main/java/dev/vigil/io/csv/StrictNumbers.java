package dev.vigil.io.csv;

import java.util.Locale;
import java.util.Set;

/**
 * Strict number parsing for data cells, the slow path of {@link CsvTokenizer#number}: a plain decimal
 * number ({@code -12.5}, {@code 1e-3}, {@code .5}) within the range of a double, or a missing-value
 * token. Anything else is refused rather than guessed ({@code "1,5"} is not 15, {@code "12%"} not
 * 0.12, {@code 1e400} not infinity), with a reason a person can act on.
 */
final class StrictNumbers {
    /** Cells read as missing values ({@code NaN}). */
    static final Set<String> MISSING = Set.of("", "NaN", "nan", "NAN", "NA", "N/A", "n/a", "null", "NULL", "None", "#N/A");

    private StrictNumbers() {
    }

    /**
     * Why a cell is not a number (or, when allowed, a missing value), after the quoted cell in a
     * message; {@code null} if it is one. Surrounding white space is ignored.
     */
    static String problem(String cell, boolean missingAllowed) {
        String s = cell.strip();
        if (MISSING.contains(s)) {
            return missingAllowed ? null : "is not a number";
        }
        String hint = missingAllowed ? " (leave the cell empty, or write NaN, for a missing value)" : "";
        if (!isPlainNumber(s)) {
            String lower = s.toLowerCase(Locale.ROOT);
            if (lower.matches("[+-]?(inf|infinity|∞)")) {
                return "is infinite; only finite numbers are allowed" + (missingAllowed ? " (leave the cell empty for a missing value)" : "");
            }
            if (s.matches("[+-]?\\d+,\\d+")) {
                return "is not a number: the decimal separator must be '.'";
            }
            return "is not a number" + hint;
        }
        if (Double.isInfinite(Double.parseDouble(s))) {
            return "is beyond the range of a double (±1.7976931348623157E308); only finite numbers are allowed";
        }
        return null;
    }

    /** The value of a cell {@link #problem} accepts: {@code NaN} for a missing-value token. */
    static double value(String cell) {
        String s = cell.strip();
        return MISSING.contains(s) ? Double.NaN : Double.parseDouble(s);
    }

    /** Whether a cell is written as a number or a missing value, in range or not (to tell numeric columns from text). */
    static boolean looksNumeric(String cell) {
        String s = cell.strip();
        return MISSING.contains(s) || isPlainNumber(s);
    }

    /** Sign, digits with an optional point (at least one digit), optional exponent with at least one digit. */
    private static boolean isPlainNumber(String s) {
        int n = s.length();
        int i = 0;
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            i++;
        }
        int mantissaDigits = 0;
        while (i < n && isDigit(s.charAt(i))) {
            i++;
            mantissaDigits++;
        }
        if (i < n && s.charAt(i) == '.') {
            i++;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
                mantissaDigits++;
            }
        }
        if (mantissaDigits > 0 && i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            int exponentDigits = 0;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
                exponentDigits++;
            }
            if (exponentDigits == 0) {
                return false;
            }
        }
        return mantissaDigits > 0 && i == n;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
