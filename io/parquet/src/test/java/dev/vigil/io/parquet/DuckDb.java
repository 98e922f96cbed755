package dev.vigil.io.parquet;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** DuckDB, in memory, as an independent Parquet writer and reader for tests. */
final class DuckDb implements AutoCloseable {
    private final Connection connection;

    DuckDb() throws SQLException {
        connection = DriverManager.getConnection("jdbc:duckdb:");
        execute("SET TimeZone = 'UTC'");
    }

    /** Writes the rows of a query to a Parquet file; {@code options} go inside the COPY's parentheses after FORMAT. */
    Path copy(String select, Path file, String options) throws SQLException {
        execute("COPY (" + select + ") TO '" + file + "' (FORMAT PARQUET" + (options.isEmpty() ? "" : ", " + options) + ")");
        return file;
    }

    Path copy(String select, Path file) throws SQLException {
        return copy(select, file, "");
    }

    void execute(String sql) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute(sql);
        }
    }

    /** All rows of a query, each as an array of JDBC objects. */
    List<Object[]> rows(String sql) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery(sql)) {
            int n = r.getMetaData().getColumnCount();
            while (r.next()) {
                Object[] row = new Object[n];
                for (int c = 0; c < n; c++) {
                    row[c] = r.getObject(c + 1);
                }
                rows.add(row);
            }
        }
        return rows;
    }

    /** One column of a query as doubles ({@code NaN} for NULL). */
    double[] doubles(String sql) throws SQLException {
        List<Object[]> rows = rows(sql);
        double[] out = new double[rows.size()];
        for (int i = 0; i < out.length; i++) {
            Object v = rows.get(i)[0];
            out[i] = v == null ? Double.NaN : ((Number) v).doubleValue();
        }
        return out;
    }

    /** One column of a query as longs. */
    long[] longs(String sql) throws SQLException {
        List<Object[]> rows = rows(sql);
        long[] out = new long[rows.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ((Number) rows.get(i)[0]).longValue();
        }
        return out;
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
