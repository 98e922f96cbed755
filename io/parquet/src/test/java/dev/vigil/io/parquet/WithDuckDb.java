package dev.vigil.io.parquet;

import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Tests that use one in-memory DuckDB for the whole class. */
abstract class WithDuckDb {
    static DuckDb duck;

    @BeforeAll
    static void startDuckDb() throws SQLException {
        duck = new DuckDb();
    }

    @AfterAll
    static void stopDuckDb() throws SQLException {
        duck.close();
    }
}
