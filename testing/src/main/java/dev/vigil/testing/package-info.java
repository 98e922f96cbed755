/**
 * Test support for Vigil and its plugin authors: seeded generators of KPI-driven data with labelled
 * injected anomalies ({@link dev.vigil.testing.KpiDataGenerator}, {@link
 * dev.vigil.testing.ProductionLineGenerator}), of many-signal machines with labelled faults and their
 * faulty signal ({@link dev.vigil.testing.SystemDataGenerator}), and a contract suite for every plugin
 * interface — extend
 * {@link dev.vigil.testing.AbstractFeatureGeneratorContractTest}, {@link
 * dev.vigil.testing.AbstractPerspectiveContractTest}, {@link
 * dev.vigil.testing.AbstractNormalBehaviorModelFactoryContractTest}, {@link
 * dev.vigil.testing.AbstractSystemModelContractTest} or {@link
 * dev.vigil.testing.AbstractDataFormatContractTest} in a test and return the plugin.
 */
package dev.vigil.testing;
