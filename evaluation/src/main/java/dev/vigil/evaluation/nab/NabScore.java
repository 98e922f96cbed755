package dev.vigil.evaluation.nab;

import java.util.List;
import java.util.NoSuchElementException;

/**
 * The NAB scores of one detector on a corpus, one per profile, as {@link NabScorer#score} computes
 * them.
 *
 * @param profiles one score per profile, in the order asked
 * @param rows rows of all files
 * @param probationRows rows inside the probation periods (not scored)
 */
public record NabScore(List<NabProfileScore> profiles, long rows, long probationRows) {
    public NabScore {
        profiles = List.copyOf(profiles);
        if (profiles.isEmpty() || rows < 0 || probationRows < 0 || probationRows > rows) {
            throw new IllegalArgumentException(profiles.size() + " profiles, " + rows + " rows, " + probationRows + " in probation");
        }
    }

    /** The score under a profile, by name (e.g. {@code standard}). */
    public NabProfileScore profile(String name) {
        for (NabProfileScore p : profiles) {
            if (p.profile().name().equals(name)) {
                return p;
            }
        }
        throw new NoSuchElementException("no score for profile '" + name + "'");
    }

    /** Number of files scored. */
    public int files() {
        return profiles.get(0).total().files();
    }

    /** Number of anomaly windows scored. */
    public int windows() {
        return profiles.get(0).total().windows();
    }
}
