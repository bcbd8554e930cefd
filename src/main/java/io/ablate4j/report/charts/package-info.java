/**
 * The report's charts, each in one technology: PNG files drawn with XChart for the learning curves, the test score
 * per variant, the heatmaps of pairs of axes and the gap by factor ({@link io.ablate4j.report.charts.Charts}); SVG
 * written by hand, inline in {@code report.html} and as files, for the forest plot, the main effects and the
 * interaction plots ({@link io.ablate4j.report.charts.Figures}). They reach the document as
 * {@code Doc.Image} and {@code Doc.Svg} blocks.
 *
 * <p>Depends on {@code read}, {@code stats} and {@code render}.
 */
package io.ablate4j.report.charts;
