/**
 * Running plans: the run directory (lock, manifest, resume), the engine seam ({@link io.ablate4j.run.Engine}) with its
 * local thread-pool engine (the Spark engine lives in src/spark/java, built with -Pspark), per-trial files and provenance.
 */
package io.ablate4j.run;
