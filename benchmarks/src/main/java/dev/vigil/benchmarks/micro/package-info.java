/**
 * JMH microbenchmarks of the hot paths, one class per path: reading data files, perspective
 * transforms, feature evaluation, the anomalous-behaviour model (density fit and indicator scoring),
 * and detection with a stored model. Listed by {@code java -jar benchmarks/target/benchmarks.jar -l}
 * and run by {@code java -jar benchmarks/target/benchmarks.jar <regex>}; never run by {@code mvn
 * verify}. Inputs are seeded, so every run measures the same work. Figures in BENCHMARKS.md.
 */
package dev.vigil.benchmarks.micro;
