package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.io.config.ConfigurationReader;
import dev.vigil.io.csv.CsvWriter;
import dev.vigil.spi.log.JobLog;
import dev.vigil.spi.settings.DomainSpecific;
import dev.vigil.spi.settings.JobSettings;
import dev.vigil.testing.KpiDataGenerator;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vigil tune}: a trade-off table, and the best line written as a configuration that reads back. */
class TuneCommandTest {
    @TempDir
    Path dir;

    @Test
    void writesTheBestConfigurationOfTheTradeOffTable() throws java.io.IOException {
        Path data = dir.resolve("labelled.csv");
        CsvWriter.write(KpiDataGenerator.create().rows(3000).seed(9).anomalies(4, 2, 2, 0).anomaliesBetween(0, 1).generate().frame(), data);
        Path out = dir.resolve("tuned.json");
        Path html = dir.resolve("tuned.html");
        CliRun run = CliRun.of("tune", "--data", data.toString(), "--kpi", "kpi", "--label", "label", "--config-out", out.toString(),
                "--report-out", html.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        String best = run.out().lines().filter(l -> l.endsWith("<- best")).findFirst().orElseThrow();
        JobSettings tuned = ConfigurationReader.read(out, new JobLog());
        String perspectives = String.join("+", tuned.configuration().domainSpecifics().stream().map(DomainSpecific::perspective).toList());
        DomainSpecific first = tuned.configuration().domainSpecifics().get(0);
        String sensitivity = first.sensitivity().isPresent() ? first.sensitivity().getAsDouble() + " %" : "auto";
        assertThat(best).startsWith(perspectives + " @ " + sensitivity + " ");
        assertThat(run.out().lines().filter(l -> l.contains(" @ ") && !l.startsWith("perspectives") && !l.startsWith("Best"))).hasSize(32); // 4 perspective sets x (automatic + 7 sensitivities)
        assertThat(tuned.data().label()).contains("label");
        com.fasterxml.jackson.databind.JsonNode report = ReportCommandTest.data(html).path("tuning");
        assertThat(report.path("trials").size()).isEqualTo(32);
        assertThat(best).startsWith(report.path("best").asText() + " ");
    }

    @Test
    void withoutALabelColumnItRefuses() {
        Path data = dir.resolve("plain.csv");
        CsvWriter.write(KpiDataGenerator.create().rows(500).seed(9).generate().unlabelled(), data);
        CliRun run = CliRun.of("tune", "--data", data.toString(), "--kpi", "kpi", "--label", "label", "--config-out", dir.resolve("t.json").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("label");
    }

    @Test
    void theBestLineSaysWhenTheDefaultWasKeptOverABetterCandidate() {
        dev.vigil.evaluation.LabelTuning.Trial auto = trial(java.util.List.of("Residual", "Imbalance"), 0.385);
        dev.vigil.evaluation.LabelTuning.Trial residual = trial(java.util.List.of("Residual"), 0.455);
        java.io.StringWriter text = new java.io.StringWriter();
        TuneCommand.print(new java.io.PrintWriter(text, true), new dev.vigil.evaluation.LabelTuning.Result(
                dev.vigil.evaluation.LabelTuning.Objective.EVENT_F1, java.util.List.of(auto, residual), auto, JobSettings.DEFAULT, 6));
        assertThat(text.toString()).contains("Best: Residual+Imbalance @ auto (event_f1 0.385); kept the default: Residual @ auto wins by 0.070, "
                + "no more than one labelled event's worth (1/6 = 0.167, 6 labelled events in the validation rows).");
        text.getBuffer().setLength(0);
        TuneCommand.print(new java.io.PrintWriter(text, true), new dev.vigil.evaluation.LabelTuning.Result(
                dev.vigil.evaluation.LabelTuning.Objective.EVENT_F1, java.util.List.of(auto, residual), residual, JobSettings.DEFAULT, 60));
        assertThat(text.toString()).contains("Best: Residual @ auto (event_f1 0.455).").doesNotContain("kept");
    }

    private static dev.vigil.evaluation.LabelTuning.Trial trial(java.util.List<String> perspectives, double objective) {
        return new dev.vigil.evaluation.LabelTuning.Trial(new dev.vigil.evaluation.LabelTuning.Candidate(perspectives,
                java.util.OptionalDouble.empty()), objective, 0, 0, 0, 0, 0);
    }
}
