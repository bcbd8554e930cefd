/**
 * The versioned CSV schemas of trials.csv, epochs.csv and diagnostics.csv, their crash-safe, append-only writers,
 * and the one verifier of their rows (per-row checksums, {@code ResultsCheck}) that runs and reports share. Apart
 * from {@code TrialResults}, which turns training outcomes into rows, nothing here touches DL4J, so the report may
 * use it.
 */
package io.ablate4j.results;
