package dev.vigil.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.spi.frame.TimeFrame;
import dev.vigil.testing.ProductionLineGenerator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;

class TablesawExampleTest {
    @Test
    void theTablesawUsersTableIsDetectedOnAndTheResultsComeBackAsTables() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        TablesawExample.Outcome outcome = TablesawExample.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String printed = bytes.toString(StandardCharsets.UTF_8);

        // Plant time read in Berlin gives back the generator's instants; the text column is skipped, and said so.
        TimeFrame generated = ProductionLineGenerator.create().generate().unlabelled();
        assertThat(outcome.plant().column(0).type().name()).isEqualTo("LOCAL_DATE_TIME");
        assertThat(outcome.frame().times()).containsExactly(generated.times());
        assertThat(outcome.frame().zone()).isEqualTo(TablesawExample.PLANT);
        assertThat(outcome.frame().columnNames()).isEqualTo(generated.columnNames()).doesNotContain("shift");
        assertThat(printed).contains("Skipped 1 column of table 'line 4' that does not hold numbers: shift (STRING).");

        // The results table is the detection's: its rows, and as many anomalous rows as anomalies reported.
        assertThat(outcome.results().rowCount()).isEqualTo(4800);
        int anomalous = outcome.results().intColumn("anomaly_code").isIn(1, 3).size();
        assertThat(anomalous).isEqualTo(outcome.anomalies()).isGreaterThan(100);
        assertThat(printed).contains(anomalous + " of 4800 rows are anomalous");

        DoubleColumn departure = outcome.ranking().doubleColumn("mean_abs_departure");
        assertThat(outcome.ranking().rowCount()).isEqualTo(5);
        for (int r = 1; r < 5; r++) {
            assertThat(departure.getDouble(r)).isLessThanOrEqualTo(departure.getDouble(r - 1));
        }
        assertThat(departure.getDouble(4)).isPositive();
    }
}
