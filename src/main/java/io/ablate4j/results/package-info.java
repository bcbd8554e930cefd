/**
 * The versioned CSV schemas of trials.csv and epochs.csv and their crash-safe, append-only writers and readers.
 */
package io.ablate4j.results;
