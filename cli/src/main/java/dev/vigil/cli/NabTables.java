package dev.vigil.cli;

import dev.vigil.evaluation.ConfusionMatrix;
import dev.vigil.evaluation.nab.NabCorpus;
import dev.vigil.evaluation.nab.NabProfileScore;
import dev.vigil.evaluation.nab.NabReport;
import dev.vigil.evaluation.nab.NabScore;
import dev.vigil.evaluation.nab.NabTally;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * How the command line shows a NAB score as tables: the three normalised scores with their
 * thresholds, raw scores and counts, then raw scores per category.
 */
final class NabTables {
    private NabTables() {
    }

    static void print(NabReport report, PrintWriter out) {
        Path scores = report.scores();
        Path dataDir = report.dataDir();
        NabCorpus corpus = report.corpus();
        NabScore score = report.score();
        String thresholds = report.thresholds();
        out.printf(Locale.ROOT, "NAB score of %s%n", scores);
        out.printf(Locale.ROOT, "Files       %d scored, %d windows, %s rows (%s in probation, not scored)%n", score.files(),
                score.windows(), Text.count(score.rows()), Text.count(score.probationRows()));
        out.printf(Locale.ROOT, "Row lists   %s%n", corpus.dataFilesUsed() == 0 ? "as in the scores file (no " + dataDir.resolve("data")
                + "/<category>/<file>.csv)" : corpus.dataFilesUsed() + " from " + dataDir.resolve("data") + ", checked against the scores");
        out.printf(Locale.ROOT, "Thresholds  %s%n", thresholds);
        if (!corpus.missingFiles().isEmpty()) {
            out.printf(Locale.ROOT, "Warning     %d of NAB's files have no scores (%s): these scores cover only the files scored and "
                    + "are not comparable with NAB's scoreboard%n", corpus.missingFiles().size(), abbreviate(corpus.missingFiles()));
        }
        out.println();
        out.printf(Locale.ROOT, "%-20s %8s %11s %10s %7s %8s %8s %9s%n", "profile", "score", "threshold", "raw score", "TP", "FP", "FN", "TN");
        for (NabProfileScore p : score.profiles()) {
            ConfusionMatrix c = p.total().counts();
            out.printf(Locale.ROOT, "%-20s %8.2f %11.6f %10.4f %7s %8s %8s %9s%n", p.profile().name(), p.normalizedScore(), p.threshold(),
                    p.total().rawScore(), Text.count(c.truePositive()), Text.count(c.falsePositive()), Text.count(c.falseNegative()),
                    Text.count(c.trueNegative()));
        }
        out.println();
        out.printf(Locale.ROOT, "%-24s %5s %7s", "raw score per category", "files", "windows");
        for (NabProfileScore p : score.profiles()) {
            out.printf(Locale.ROOT, " %20s", p.profile().name());
        }
        out.println();
        List<NabTally> categories = score.profiles().get(0).categories();
        for (int c = 0; c < categories.size(); c++) {
            NabTally first = categories.get(c);
            out.printf(Locale.ROOT, "%-24s %5d %7d", first.name(), first.files(), first.windows());
            for (NabProfileScore p : score.profiles()) {
                out.printf(Locale.ROOT, " %20.4f", p.categories().get(c).rawScore());
            }
            out.println();
        }
    }

    private static String abbreviate(List<String> names) {
        return names.size() <= 3 ? String.join(", ", names) : String.join(", ", names.subList(0, 3)) + ", …";
    }
}
