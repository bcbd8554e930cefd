package io.ablate4j.training;

import java.io.Serializable;
import java.util.List;

/**
 * The BN diagnostics of one epoch ({@code training.bnDiagnostics}), measured on the validation split (the test
 * split without one).
 *
 * @param epoch             1-based epoch number
 * @param accInference      accuracy in inference mode (no dropout, BN running statistics)
 * @param accTrainMode      accuracy in train mode (dropout active, BN batch statistics over batches of the
 *                          training batch size)
 * @param varianceShift     mean over BN layers of {@link #perLayerShift}; NaN without BN layers
 * @param perLayerShift     per BN layer (in network order): the mean over features of the variance of the layer's
 *                          input over the split in inference mode, divided by the running variance (+ eps) the
 *                          layer normalizes with at inference. Below 1: inference sees less variance than BN
 *                          divides by (Li et al.'s variance shift when dropout feeds BN)
 */
public record BnDiagnostics(int epoch, double accInference, double accTrainMode, double varianceShift,
                            List<Double> perLayerShift) implements Serializable {
    public BnDiagnostics {
        perLayerShift = List.copyOf(perLayerShift);
    }

    /** accTrainMode − accInference. */
    public double trainModeGap() {
        return accTrainMode - accInference;
    }
}
