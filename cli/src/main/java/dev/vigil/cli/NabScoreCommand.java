package dev.vigil.cli;

import dev.vigil.evaluation.nab.NabCorpus;
import dev.vigil.evaluation.nab.NabProfile;
import dev.vigil.evaluation.nab.NabReport;
import dev.vigil.evaluation.nab.NabScore;
import dev.vigil.evaluation.nab.NabScorer;
import dev.vigil.io.report.ReportJson;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vigil nab score}: NAB's three scores of any detector's per-row anomaly scores. */
@Command(name = "score",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Score a detector's per-row anomaly scores on the NAB corpus exactly as NAB does: anomaly windows, "
                + "probation, the scaled sigmoid, one threshold per profile for the whole corpus (swept over every distinct "
                + "score), normalised so that 0 is the null detector and 100 the perfect one.",
                "Prints the standard, reward_low_FP_rate and reward_low_FN_rate scores, their thresholds, raw scores and "
                + "counts, and the raw scores per category."})
final class NabScoreCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--scores", required = true, paramLabel = "FILE",
            description = "The detector's scores: CSV (or .csv.gz) with columns file (<category>/<file>.csv), timestamp, "
                    + "anomaly_score (in [0, 1]), each file's rows in order.")
    Path scores;

    @Option(names = "--data-dir", required = true, paramLabel = "DIR",
            description = "The NAB corpus: DIR/" + NabCorpus.WINDOWS_FILE + " holds the windows; DIR/data/<category>/<file>.csv, "
                    + "when present, the full row list of each file.")
    Path dataDir;

    @ArgGroup(exclusive = false)
    Published published;

    @Option(names = "--json", description = "Print one JSON object instead of tables.")
    boolean json;

    /** Scoring at given thresholds rather than the sweep's. */
    static final class Published {
        @Option(names = "--thresholds", required = true, paramLabel = "FILE",
                description = "Use a detector's thresholds from NAB's thresholds.json instead of sweeping (with --detector), "
                        + "e.g. to reproduce NAB's published scoreboard.")
        Path file;

        @Option(names = "--detector", required = true, paramLabel = "NAME", description = "The detector's entry in --thresholds, e.g. numenta.")
        String detector;
    }

    @Override
    public Integer call() {
        NabCorpus corpus = NabCorpus.read(scores, dataDir);
        NabScore score;
        String thresholds;
        if (published == null) {
            score = NabScorer.score(corpus.series());
            thresholds = NabReport.SWEPT;
        } else {
            Map<NabProfile, Double> given = NabCorpus.readThresholds(published.file, published.detector);
            score = NabScorer.scoreAt(corpus.series(), given);
            thresholds = "from " + published.file + ", detector " + published.detector;
        }
        NabReport report = new NabReport(scores, dataDir, corpus, score, thresholds);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(ReportJson.pretty(report.toMap()));
        } else {
            NabTables.print(report, out);
        }
        out.flush();
        return 0;
    }
}
