package io.ablate4j.sweep;

/**
 * A variant trained with one seed (and, with k-fold cross-validation, on one fold).
 *
 * @param id      stable short hash of the variant's resolved config, the seed and the fold
 * @param variant the variant
 * @param seed    the replicate seed (weights, dropout masks, batch order, augmentation)
 * @param fold    the cross-validation fold that validates (0-based), or -1 without cross-validation
 */
public record Trial(String id, Variant variant, long seed, int fold) {
    /** A trial without cross-validation. */
    public Trial(String id, Variant variant, long seed) {
        this(id, variant, seed, -1);
    }

    /** Whether the trial is one fold of a cross-validation. */
    public boolean crossValidated() {
        return fold >= 0;
    }
}
