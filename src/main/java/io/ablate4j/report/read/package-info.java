/**
 * Reading a run directory: {@code manifest.json}, {@code trials.csv}, {@code epochs.csv} and {@code diagnostics.csv}
 * into a {@link io.ablate4j.report.read.RunData}, strictly where the report cannot go on and with warnings elsewhere
 * ({@link io.ablate4j.report.read.RunReader}). Keys, columns and statuses are the writer's own vocabulary
 * ({@code results.ManifestKeys}, {@code results.CsvSchemas}, {@code results.TrialStatus}, the config's
 * {@code Enums.Correction} and {@code Enums.ExpectMetric}), so nothing here spells a key or a status again. The
 * manifest is parsed once, provenance included.
 *
 * <p>{@link io.ablate4j.report.read.TrialRow} and {@link io.ablate4j.report.read.VariantCells} are what the
 * directory
 * records (ids, axis cells, results: text and numbers), not {@code sweep.Trial} and {@code sweep.Variant}, which the
 * sweep plans from a config and carry it. A report reads runs made elsewhere or by other versions without their
 * configs as classes, so the recorded and the planned kinds stay two types with two names.
 *
 * <p>The bottom layer of {@code report} ({@code read ← stats ← render ← charts ← report}): it uses no other part of
 * it, and computes no statistic.
 */
package io.ablate4j.report.read;
