/**
 * Every seeded random stream of ablate4j outside DL4J/ND4J (which draw weight initializations and dropout masks
 * from their own generator, seeded per trial): {@link io.ablate4j.random.Prng}. The algorithms are pinned, never
 * the JDK's choice, so that a subset, a split, a batch order, a resampling or a simulated table is the same on every
 * machine and every Java version. Imports no other ablate4j package.
 */
package io.ablate4j.random;
