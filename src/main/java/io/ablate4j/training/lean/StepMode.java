package io.ablate4j.training.lean;

import java.util.Locale;

/**
 * Which path trains a minibatch ({@link TrainingStep}): a run's setting, recorded in its manifest as
 * {@code trainingStep} under {@link #value()}. The path changes results in the last digits for networks with
 * convolution or batch-norm layers (see the package documentation), which is why it is part of a run's
 * provenance and never a hidden default.
 */
public enum StepMode {
    /** The lean step with its Java kernels for convolution, pooling, batch normalization and ReLU layers. */
    LEAN,
    /** The lean step with DL4J's own layer implementations for those: bit-identical to {@code fit}. */
    EXACT,
    /** DL4J's {@code MultiLayerNetwork.fit}, unchanged. */
    DL4J;

    /** The name a manifest, the CLI ({@code --step}) and the system property {@code ablate4j.step} use. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The mode named {@code value} ({@code lean}, {@code exact} or {@code dl4j}, any case).
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static StepMode parse(String value) {
        for (StepMode m : values()) {
            if (m.name().equalsIgnoreCase(value)) {
                return m;
            }
        }
        throw new IllegalArgumentException("'" + value + "': expected lean, exact or dl4j");
    }
}
