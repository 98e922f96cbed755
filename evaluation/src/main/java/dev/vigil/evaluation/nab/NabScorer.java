package dev.vigil.evaluation.nab;

import dev.vigil.evaluation.ConfusionMatrix;
import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.VigilException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Scores a detector on a NAB corpus exactly as NAB v1.1 does (docs/evaluation.md#the-nab-score):
 *
 * <ol>
 *   <li><b>Per-row contribution</b> (NAB repository: nab/sweeper.py {@code calcSweepScore}). A row
 *       at index i inside a window [L, R] of width W is worth S(−(R − i + 1)/W) · A<sub>TP</sub> /
 *       S(−1), where S(y) = 2σ(−5y) − 1 is the {@linkplain #scaledSigmoid scaled sigmoid}; a row
 *       outside every window costs S(|R<sub>prev</sub> − i| / (W<sub>prev</sub> − 1)) ·
 *       A<sub>FP</sub> relative to the last window that ended, or A<sub>FP</sub> if none has.
 *       Rows of the {@linkplain #probationRows probation period} are not scored.</li>
 *   <li><b>Score at a threshold θ</b> (sweeper.py {@code calcScoreByThreshold}). A row is a
 *       detection iff its score ≥ θ. Each window is worth −A<sub>FN</sub>, or the largest
 *       contribution of its detected rows; each detected row outside windows adds its (negative)
 *       contribution.</li>
 *   <li><b>One threshold per profile for the whole corpus</b> (nab/optimizer.py). The rows of all
 *       files are swept by descending score, from θ = 1.1 (nothing detected) through every distinct
 *       score, updating the corpus score incrementally; the highest score wins, ties going to the
 *       higher threshold as in NAB's stable sort.</li>
 *   <li><b>Per-file scores</b> at that threshold, summed per category and in total (nab/scorer.py),
 *       and <b>normalised</b> against the null (−A<sub>FN</sub> per window) and perfect
 *       (A<sub>TP</sub> per window) detectors (nab/runner.py).</li>
 * </ol>
 *
 * <p>Two corner cases that crash NAB are defined here: a window of one row followed by rows
 * (division by zero in NAB) makes those rows cost the full A<sub>FP</sub>, and a threshold below a
 * file's every score counts every row as a detection. O(n log n) in the number of rows, no boxing.
 * Stateless and thread-safe.
 */
public final class NabScorer {
    /** Share of each file's rows in the probation period (NAB repository: nab/runner.py). */
    public static final double PROBATION_FRACTION = 0.15;
    /** The sweep's start threshold, above every valid score: nothing is detected. */
    public static final double NO_DETECTION = 1.1;
    /** S(−1) = 2σ(5) − 1 ≈ 0.98661: the unscaled value of a detection at a window's first row. */
    static final double MAX_TP = scaledSigmoid(-1.0);
    /** Name of the corpus-wide tally, as in NAB's score files. */
    public static final String TOTALS = "Totals";

    private NabScorer() {
    }

    /**
     * Rows at the start of a file that NAB does not score: min(⌊0.15 · rows⌋, 0.15 · 5000 = 750)
     * (NAB repository: nab/sweeper.py {@code _getProbationaryLength}).
     */
    public static int probationRows(int rows) {
        return (int) Math.min(Math.floor(PROBATION_FRACTION * rows), PROBATION_FRACTION * 5000);
    }

    /**
     * NAB's scaled sigmoid S(y) = 2σ(−5y) − 1 with σ(x) = 1/(1 + e<sup>−x</sup>), and −1 for
     * y ≥ 3 (NAB repository: nab/sweeper.py {@code scaledSigmoid}).
     */
    public static double scaledSigmoid(double y) {
        return y >= 3.0 ? -1.0 : 2 * (1 / (1 + Math.exp(5 * y))) - 1.0;
    }

    /**
     * The contribution of each row of a file to the NAB score if that row were a detection (step 1
     * above): positive inside windows, negative outside, {@code NaN} in the probation period.
     */
    public static double[] contributions(NabSeries series, NabProfile profile) {
        Flat flat = new Flat(List.of(series));
        double[] out = new double[series.rows()];
        Arrays.fill(out, 0, series.probationRows(), Double.NaN);
        for (int k = 0; k < flat.rows; k++) {
            out[series.probationRows() + k] = flat.weighted(k, profile);
        }
        return out;
    }

    /** The NAB scores of a corpus under NAB's three profiles ({@link NabProfile#all()}). */
    public static NabScore score(List<NabSeries> corpus) {
        return score(corpus, NabProfile.all());
    }

    /**
     * The NAB scores of a corpus: per profile, the threshold found by the sweep and the scores at it.
     *
     * @param corpus the files, each with a distinct name
     * @param profiles the profiles to score
     * @throws VigilException {@link ErrorCode#INSUFFICIENT_DATA} if no window lies after a
     *     probation period (a NAB score is then undefined)
     */
    public static NabScore score(List<NabSeries> corpus, List<NabProfile> profiles) {
        Flat flat = new Flat(corpus);
        List<NabProfileScore> scores = new ArrayList<>();
        for (NabProfile p : profiles) {
            scores.add(flat.tally(p, flat.sweep(p)));
        }
        return new NabScore(scores, flat.allRows, flat.allRows - flat.rows);
    }

    /** The NAB score of a corpus under one profile at a given threshold, e.g. a published one. */
    public static NabProfileScore scoreAt(List<NabSeries> corpus, NabProfile profile, double threshold) {
        return new Flat(corpus).tally(profile, threshold);
    }

    /**
     * The NAB scores of a corpus at given thresholds instead of the sweep's, e.g. NAB's published
     * {@code config/thresholds.json} (see {@link NabCorpus#readThresholds}).
     *
     * @param thresholds profile → threshold, in the order to report
     */
    public static NabScore scoreAt(List<NabSeries> corpus, Map<NabProfile, Double> thresholds) {
        Flat flat = new Flat(corpus);
        List<NabProfileScore> scores = new ArrayList<>();
        thresholds.forEach((p, t) -> scores.add(flat.tally(p, t)));
        return new NabScore(scores, flat.allRows, flat.allRows - flat.rows);
    }

    /**
     * The scored rows (after each file's probation period) of a corpus, flattened: score,
     * unweighted contribution S(y) and window (corpus-wide index, −1 outside) of each.
     */
    private static final class Flat {
        final List<NabSeries> files;
        final int[] offset;
        final int[] windowBase;
        final int rows;
        final long allRows;
        final int windows;
        final double[] score;
        final double[] sigmoid;
        final int[] window;
        /** Set by {@link #sortByDescendingScore()}, once. */
        double[] distinct;
        int[] order;

        Flat(List<NabSeries> corpus) {
            this.files = List.copyOf(corpus);
            if (files.isEmpty()) {
                throw new VigilException(ErrorCode.INSUFFICIENT_DATA, "No NAB file to score");
            }
            Set<String> names = new HashSet<>();
            offset = new int[files.size() + 1];
            windowBase = new int[files.size() + 1];
            long all = 0;
            for (int f = 0; f < files.size(); f++) {
                NabSeries s = files.get(f);
                if (!names.add(s.name())) {
                    throw new IllegalArgumentException("file " + s.name() + " appears twice in the corpus");
                }
                all += s.rows();
                offset[f + 1] = Math.addExact(offset[f], s.rows() - s.probationRows());
                windowBase[f + 1] = windowBase[f] + s.windows().size();
            }
            allRows = all;
            rows = offset[files.size()];
            score = new double[rows];
            sigmoid = new double[rows];
            window = new int[rows];
            int scored = 0;
            for (int f = 0; f < files.size(); f++) {
                scored += positions(files.get(f), offset[f], windowBase[f]);
            }
            windows = scored;
        }

        /** Fills one file's rows (step 1); returns how many of its windows lie after probation. */
        private int positions(NabSeries s, int at, int base) {
            int probation = s.probationRows();
            int next = 0;
            int current = -1;
            int prevRight = -1;
            int prevWidth = 0;
            int scored = 0;
            for (int i = 0; i < s.rows(); i++) {
                if (current < 0 && next < s.windows().size() && i == s.windowFirstRow(next)) {
                    current = next++;
                }
                double y;
                int right = current < 0 ? -1 : s.windowLastRow(current);
                int width = current < 0 ? 0 : right - s.windowFirstRow(current) + 1;
                if (current >= 0) {
                    y = -(double) (right - i + 1) / width;
                } else {
                    y = prevRight < 0 ? 3.0 : Math.abs(prevRight - i) / (double) (prevWidth - 1);
                }
                if (i >= probation) {
                    int k = at + i - probation;
                    score[k] = s.score(i) + 0.0; // -0.0 becomes 0.0: one distinct value for the sweep
                    sigmoid[k] = scaledSigmoid(y);
                    window[k] = current < 0 ? -1 : base + current;
                }
                if (current >= 0 && i == right) {
                    if (right >= probation) {
                        scored++;
                    }
                    prevRight = right;
                    prevWidth = width;
                    current = -1;
                }
            }
            return scored;
        }

        /** A row's contribution under a profile (NAB: tpWeight / maxTP inside, fpWeight outside). */
        double weighted(int k, NabProfile p) {
            return window[k] >= 0 ? sigmoid[k] * p.truePositiveWeight() / MAX_TP : sigmoid[k] * p.falsePositiveWeight();
        }

        void requireWindows() {
            if (windows == 0) {
                throw new VigilException(ErrorCode.INSUFFICIENT_DATA, "None of the " + files.size()
                        + " NAB files scored has an anomaly window after its probation period; a NAB score needs at least one");
            }
        }

        /** Distinct scores, ascending, and the rows by descending score, stable in row order (a counting sort). */
        private void sortByDescendingScore() {
            double[] sorted = score.clone();
            Arrays.sort(sorted);
            int m = 0;
            for (int k = 0; k < sorted.length; k++) {
                if (k == 0 || sorted[k] != sorted[m - 1]) {
                    sorted[m++] = sorted[k];
                }
            }
            int[] rank = new int[rows];
            int[] start = new int[m + 1];
            for (int k = 0; k < rows; k++) {
                rank[k] = Arrays.binarySearch(sorted, 0, m, score[k]);
                start[m - rank[k]]++;
            }
            for (int r = 1; r <= m; r++) {
                start[r] += start[r - 1];
            }
            int[] byScore = new int[rows];
            for (int k = 0; k < rows; k++) {
                byScore[start[m - 1 - rank[k]]++] = k;
            }
            distinct = Arrays.copyOf(sorted, m);
            order = byScore;
        }

        /** Step 3: the threshold with the highest corpus score. */
        double sweep(NabProfile p) {
            requireWindows();
            if (order == null) {
                sortByDescendingScore();
            }
            double[] value = new double[windowBase[files.size()]];
            Arrays.fill(value, -p.falseNegativeWeight());
            double falsePositives = 0;
            double windowSum = -p.falseNegativeWeight() * windows;
            double best = windowSum;
            double bestThreshold = NO_DETECTION;
            int k = 0;
            int m = distinct.length;
            for (int r = m - 1; r >= 0; r--) {
                for (; k < rows && score[order[k]] == distinct[r]; k++) {
                    int row = order[k];
                    double c = weighted(row, p);
                    int w = window[row];
                    if (w < 0) {
                        falsePositives += c;
                    } else if (c > value[w]) {
                        windowSum += c - value[w];
                        value[w] = c;
                    }
                }
                double total = falsePositives + windowSum;
                if (total > best) {
                    best = total;
                    bestThreshold = distinct[r];
                }
            }
            return bestThreshold;
        }

        /** Steps 2 and 4: per-file, per-category and total scores at a threshold. */
        NabProfileScore tally(NabProfile p, double threshold) {
            requireWindows();
            List<NabTally> perFile = new ArrayList<>(files.size());
            Map<String, NabTally> perCategory = new LinkedHashMap<>();
            NabTally total = new NabTally(TOTALS, 0, 0, 0, ConfusionMatrix.EMPTY);
            for (int f = 0; f < files.size(); f++) {
                NabSeries s = files.get(f);
                double[] value = new double[s.windows().size()];
                Arrays.fill(value, -p.falseNegativeWeight());
                boolean[] counted = new boolean[value.length];
                double falsePositives = 0;
                ConfusionMatrix.Counter counts = new ConfusionMatrix.Counter();
                for (int k = offset[f]; k < offset[f + 1]; k++) {
                    boolean detected = score[k] >= threshold;
                    int w = window[k];
                    counts.add(w >= 0, detected);
                    if (w >= 0) {
                        counted[w - windowBase[f]] = true;
                        if (detected) {
                            value[w - windowBase[f]] = Math.max(value[w - windowBase[f]], weighted(k, p));
                        }
                    } else if (detected) {
                        falsePositives += weighted(k, p);
                    }
                }
                double raw = falsePositives;
                int scoredWindows = 0;
                for (int w = 0; w < value.length; w++) {
                    if (counted[w]) {
                        raw += value[w];
                        scoredWindows++;
                    }
                }
                ConfusionMatrix matrix = counts.toMatrix();
                perFile.add(new NabTally(s.name(), 1, scoredWindows, raw, matrix));
                perCategory.merge(s.category(), new NabTally(s.category(), 1, scoredWindows, raw, matrix), NabTally::plus);
                total = total.plus(perFile.get(f));
            }
            return new NabProfileScore(p, threshold, -p.falseNegativeWeight() * windows, p.truePositiveWeight() * windows,
                    total, List.copyOf(perCategory.values()), perFile);
        }
    }
}
