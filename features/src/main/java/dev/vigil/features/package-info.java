/**
 * Feature generators of the normal-behaviour regression, discovered through {@code
 * META-INF/services/dev.vigil.spi.FeatureGenerator}: lags and moving averages of influencers
 * (and of the KPI), calendar terms, hinges and products of the best single features
 * (docs/models.md#candidate-features). Every feature is causal and computed in one pass over
 * primitive arrays.
 */
package dev.vigil.features;
