/**
 * The Numenta Anomaly Benchmark (NAB) score, exactly as NAB v1.1 computes it
 * (docs/evaluation.md#the-nab-score; NAB repository: nab/sweeper.py, nab/optimizer.py, nab/scorer.py,
 * nab/runner.py): per-row contributions from anomaly windows and the scaled sigmoid, one corpus-wide
 * threshold per {@linkplain dev.vigil.evaluation.nab.NabProfile profile} found by a sweep over every
 * distinct score, and normalisation between the null and the perfect detector. {@link
 * dev.vigil.evaluation.nab.NabScorer} works on arrays; {@link dev.vigil.evaluation.nab.NabCorpus}
 * reads NAB's files (a scores file, {@code labels/combined_windows.json}, {@code data/}).
 */
package dev.vigil.evaluation.nab;
