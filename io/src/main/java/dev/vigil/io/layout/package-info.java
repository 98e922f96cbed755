/**
 * Data sets laid out in several files, read into one frame: Azure Multivariate Anomaly Detector's one CSV
 * per variable (a folder or zip), Lookout for Equipment's component folders with their dataset schema and
 * tags description; aligned and filled by Azure's rules (docs/file-formats.md#data-layouts).
 */
package dev.vigil.io.layout;
