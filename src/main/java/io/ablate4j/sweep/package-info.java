/**
 * Expansion of sweep axes × seeds into variants and trials, with stable ids hashed from the resolved config, and the baseline variant.
 */
package io.ablate4j.sweep;
