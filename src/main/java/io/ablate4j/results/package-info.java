/**
 * The output contract of a run directory and its vocabulary: the versioned CSV schemas of trials.csv, epochs.csv and
 * diagnostics.csv ({@link io.ablate4j.results.CsvSchemas}), how cells spell numbers ({@link io.ablate4j.results.Cells})
 * and statuses ({@link io.ablate4j.results.TrialStatus}), the keys of manifest.json
 * ({@link io.ablate4j.results.ManifestKeys}), the crash-safe, append-only writers of the result files, and the one
 * verifier of their rows (per-row checksums, {@code ResultsCheck}) that runs and reports share. Writer ({@code run})
 * and readers ({@code report}) both take their words from here. Imports no DL4J and nothing above {@code sweep}.
 */
package io.ablate4j.results;
