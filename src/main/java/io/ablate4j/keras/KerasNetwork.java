package io.ablate4j.keras;

import java.util.List;

/**
 * What a Keras model maps to: the model and regularization settings it gives a config (before the YAML's own keys
 * override them). Each choice is spelt as the config schema spells it ({@code model.type}, {@code model.activation},
 * {@code model.dropoutType}, {@code model.batchNorm}, {@code model.dropoutPosition}), so that the binder reads it as
 * it reads a file's own keys.
 *
 * @param type             {@code mlp} or {@code cnn}
 * @param hidden           the hidden Dense widths (for a cnn: the dense head)
 * @param conv             the Conv2D blocks; empty for an mlp
 * @param activation       the hidden activation, e.g. {@code relu}
 * @param inputDropout     drop probability on the input
 * @param blockDropRates   each block's drop probability, conv blocks first
 * @param dropoutType      {@code bernoulli}, {@code gaussian}, {@code alpha} or {@code spatial}
 * @param batchNorm        {@code none}, {@code before-activation} or {@code after-activation}
 * @param dropoutPosition  {@code after-bn} or {@code before-bn}
 * @param l1               the kernel regularizers' L1, in ablate4j's scale ({@link KerasModel#ablate4jL1})
 * @param l2               the kernel regularizers' L2, in ablate4j's scale ({@link KerasModel#ablate4jL2})
 * @param maxNorm          the kernel constraints' MaxNorm; 0 when none
 * @param outputUnits      units of the output Dense
 * @param outputActivation {@code softmax} or {@code linear}
 * @param inputShape       the declared input shape without the batch dimension (-1 where unknown); null when none
 */
public record KerasNetwork(String type, List<Integer> hidden, List<Conv> conv, String activation, double inputDropout,
                           List<Double> blockDropRates, String dropoutType, String batchNorm, String dropoutPosition,
                           double l1, double l2, double maxNorm, int outputUnits, String outputActivation,
                           List<Integer> inputShape) {
    public KerasNetwork {
        hidden = List.copyOf(hidden);
        conv = List.copyOf(conv);
        blockDropRates = List.copyOf(blockDropRates);
        inputShape = inputShape == null ? null : List.copyOf(inputShape);
    }

    /**
     * One Conv2D block.
     *
     * @param filters output channels
     * @param kernel  square kernel size
     * @param stride  convolution stride
     * @param pool    max-pool size and stride (1 = none)
     */
    public record Conv(int filters, int kernel, int stride, int pool) {
    }

    /** The drop rate of every block when they are all equal, else NaN. */
    public double uniformDropRate() {
        return blockDropRates.stream().distinct().count() <= 1
                ? blockDropRates.isEmpty() ? 0 : blockDropRates.get(0) : Double.NaN;
    }
}
