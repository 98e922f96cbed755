package dev.vigil.core.detection;

import static java.util.Objects.requireNonNull;

import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.VigilException;
import java.util.List;

/**
 * TIM's what-if (docs/models.md#what-if): detection re-run with some columns' values replaced on the
 * detected rows, next to the detection on the data as they are, and how the normal behaviour,
 * indicators and anomalies changed. Made by {@link DetectionModel#whatIf}.
 *
 * @param changes the replacements, applied in order
 * @param baseline detection on the data as they are
 * @param changed detection on the changed data, the same rows
 */
public record WhatIf(List<Change> changes, DetectionResult baseline, DetectionResult changed) {
    public WhatIf {
        changes = List.copyOf(requireNonNull(changes, "changes is null"));
        requireNonNull(baseline, "baseline is null");
        requireNonNull(changed, "changed is null");
        if (baseline.rows() != changed.rows()) {
            throw new IllegalArgumentException("baseline has " + baseline.rows() + " rows, changed " + changed.rows());
        }
    }

    /** How a change replaces a value. */
    public enum Operation {
        /** {@code COL=VALUE}: the value itself. */
        SET("="),
        /** {@code COL+=DELTA}: the value plus a delta. */
        ADD("+="),
        /** {@code COL*=FACTOR}: the value times a factor. */
        MULTIPLY("*=");

        private final String symbol;

        Operation(String symbol) {
            this.symbol = symbol;
        }

        /** {@code =}, {@code +=} or {@code *=}. */
        public String symbol() {
            return symbol;
        }
    }

    /**
     * One replacement of a column's values.
     *
     * @param column the column
     * @param operation set, add or multiply
     * @param value the value, delta or factor, finite
     */
    public record Change(String column, Operation operation, double value) {
        public Change {
            requireNonNull(column, "column is null");
            requireNonNull(operation, "operation is null");
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("the value of a change must be finite, got " + value);
            }
        }

        /**
         * Reads {@code COL=VALUE}, {@code COL+=DELTA} or {@code COL*=FACTOR}.
         *
         * @throws VigilException ({@link ErrorCode#BAD_VALUE}) naming the text and what would be valid
         */
        public static Change parse(String text) {
            int eq = text.indexOf('=');
            if (eq <= 0 || eq == text.length() - 1) {
                throw bad(text, "it has no column, '=' or value");
            }
            char before = text.charAt(eq - 1);
            Operation op = before == '+' ? Operation.ADD : before == '*' ? Operation.MULTIPLY : Operation.SET;
            String column = text.substring(0, op == Operation.SET ? eq : eq - 1).strip();
            String number = text.substring(eq + 1).strip();
            if (column.isEmpty()) {
                throw bad(text, "it names no column");
            }
            double v;
            try {
                v = Double.parseDouble(number);
            } catch (NumberFormatException e) {
                throw bad(text, "'" + number + "' is not a number");
            }
            if (!Double.isFinite(v)) {
                throw bad(text, "'" + number + "' is not a finite number");
            }
            return new Change(column, op, v);
        }

        private static VigilException bad(String text, String why) {
            return new VigilException(ErrorCode.BAD_VALUE, "Cannot read the change '" + text + "': " + why
                    + ". Write COL=VALUE, COL+=DELTA or COL*=FACTOR with a number, e.g. x1=5, x1+=0.5 or x1*=1.1");
        }

        /** The changed value of {@code v}; a missing value stays missing unless set. */
        double apply(double v) {
            return switch (operation) {
                case SET -> value;
                case ADD -> v + value;
                case MULTIPLY -> v * value;
            };
        }

        @Override
        public String toString() {
            return column + operation.symbol() + value;
        }
    }

    /**
     * What changed, over the rows both detections calculated.
     *
     * @param rows rows detected
     * @param meanNormalChange mean of changed − baseline normal behaviour
     * @param largestNormalChange the largest absolute change of normal behaviour
     * @param anomaliesBefore anomalous rows (code 1 or 3) on the data as they are
     * @param anomaliesAfter anomalous rows on the changed data
     * @param becameAnomalous rows anomalous only after the change
     * @param stoppedBeingAnomalous rows anomalous only before it
     * @param meanIndicatorBefore each perspective's mean indicator before, in the order of the indicator columns
     * @param meanIndicatorAfter each perspective's mean indicator after
     */
    public record Summary(int rows, double meanNormalChange, double largestNormalChange, int anomaliesBefore, int anomaliesAfter,
            int becameAnomalous, int stoppedBeingAnomalous, double[] meanIndicatorBefore, double[] meanIndicatorAfter) {
    }

    /** The summary of what changed. */
    public Summary summary() {
        double[] nb0 = baseline.table().values(DetectionResult.NORMAL_BEHAVIOR);
        double[] nb1 = changed.table().values(DetectionResult.NORMAL_BEHAVIOR);
        double[] c0 = baseline.table().values(DetectionResult.ANOMALY_CODE);
        double[] c1 = changed.table().values(DetectionResult.ANOMALY_CODE);
        int n = baseline.rows();
        double sum = 0;
        double largest = 0;
        int counted = 0;
        int before = 0;
        int after = 0;
        int became = 0;
        int stopped = 0;
        for (int i = 0; i < n; i++) {
            double d = nb1[i] - nb0[i];
            if (Double.isFinite(d)) {
                sum += d;
                largest = Math.max(largest, Math.abs(d));
                counted++;
            }
            boolean a0 = c0[i] == 1 || c0[i] == 3;
            boolean a1 = c1[i] == 1 || c1[i] == 3;
            before += a0 ? 1 : 0;
            after += a1 ? 1 : 0;
            became += a1 && !a0 ? 1 : 0;
            stopped += a0 && !a1 ? 1 : 0;
        }
        List<String> columns = baseline.indicatorColumns();
        double[] m0 = new double[columns.size()];
        double[] m1 = new double[columns.size()];
        for (int k = 0; k < m0.length; k++) {
            m0[k] = mean(baseline.table().values(columns.get(k)));
            m1[k] = mean(changed.table().values(columns.get(k)));
        }
        return new Summary(n, counted == 0 ? Double.NaN : sum / counted, largest, before, after, became, stopped, m0, m1);
    }

    private static double mean(double[] v) {
        double s = 0;
        int n = 0;
        for (double x : v) {
            if (Double.isFinite(x)) {
                s += x;
                n++;
            }
        }
        return n == 0 ? Double.NaN : s / n;
    }
}
