package io.ablate4j.training;

import io.ablate4j.config.Enums.Loss;
import java.io.Serializable;

/**
 * What a network predicts, as evaluation needs to know it: classes, or a real-valued target trained on
 * {@code (y − mean) / std} with a regression loss (mean 0 and std 1 when the target is not standardized).
 *
 * @param regression whether the output is a real-valued target
 * @param loss       the training loss (cross-entropy for classification)
 * @param mean       added back to a prediction to give the target's original units
 * @param std        a prediction is multiplied by it, before {@code mean} is added
 */
public record Target(boolean regression, Loss loss, double mean, double std) implements Serializable {
    /** Classes, trained on cross-entropy. */
    public static final Target CLASSES = new Target(false, Loss.CROSS_ENTROPY, 0, 1);

    public Target {
        if (regression == (loss == Loss.CROSS_ENTROPY) || !(std > 0)) {
            throw new IllegalArgumentException("a regression needs a regression loss and std > 0: " + loss + ", " + std);
        }
    }
}
