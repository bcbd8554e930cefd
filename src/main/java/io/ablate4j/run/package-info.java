/**
 * Running plans: the run directory (lock, manifest, resume), the local parallel engine, per-trial files and provenance.
 */
package io.ablate4j.run;
