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
        assertThat(text.toString()).contains("Best: Residual+Imbalance @ auto (event_f1 0.385); chosen over Residual @ auto, which wins by 0.070, "
                + "no more than one labelled event's worth (1/6 = 0.167, 6 labelled events in the validation rows).");
        text.getBuffer().setLength(0);
        TuneCommand.print(new java.io.PrintWriter(text, true), new dev.vigil.evaluation.LabelTuning.Result(
                dev.vigil.evaluation.LabelTuning.Objective.EVENT_F1, java.util.List.of(auto, residual), residual, JobSettings.DEFAULT, 60));
        assertThat(text.toString()).contains("Best: Residual @ auto (event_f1 0.455).").doesNotContain("chosen over");
    }

    @Test
    void theBestLineNamesTheFoldAWinRestsOn() {
        // 3 labelled events per fold; the default catches 1 in each, the other all 3 in the second fold and 1 in the others
        java.util.function.Function<int[], java.util.List<dev.vigil.evaluation.FoldTally>> folds = caught -> java.util.Arrays.stream(caught)
                .mapToObj(c -> new dev.vigil.evaluation.FoldTally(3, c, c, c, 0, 0, 0, 1000, 1, 0, 0, 0)).toList();
        dev.vigil.evaluation.LabelTuning.Objective f1 = dev.vigil.evaluation.LabelTuning.Objective.EVENT_F1;
        dev.vigil.evaluation.LabelTuning.Trial auto = dev.vigil.evaluation.LabelTuning.Trial.of(new dev.vigil.evaluation.LabelTuning.Candidate(
                java.util.List.of("Residual", "Imbalance"), java.util.OptionalDouble.empty()), f1, Double.NaN, folds.apply(new int[] {1, 1, 1, 1}));
        dev.vigil.evaluation.LabelTuning.Trial lucky = dev.vigil.evaluation.LabelTuning.Trial.of(new dev.vigil.evaluation.LabelTuning.Candidate(
                java.util.List.of("Residual"), java.util.OptionalDouble.of(0.1)), f1, Double.NaN, folds.apply(new int[] {1, 3, 1, 1}));
        java.io.StringWriter text = new java.io.StringWriter();
        TuneCommand.print(new java.io.PrintWriter(text, true), new dev.vigil.evaluation.LabelTuning.Result(f1, java.util.List.of(auto, lucky), auto,
                JobSettings.DEFAULT, 12));
        assertThat(text.toString()).contains("Best: Residual+Imbalance @ auto (event_f1 0.500); chosen over Residual @ 0.1 %, which wins by 0.167, "
                + "but without fold 2 of 4 by no more than one labelled event's worth of the other folds");
    }

    private Path labelled() {
        Path data = dir.resolve("labelled.csv");
        CsvWriter.write(KpiDataGenerator.create().rows(3000).seed(9).anomalies(4, 2, 2, 0).anomaliesBetween(0, 1).generate().frame(), data);
        return data;
    }

    @Test
    void theBudgetObjectiveNeedsAPositiveBudgetAndOnlyItTakesOne() {
        Path data = labelled();
        String out = dir.resolve("t.json").toString();
        CliRun missing = CliRun.of("tune", "--data", data.toString(), "--kpi", "kpi", "--label", "label", "--config-out", out,
                "--objective", "FA_BUDGET");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("--objective FA_BUDGET needs --max-false-alarms-per-day N");
        for (String bad : new String[] {"0", "-1", "Infinity"}) {
            CliRun run = CliRun.of("tune", "--data", data.toString(), "--kpi", "kpi", "--label", "label", "--config-out", out,
                    "--objective", "FA_BUDGET", "--max-false-alarms-per-day", bad);
            assertThat(run.exitCode()).as(bad).isEqualTo(2);
            assertThat(run.err()).contains("--max-false-alarms-per-day " + Double.parseDouble(bad) + " is not a budget");
        }
        CliRun ignored = CliRun.of("tune", "--data", data.toString(), "--kpi", "kpi", "--label", "label", "--config-out", out,
                "--max-false-alarms-per-day", "1");
        assertThat(ignored.exitCode()).isEqualTo(2);
        assertThat(ignored.err()).contains("--objective EVENT_F1 would ignore it");
        assertThat(dir.resolve("t.json")).doesNotExist();
    }

    /** The table's lines: objective, event recall and false alarms per day of each candidate. */
    private static java.util.List<double[]> table(CliRun run) {
        return run.out().lines().filter(l -> l.contains(" @ ") && !l.startsWith("perspectives") && !l.startsWith("Best")).map(l -> {
            String[] f = l.substring(46).trim().split("\\s+");
            return new double[] {Double.parseDouble(f[0]), Double.parseDouble(f[4]), Double.parseDouble(f[6])};
        }).toList();
    }

    @Test
    void theBudgetObjectiveIsEventRecallWithinTheBudgetAndSaysWhenNoCandidateKeepsToIt() {
        Path data = labelled();
        CliRun loose = CliRun.of("tune", "--data", data.toString(), "--kpi", "kpi", "--label", "label", "--config-out",
                dir.resolve("loose.json").toString(), "--objective", "FA_BUDGET", "--max-false-alarms-per-day", "1000000");
        assertThat(loose.exitCode()).as(loose.err()).isZero();
        assertThat(table(loose)).hasSize(32).allSatisfy(t -> assertThat(t[0]).isCloseTo(t[1], org.assertj.core.api.Assertions.within(0.0011)));
        assertThat(loose.out()).doesNotContain("No configuration keeps to");
        // a budget below every candidate's rate (all of them have false alarms on this line): minus the rate, and said so
        CliRun tight = CliRun.of("tune", "--data", data.toString(), "--kpi", "kpi", "--label", "label", "--config-out",
                dir.resolve("tight.json").toString(), "--objective", "FA_BUDGET", "--max-false-alarms-per-day", "1e-9");
        assertThat(tight.exitCode()).as(tight.err()).isZero();
        java.util.List<double[]> rows = table(tight);
        String best = tight.out().lines().filter(l -> l.endsWith("<- best")).findFirst().orElseThrow();
        double bestRate = Double.parseDouble(best.substring(46).trim().split("\\s+")[6]);
        if (rows.stream().allMatch(t -> t[2] > 0)) {
            assertThat(rows).allSatisfy(t -> assertThat(t[0]).isCloseTo(-t[2], org.assertj.core.api.Assertions.within(0.0051)));
            assertThat(tight.out()).contains("No configuration keeps to 1.0E-9 false alarms per day on the validation rows; chose the fewest.");
            assertThat(bestRate).isEqualTo(rows.stream().mapToDouble(t -> t[2]).min().orElseThrow());
        } else { // a candidate without false alarms keeps to it, and one such is chosen
            assertThat(tight.out()).doesNotContain("No configuration keeps to");
            assertThat(bestRate).isZero();
        }
    }

    @Test
    void theNabObjectiveIsNamedInTheTable() {
        CliRun run = CliRun.of("tune", "--data", labelled().toString(), "--kpi", "kpi", "--label", "label", "--config-out",
                dir.resolve("nab.json").toString(), "--objective", "NAB");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("perspectives @ sensitivity").contains(" nab ").contains("(nab ");
        assertThat(table(run)).hasSize(32).allSatisfy(t -> assertThat(t[0]).isLessThanOrEqualTo(1));
    }

    private static dev.vigil.evaluation.LabelTuning.Trial trial(java.util.List<String> perspectives, double objective) {
        return new dev.vigil.evaluation.LabelTuning.Trial(new dev.vigil.evaluation.LabelTuning.Candidate(perspectives,
                java.util.OptionalDouble.empty()), objective, 0, 0, 0, 0, 0);
    }
}
