/**
 * The data-quality report of Amazon Lookout for Equipment's ingestion, computed locally over data as read
 * (before any preparation): per sensor missing and invalid values, invalid, duplicate and unordered
 * timestamps, large gaps, a short date range, monotonic, categorical and multi-modal values; summed into
 * Lookout's {@code DataQualitySummary}. {@link dev.vigil.core.quality.DataQuality#assess} is the entry
 * point; docs/file-formats.md#data-quality-report gives every rule and threshold.
 */
package dev.vigil.core.quality;
