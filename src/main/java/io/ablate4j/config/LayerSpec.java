package io.ablate4j.config;

import io.ablate4j.config.Enums.DropoutType;
import java.util.List;

/**
 * One layer of an imported network, resolved: the file's layer with the sweep axes applied, or a layer an axis added.
 * {@code network.NetworkFactory} builds each as one DL4J layer (a Flatten as the preprocessor DL4J puts before the
 * next Dense).
 *
 * @param kind         what the layer is
 * @param units        Dense/output units or Conv2D filters
 * @param kernel       Conv2D kernel or pooling window [height, width]
 * @param strides      Conv2D or pooling strides [height, width]
 * @param same         Conv2D/pooling: Keras' {@code padding='same'} (DL4J's {@code Same}); else {@code valid}
 *                     (DL4J's {@code Truncate})
 * @param activation   weight and Activation layers: {@code linear}, {@code softmax} or a hidden activation as
 *                     {@code model.activation} spells it
 * @param bias         whether a weight layer has a bias
 * @param weightInit   how a weight layer's weights are drawn
 * @param biasInit     how a weight layer's biases are drawn
 * @param dropoutType  a dropout layer's kind
 * @param rate         a dropout layer's drop probability
 * @param decay        BatchNormalization: DL4J's decay (Keras' momentum)
 * @param epsilon      BatchNormalization: epsilon
 */
public record LayerSpec(Kind kind, int units, List<Integer> kernel, List<Integer> strides, boolean same,
                        String activation, boolean bias, Init weightInit, Init biasInit, DropoutType dropoutType,
                        double rate, double decay, double epsilon) {
    /** DL4J's BatchNormalization defaults, which the templates' and {@code model.batchNorm}'s BN layers have. */
    public static final double DL4J_BN_DECAY = 0.9;
    public static final double DL4J_BN_EPSILON = 1e-5;

    public LayerSpec {
        kernel = List.copyOf(kernel);
        strides = List.copyOf(strides);
    }

    public enum Kind { DENSE, OUTPUT, CONV, MAX_POOL, AVG_POOL, FLATTEN, DROPOUT, BATCH_NORM, ACTIVATION }

    static LayerSpec dense(Kind kind, int units, String activation, boolean bias, Init weightInit, Init biasInit) {
        return new LayerSpec(kind, units, List.of(), List.of(), false, activation, bias, weightInit, biasInit, null,
                0, 0, 0);
    }

    static LayerSpec conv(int filters, List<Integer> kernel, List<Integer> strides, boolean same, String activation,
                          boolean bias, Init weightInit, Init biasInit) {
        return new LayerSpec(Kind.CONV, filters, kernel, strides, same, activation, bias, weightInit, biasInit, null,
                0, 0, 0);
    }

    static LayerSpec pool(Kind kind, List<Integer> window, List<Integer> strides, boolean same) {
        return new LayerSpec(kind, 0, window, strides, same, null, false, null, null, null, 0, 0, 0);
    }

    static LayerSpec dropout(DropoutType type, double rate) {
        return new LayerSpec(Kind.DROPOUT, 0, List.of(), List.of(), false, null, false, null, null, type, rate, 0, 0);
    }

    static LayerSpec batchNorm(double decay, double epsilon) {
        return new LayerSpec(Kind.BATCH_NORM, 0, List.of(), List.of(), false, null, false, null, null, null, 0, decay,
                epsilon);
    }

    static LayerSpec activation(String activation) {
        return new LayerSpec(Kind.ACTIVATION, 0, List.of(), List.of(), false, activation, false, null, null, null, 0,
                0, 0);
    }

    static final LayerSpec FLATTEN = new LayerSpec(Kind.FLATTEN, 0, List.of(), List.of(), false, null, false, null,
            null, null, 0, 0, 0);

    /** Whether the layer has weights (Dense, output, Conv2D). */
    public boolean weights() {
        return kind == Kind.DENSE || kind == Kind.OUTPUT || kind == Kind.CONV;
    }

    /** A copy with another drop probability. */
    LayerSpec withRate(double r) {
        return new LayerSpec(kind, units, kernel, strides, same, activation, bias, weightInit, biasInit, dropoutType,
                r, decay, epsilon);
    }

    LayerSpec withDropoutType(DropoutType t) {
        return new LayerSpec(kind, units, kernel, strides, same, activation, bias, weightInit, biasInit, t, rate,
                decay, epsilon);
    }

    LayerSpec withActivation(String a) {
        return new LayerSpec(kind, units, kernel, strides, same, a, bias, weightInit, biasInit, dropoutType, rate,
                decay, epsilon);
    }

    LayerSpec withBias(boolean b) {
        return new LayerSpec(kind, units, kernel, strides, same, activation, b, weightInit, biasInit, dropoutType,
                rate, decay, epsilon);
    }

    LayerSpec withInits(Init weights, Init biases) {
        return new LayerSpec(kind, units, kernel, strides, same, activation, bias, weights, biases, dropoutType, rate,
                decay, epsilon);
    }
}
