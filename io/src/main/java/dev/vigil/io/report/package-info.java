/**
 * JSON job reports, written with Jackson: what a build, detect, rebuild or root-cause job did — the
 * model's summary, each perspective's calibration, the anomaly list, the events and their causes,
 * error measures, the job log — in the shape Vigil's command line writes with {@code --json-out}.
 * Values of other libraries (error measures, causes) come in as JSON-ready maps or as this package's
 * own small records, so that {@code vigil-io} depends on {@code vigil-core} alone.
 */
package dev.vigil.io.report;
