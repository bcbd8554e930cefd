/**
 * Writing what {@code stats} computed, computing nothing: the one document model {@link
 * io.ablate4j.report.render.Doc}
 * and its renderers (HTML, Markdown, console text, LaTeX), the report's document
 * ({@link io.ablate4j.report.render.ReportDocument}, one class per section), the machine-readable CSV outputs
 * ({@link io.ablate4j.report.render.CsvOutputs}) and the console verdict.
 *
 * <p>Depends on {@code read} and {@code stats}; the charts hand it their pictures as {@code Doc} blocks.
 */
package io.ablate4j.report.render;
