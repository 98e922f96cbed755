/**
 * Parquet input and output ({@link dev.vigil.io.parquet.ParquetFormat}), registered as a
 * {@link dev.vigil.spi.DataFormat} for {@code .parquet}: flat files read column by column into
 * primitive arrays, frames written with proper logical types. Pure Java: no Hadoop installation, no
 * native library.
 */
package dev.vigil.io.parquet;
