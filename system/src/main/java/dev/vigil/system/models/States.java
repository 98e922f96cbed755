package dev.vigil.system.models;

import dev.vigil.core.StateReader;
import java.util.ArrayList;
import java.util.List;

/** Primitive arrays to and from the lists of a JSON-compatible model state. */
final class States {
    private States() {
    }

    /** The values as a list (a JSON array of numbers). */
    static List<Double> list(double[] values) {
        List<Double> out = new ArrayList<>(values.length);
        for (double v : values) {
            out.add(v);
        }
        return out;
    }

    /** The values as a list (a JSON array of whole numbers). */
    static List<Integer> list(int[] values) {
        List<Integer> out = new ArrayList<>(values.length);
        for (int v : values) {
            out.add(v);
        }
        return out;
    }

    /** A matrix, row by row. */
    static List<List<Double>> list(double[][] rows) {
        List<List<Double>> out = new ArrayList<>(rows.length);
        for (double[] row : rows) {
            out.add(list(row));
        }
        return out;
    }

    /** A list of whole numbers. */
    static int[] ints(StateReader s, String key) {
        double[] d = s.doubles(key);
        int[] out = new int[d.length];
        for (int i = 0; i < d.length; i++) {
            if (d[i] != Math.rint(d[i]) || Math.abs(d[i]) > Integer.MAX_VALUE) {
                throw s.error(key + "[" + i + "]", "must be a whole number, got " + d[i]);
            }
            out[i] = (int) d[i];
        }
        return out;
    }

    /** A matrix stored by {@link #list(double[][])}, each row of {@code columns} numbers. */
    static double[][] matrix(StateReader s, String key, int rows, int columns) {
        Object raw = s.raw().get(key);
        if (!(raw instanceof List<?> list) || list.size() != rows) {
            throw s.error(key, "must be a list of " + rows + " rows");
        }
        double[][] out = new double[rows][];
        for (int i = 0; i < rows; i++) {
            if (!(list.get(i) instanceof List<?> row) || row.size() != columns) {
                throw s.error(key + "[" + i + "]", "must be a list of " + columns + " numbers");
            }
            out[i] = new double[columns];
            for (int j = 0; j < columns; j++) {
                if (!(row.get(j) instanceof Number n) || !Double.isFinite(n.doubleValue())) {
                    throw s.error(key + "[" + i + "][" + j + "]", "must be a finite number, got " + row.get(j));
                }
                out[i][j] = n.doubleValue();
            }
        }
        return out;
    }
}
