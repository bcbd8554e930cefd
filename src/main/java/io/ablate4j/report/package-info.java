/**
 * Turns one run directory ({@code manifest.json}, {@code trials.csv}, {@code epochs.csv}) into statistics
 * across seeds, factor effects, an overfitting analysis, charts and a self-contained HTML/Markdown report.
 *
 * <p>The entry points are {@link io.ablate4j.report.Report#generate(java.nio.file.Path)} (one run) and
 * {@link io.ablate4j.report.Reproduction#compare(java.nio.file.Path, java.nio.file.Path)} (does one run reproduce
 * another?). The package reads
 * only the files of the output contract, so it imports no DL4J/ND4J class and can report on a run made on
 * another machine or by another version, complete or not.
 *
 * <p>Units: accuracies and gaps are fractions in [0, 1] in every CSV this package reads and writes; the
 * HTML/Markdown report and the console verdict show them in percent and differences in percentage points
 * ("pts").
 */
package io.ablate4j.report;
