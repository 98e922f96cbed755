package dev.vigil.benchmarks;

import dev.vigil.evaluation.nab.NabCorpus;
import dev.vigil.evaluation.nab.NabProfileScore;
import dev.vigil.evaluation.nab.NabScore;
import dev.vigil.evaluation.nab.NabScorer;
import dev.vigil.testing.SharedData;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * End-to-end time of {@code vigil nab score} on the whole Numenta HTM scores file (365,558 rows,
 * 58 files, row lists checked against NAB's data files): reading, then the sweep and tallies of
 * the three profiles. Needs ../shared/datasets/nab; says so and stops when it is absent.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.vigil.benchmarks.NabScoreBenchmark</pre>
 */
public final class NabScoreBenchmark {
    private NabScoreBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String relative = "datasets/nab/results/numenta_anomaly_scores.csv.gz";
        Optional<Path> scores = SharedData.file(relative);
        if (scores.isEmpty()) {
            System.out.println(SharedData.skipped(relative));
            return;
        }
        Path nab = scores.get().getParent().getParent();
        NabCorpus corpus = NabCorpus.read(scores.get(), nab);
        NabScore score = NabScorer.score(corpus.series());
        for (NabProfileScore p : score.profiles()) {
            System.out.printf(Locale.ROOT, "%-20s %6.2f  threshold %.6f  raw %.4f%n", p.profile().name(), p.normalizedScore(), p.threshold(),
                    p.total().rawScore());
        }
        System.out.println(Measure.time("read scores + 58 data files + windows", 2, 5, () -> NabCorpus.read(scores.get(), nab)));
        System.out.println(Measure.time("sweep + tally, 3 profiles", 2, 5, () -> NabScorer.score(corpus.series())));
        System.out.println(Measure.time("nab score end to end (read + score)", 2, 5,
                () -> NabScorer.score(NabCorpus.read(scores.get(), nab).series())));
    }
}
