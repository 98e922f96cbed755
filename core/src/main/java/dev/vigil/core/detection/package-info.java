/**
 * KPI-driven detection jobs: {@link dev.vigil.core.detection.AnomalyDetector} builds a {@link
 * dev.vigil.core.detection.DetectionModel}, which detects on new data; both return results tables in
 * TIM's shape with the job log.
 */
package dev.vigil.core.detection;
