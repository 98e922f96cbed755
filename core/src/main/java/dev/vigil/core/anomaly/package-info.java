/**
 * The anomalous-behaviour model: per detection perspective, a Gaussian-mixture density of the
 * in-sample values, a threshold set by the sensitivity, and anomaly indicators and codes.
 */
package dev.vigil.core.anomaly;
