package dev.vigil.all;

/**
 * Marks the {@code vigil-all} artifact, which has no code of its own: it depends on {@code
 * vigil-spi}, {@code vigil-core}, {@code vigil-features}, {@code vigil-perspectives}, {@code
 * vigil-evaluation}, {@code vigil-rca}, {@code vigil-io}, {@code vigil-io-parquet} and {@code vigil-report}, so
 * that one dependency (its version from {@code vigil-bom}) gives a library user the engine, every built-in
 * plugin, evaluation, root-cause analysis, CSV, JSON, model-file and Parquet input and output, and the HTML
 * report.
 * Guice ({@code vigil-guice}), the command line ({@code vigil-cli}), the test kit ({@code
 * vigil-testing}) and a logging backend are left for an application to choose.
 */
public final class VigilAll {
    private VigilAll() {
    }
}
