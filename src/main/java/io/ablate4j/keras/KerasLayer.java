package io.ablate4j.keras;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One layer of a Keras {@code Sequential} model, as written: what ablate4j needs to build it as it is.
 *
 * @param index      the layer's position in the file's layer list (the {@code InputLayer}, when written, is 0)
 * @param name       the layer's name, e.g. {@code conv2d_1}
 * @param className  the Keras class, e.g. {@code Conv2D}
 * @param kind       what the layer is
 * @param units      Dense units or Conv2D filters; 0 otherwise
 * @param kernel     Conv2D kernel size or pooling size [height, width]; empty otherwise
 * @param strides    Conv2D or pooling strides [height, width]; empty otherwise
 * @param padding    {@code valid} or {@code same} (Conv2D, pooling); null otherwise
 * @param activation the Keras activation of a Dense, Conv2D or Activation layer ({@code relu}, {@code linear}, …)
 * @param useBias    whether a Dense or Conv2D has a bias
 * @param kernelInit the weights' initializer (Dense, Conv2D); null otherwise
 * @param biasInit   the bias' initializer (Dense, Conv2D with a bias); null otherwise
 * @param rate       a dropout layer's rate (a <em>drop</em> probability, as ablate4j's)
 * @param momentum   BatchNormalization's momentum (DL4J's decay)
 * @param epsilon    BatchNormalization's epsilon
 */
public record KerasLayer(int index, String name, String className, Kind kind, int units, List<Integer> kernel,
                         List<Integer> strides, String padding, String activation, boolean useBias,
                         KerasInit kernelInit, KerasInit biasInit, double rate, double momentum, double epsilon) {
    public KerasLayer {
        kernel = List.copyOf(kernel);
        strides = List.copyOf(strides);
    }

    /** The layer kinds ablate4j builds. */
    public enum Kind {
        DENSE, CONV, MAX_POOL, AVG_POOL, FLATTEN, DROPOUT, SPATIAL_DROPOUT, GAUSSIAN_DROPOUT, ALPHA_DROPOUT,
        BATCH_NORM, ACTIVATION;

        /** Whether the layer has weights (Dense, Conv2D). */
        public boolean weights() {
            return this == DENSE || this == CONV;
        }

        /** Whether the layer is one of Keras' dropout layers. */
        public boolean dropout() {
            return this == DROPOUT || this == SPATIAL_DROPOUT || this == GAUSSIAN_DROPOUT || this == ALPHA_DROPOUT;
        }

        /** Whether the layer pools. */
        public boolean pool() {
            return this == MAX_POOL || this == AVG_POOL;
        }
    }

    /** How messages name the layer: {@code layer 3 'conv2d_1' (Conv2D)}. */
    public String where() {
        return "layer " + index + " '" + name + "' (" + className + ")";
    }

    /** The layer as a normalized Keras layer object: only what ablate4j reads, every default written out. */
    Map<String, Object> toConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("name", name);
        switch (kind) {
            case DENSE, CONV -> {
                c.put(kind == Kind.DENSE ? "units" : "filters", units);
                if (kind == Kind.CONV) {
                    c.put("kernel_size", kernel);
                    c.put("strides", strides);
                    c.put("padding", padding);
                }
                c.put("activation", activation);
                c.put("use_bias", useBias);
                c.put("kernel_initializer", kernelInit.toConfig());
                c.put("bias_initializer", biasInit.toConfig());
            }
            case MAX_POOL, AVG_POOL -> {
                c.put("pool_size", kernel);
                c.put("strides", strides);
                c.put("padding", padding);
            }
            case DROPOUT, SPATIAL_DROPOUT, GAUSSIAN_DROPOUT, ALPHA_DROPOUT -> c.put("rate", rate);
            case BATCH_NORM -> {
                c.put("momentum", momentum);
                c.put("epsilon", epsilon);
            }
            case ACTIVATION -> c.put("activation", activation);
            default -> {
            }
        }
        Map<String, Object> layer = new LinkedHashMap<>();
        layer.put("class_name", className);
        layer.put("config", c);
        return layer;
    }
}
