/** CSV input through Tablesaw, with strict parsing and messages that name file, line, column and value; CSV output. */
package dev.vigil.io.csv;
