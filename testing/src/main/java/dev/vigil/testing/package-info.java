/**
 * Test support for Vigil and its plugin authors: seeded generators of KPI-driven data with labelled
 * injected anomalies ({@link dev.vigil.testing.KpiDataGenerator}, {@link
 * dev.vigil.testing.ProductionLineGenerator}), and a contract suite for every plugin interface — extend
 * {@link dev.vigil.testing.AbstractFeatureGeneratorContractTest}, {@link
 * dev.vigil.testing.AbstractPerspectiveContractTest}, {@link
 * dev.vigil.testing.AbstractNormalBehaviorModelFactoryContractTest} or {@link
 * dev.vigil.testing.AbstractDataFormatContractTest} in a test and return the plugin.
 */
package dev.vigil.testing;
