package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.io.csv.CsvWriter;
import dev.vigil.testing.KpiDataGenerator;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vigil what-if}: what changes when influencer values are replaced, and clear refusals of bad changes. */
class WhatIfCommandTest {
    @TempDir
    Path dir;

    Path data;
    Path model;

    @BeforeEach
    void buildAModel() {
        data = dir.resolve("kpi.csv");
        CsvWriter.write(KpiDataGenerator.create().rows(3000).seed(8).anomalies(0, 0, 0, 0).generate().unlabelled(), data);
        model = dir.resolve("model.json");
        CliRun run = CliRun.of("build-model", "--data", data.toString(), "--kpi", "kpi", "--rows", "first:2000", "--model-out", model.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
    }

    @Test
    void aLargeShiftOfTheMainInfluencerMovesTheNormalBehaviourAndRaisesAnomalies() {
        CliRun run = CliRun.of("what-if", "--model", model.toString(), "--data", data.toString(), "--set", "x1+=20");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("What-if: x1+=20.0 on 1,000 rows.").contains("normal behaviour: mean change +")
                .contains("Detected on the changed data on 1,000 rows");
        String line = run.out().lines().filter(l -> l.contains("anomalous rows:")).findFirst().orElseThrow();
        int after = Integer.parseInt(line.replaceAll(".*-> ([0-9,]+) .*", "$1").replace(",", ""));
        assertThat(after).as(line).isGreaterThan(500);
    }

    @Test
    void aMalformedChangeOrAColumnTheModelDoesNotUseIsExitCodeTwoWithWhatWouldBeValid() {
        CliRun bad = CliRun.of("what-if", "--model", model.toString(), "--data", data.toString(), "--set", "x1+=a lot");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("'x1+=a lot'").contains("COL=VALUE, COL+=DELTA or COL*=FACTOR");
        CliRun unknown = CliRun.of("what-if", "--model", model.toString(), "--data", data.toString(), "--set", "nosuch=1");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("'nosuch', which the model does not use");
    }
}
