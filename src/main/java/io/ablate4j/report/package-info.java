/**
 * Turns one run directory ({@code manifest.json}, {@code trials.csv}, {@code epochs.csv}) into statistics
 * across seeds, factor effects, an overfitting analysis, charts and a self-contained HTML/Markdown report, and
 * decides whether one run reproduces another.
 *
 * <p>The entry points are {@link io.ablate4j.report.Report#generate(java.nio.file.Path)} (one run) and
 * {@link io.ablate4j.report.Reproduction#compare(java.nio.file.Path, java.nio.file.Path)} (does one run reproduce
 * another?). The report reads only the files of the output contract, so it imports no DL4J/ND4J class and can report
 * on a run made on another machine or by another version, complete or not.
 *
 * <p>Its parts by role, each depending only on those before it:
 * <ol>
 *   <li>{@code report.read}: the run directory read into a {@code RunData};</li>
 *   <li>{@code report.stats}: statistics, decisions and their outcome types;</li>
 *   <li>{@code report.render}: the document model, its renderers, the CSV outputs;</li>
 *   <li>{@code report.charts}: the PNG and SVG charts;</li>
 *   <li>this package: the two entry points and reproduction ({@code compare}), whose computing
 *       ({@link io.ablate4j.report.ReproductionResult}), verdict text and document are separate classes.</li>
 * </ol>
 * Like JMH's runner, {@link io.ablate4j.report.Report} reads, analyses, then writes: CSV, figures, document.
 *
 * <p>Units: accuracies and gaps are fractions in [0, 1] in every CSV this package reads and writes; the
 * HTML/Markdown report and the console verdict show them in percent and differences in percentage points
 * ("pts").
 */
package io.ablate4j.report;
