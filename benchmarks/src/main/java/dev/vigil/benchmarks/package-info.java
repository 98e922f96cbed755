/**
 * Benchmarks, run by hand as documented in BENCHMARKS.md, never by {@code mvn verify}: JMH
 * micro-benchmarks ({@code java -jar benchmarks/target/benchmarks.jar}) and end-to-end timings
 * ({@code java -cp benchmarks/target/benchmarks.jar dev.vigil.benchmarks.<Name>}).
 */
package dev.vigil.benchmarks;
