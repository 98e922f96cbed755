/**
 * Runnable examples: {@link dev.vigil.examples.ProductionLineExample} (a pipeline composed in code),
 * {@link dev.vigil.examples.CustomPerspectiveExample} and {@link dev.vigil.examples.ShiftScan} (a
 * perspective plugin selected by name), {@link dev.vigil.examples.GuiceExample} (assembly with Guice),
 * {@link dev.vigil.examples.TablesawExample} (from a Tablesaw table to results as tables).
 */
package dev.vigil.examples;
