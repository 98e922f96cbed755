/**
 * Test support for Vigil and its plugin authors: seeded generators of KPI-driven data with labelled
 * injected anomalies.
 */
package dev.vigil.testing;
