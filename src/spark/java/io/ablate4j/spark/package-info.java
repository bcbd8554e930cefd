/**
 * The Spark engine ({@code ablate4j run --engine spark}): one Spark task per trial, results recorded by the driver.
 * Compiled only with {@code ./mvnw -Pspark}; the default build finds it by name (see {@code run.Engines}).
 */
package io.ablate4j.spark;
