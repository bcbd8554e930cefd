package io.ablate4j.sweep;

/**
 * A variant trained with one seed.
 *
 * @param id      stable short hash of the variant's resolved config and the seed
 * @param variant the variant
 * @param seed    the replicate seed (weights, dropout masks, batch order, augmentation)
 */
public record Trial(String id, Variant variant, long seed) {
}
