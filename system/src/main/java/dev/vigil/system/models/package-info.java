/**
 * Vigil's system models, found by name: the Extended Isolation Forest ({@code eif}), MSET ({@code mset}),
 * PCA with T² and Q ({@code pca}) and the cross-regression ({@code cross-regression}).
 * docs/system-driven.md describes each, its parameters and its contributions.
 */
package dev.vigil.system.models;
