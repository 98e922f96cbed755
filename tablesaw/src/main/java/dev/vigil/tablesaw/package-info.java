/**
 * Tablesaw as a data-frame edge, for people who already work with Tablesaw {@code Table}s: a table to a
 * Vigil time frame and back ({@link dev.vigil.tablesaw.TableFrames}), and a detection's results, a
 * root-cause decomposition and the importance tables as tables ({@link dev.vigil.tablesaw.ResultTables}).
 * Vigil never reads files through Tablesaw; vigil-io does that.
 */
package dev.vigil.tablesaw;
