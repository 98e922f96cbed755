/**
 * CSV: Vigil's one tokenizer ({@link dev.vigil.io.csv.CsvTokenizer}, within {@link dev.vigil.io.csv.CsvLimits}),
 * the reader of data files into time frames with strict parsing and messages that name file, line,
 * column and value, and the writer.
 */
package dev.vigil.io.csv;
