/**
 * The Spark engine ({@code ablate4j run --engine spark}): one Spark task per trial, results recorded by the driver;
 * a race runs one job per leg, its tasks taking and returning checkpoints as bytes.
 * A task carries the config's text, the trial's id and the run's step; an executor JVM keeps one data cache and one
 * template loader for all its tasks ({@link io.ablate4j.spark.ExecutorTrials}), a local master's tasks use the
 * driver run's own. Compiled only with {@code ./mvnw -Pspark}; the default build finds it by name (see
 * {@code run.Engines}).
 */
package io.ablate4j.spark;
