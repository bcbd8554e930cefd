/**
 * The statistics of a run: replicates across seeds ({@link io.ablate4j.report.stats.Replicates}, folds averaged),
 * comparisons (paired t or Welch, bootstrap, permutation, the sequential tests of adaptive seeds), the
 * {@link io.ablate4j.report.stats.Decision} of each with its {@link io.ablate4j.report.stats.Conclusion}, the
 * summary
 * per variant and its {@link io.ablate4j.report.stats.BaselineOutcome}, the claims of {@code expect:}, the looks of
 * adaptive seeds, factor effects, overfitting and completeness. Outcomes are types that carry their display text,
 * never strings compared.
 *
 * <p>{@link io.ablate4j.report.stats.Fmt} lives here because the decisions' reasons and the claims' notes are
 * written where they are decided; every format above uses the same number formatting.
 *
 * <p>Depends on {@code read} only.
 */
package io.ablate4j.report.stats;
