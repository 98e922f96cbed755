/**
 * Scoring a detector against labels, on primitive arrays, for Vigil's detector or any other:
 * point-wise {@link dev.vigil.evaluation.Auc AUC} and {@link dev.vigil.evaluation.ConfusionMatrix
 * confusion matrix} (precision, recall, F1, false- and missed-alarm rates), TIM's {@link
 * dev.vigil.evaluation.ErrorMeasures error measures}, and event-wise {@link
 * dev.vigil.evaluation.EventMetrics metrics} over runs of anomalous rows. The NAB score lives in
 * {@code dev.vigil.evaluation.nab}.
 *
 * <p>Conventions shared by every class: one array element per row; a label is {@code 1} (anomaly),
 * {@code 0} (normal) or {@code NaN} (unknown, row skipped); a score is any number, {@code NaN}
 * meaning "not calculated" (row skipped); inputs are never modified; results are immutable.
 */
package dev.vigil.evaluation;
