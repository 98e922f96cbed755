/**
 * The anomalous-behaviour model: per detection perspective, a Gaussian-mixture density of the
 * in-sample values, a threshold set by the sensitivity, anomaly indicators (above 1 calibrated by the
 * rarity of the in-sample scores, so that they compare across perspectives and series) and codes.
 */
package dev.vigil.core.anomaly;
