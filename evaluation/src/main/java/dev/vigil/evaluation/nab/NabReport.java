package dev.vigil.evaluation.nab;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A NAB score with what it was computed from: the three normalised scores with their thresholds, raw
 * scores and counts, and raw scores per category and per file.
 *
 * @param scores the scores file
 * @param dataDir the corpus folder
 * @param corpus the series scored
 * @param score their score
 * @param thresholds where the thresholds came from, in words (e.g. swept over every distinct score)
 */
public record NabReport(Path scores, Path dataDir, NabCorpus corpus, NabScore score, String thresholds) {
    /** How {@link NabScorer#score} finds the thresholds, in words. */
    public static final String SWEPT = "swept over every distinct score (one per profile for the whole corpus)";

    public NabReport {
        Objects.requireNonNull(scores, "scores is null");
        Objects.requireNonNull(dataDir, "dataDir is null");
        Objects.requireNonNull(corpus, "corpus is null");
        Objects.requireNonNull(score, "score is null");
        Objects.requireNonNull(thresholds, "thresholds is null");
    }

    /**
     * The report as a JSON-ready tree: the files, windows and rows scored, the thresholds' origin, and
     * per profile its normalised score, threshold, raw, null and perfect scores, counts, and raw scores
     * per category and per file.
     */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("scoresFile", scores.toString());
        m.put("dataDir", dataDir.toString());
        m.put("files", score.files());
        m.put("missingFiles", corpus.missingFiles());
        m.put("dataFilesUsed", corpus.dataFilesUsed());
        m.put("windows", score.windows());
        m.put("rows", score.rows());
        m.put("probationRows", score.probationRows());
        m.put("thresholds", thresholds);
        Map<String, Object> profiles = new LinkedHashMap<>();
        for (NabProfileScore p : score.profiles()) {
            Map<String, Object> q = new LinkedHashMap<>();
            q.put("score", p.normalizedScore());
            q.put("threshold", p.threshold());
            q.put("rawScore", p.total().rawScore());
            q.put("nullScore", p.nullScore());
            q.put("perfectScore", p.perfectScore());
            q.put("counts", p.total().counts().toMap());
            q.put("categories", tallies(p.categories()));
            q.put("files", tallies(p.files()));
            profiles.put(p.profile().name(), q);
        }
        m.put("profiles", profiles);
        return m;
    }

    private static Map<String, Object> tallies(List<NabTally> tallies) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (NabTally t : tallies) {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("files", t.files());
            v.put("windows", t.windows());
            v.put("rawScore", t.rawScore());
            v.put("counts", t.counts().toMap());
            m.put(t.name(), v);
        }
        return m;
    }

}
