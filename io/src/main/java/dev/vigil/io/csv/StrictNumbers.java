package dev.vigil.io.csv;

import java.util.Set;

/**
 * Strict number parsing for data cells: a plain decimal number ({@code -12.5}, {@code 1e-3},
 * {@code .5}) or a missing-value token. Anything else is refused rather than guessed — Tablesaw's own
 * parser silently reads {@code "1,5"} as 15 and {@code "12%"} as 0.12.
 */
final class StrictNumbers {
    /** Cells read as missing values ({@code NaN}). */
    static final Set<String> MISSING = Set.of("", "NaN", "nan", "NAN", "NA", "N/A", "n/a", "null", "NULL", "None", "#N/A");

    private StrictNumbers() {
    }

    /** The value of a cell, {@code NaN} for a missing-value token; throws {@link BadCellException}. */
    static double parse(String cell) {
        if (cell == null) {
            return Double.NaN;
        }
        double v = FastDecimal.parse(cell); // NaN for anything but a plain number: missing, padded or bad
        if (!Double.isNaN(v)) {
            return v;
        }
        String s = cell.strip();
        if (MISSING.contains(s)) {
            return Double.NaN;
        }
        String problem = problem(s);
        if (problem != null) {
            throw new BadCellException(cell, problem);
        }
        return Double.parseDouble(s);
    }

    /** Whether a cell is a number or missing. */
    static boolean isNumberOrMissing(String cell) {
        String s = cell == null ? "" : cell.strip();
        return MISSING.contains(s) || problem(s) == null;
    }

    /** Why a stripped, non-missing cell is not a plain decimal number, or {@code null} if it is one. */
    private static String problem(String s) {
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
                return "is not a number";
            }
        }
        if (mantissaDigits > 0 && i == n) {
            return null;
        }
        String lower = s.toLowerCase(java.util.Locale.ROOT);
        if (lower.matches("[+-]?(inf|infinity|∞)")) {
            return "is infinite; only finite numbers are allowed (leave the cell empty for a missing value)";
        }
        if (s.matches("[+-]?\\d+,\\d+")) {
            return "is not a number: the decimal separator must be '.'";
        }
        return "is not a number (leave the cell empty, or write NaN, for a missing value)";
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
