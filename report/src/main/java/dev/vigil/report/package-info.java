/**
 * The self-contained HTML report: {@link dev.vigil.report.Report} turns Vigil's results (KPI-driven and
 * system-driven detections, root causes, importances, evaluations, data-quality reports) into one
 * offline HTML file with Apache ECharts inlined.
 */
package dev.vigil.report;
