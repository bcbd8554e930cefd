package io.ablate4j.keras;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Keras {@code Sequential} model as written: its layers in order (the {@code InputLayer} left out), the input
 * shape it declares, and the penalties of its kernel regularizers and constraints, which ablate4j applies to every
 * weight layer and so reads as {@code regularization.*} defaults.
 *
 * @param layers     the layers after the input, in order
 * @param inputShape the declared input shape without the batch dimension (-1 where unknown); null when none
 * @param l1         the kernel regularizers' L1, in ablate4j's scale ({@link KerasModel#ablate4jL1})
 * @param l2         the kernel regularizers' L2, in ablate4j's scale ({@link KerasModel#ablate4jL2})
 * @param maxNorm    the kernel constraints' MaxNorm; 0 when none
 */
public record KerasNetwork(List<KerasLayer> layers, List<Integer> inputShape, double l1, double l2,
                           double maxNorm) {
    public KerasNetwork {
        layers = List.copyOf(layers);
        inputShape = inputShape == null ? null : List.copyOf(inputShape);
    }

    /** The output layer: the last Dense. */
    public KerasLayer output() {
        for (int i = layers.size() - 1; i >= 0; i--) {
            if (layers.get(i).kind() == KerasLayer.Kind.DENSE) {
                return layers.get(i);
            }
        }
        throw new IllegalStateException("no Dense layer");
    }

    /**
     * The output's activation: the last Dense's, or that of the {@code Activation} layer after it when the Dense is
     * linear.
     */
    public String outputActivation() {
        KerasLayer out = output();
        String act = out.activation();
        for (KerasLayer l : layers.subList(layers.indexOf(out) + 1, layers.size())) {
            if (l.kind() == KerasLayer.Kind.ACTIVATION && act.equals("linear")) {
                act = l.activation();
            }
        }
        return act;
    }

    /** The file's dropout layers, in order. */
    public List<KerasLayer> dropoutLayers() {
        return layers.stream().filter(l -> l.kind().dropout()).toList();
    }

    /** Whether the model works on images (a Conv2D or pooling layer before the first Flatten). */
    public boolean convolutional() {
        for (KerasLayer l : layers) {
            if (l.kind() == KerasLayer.Kind.FLATTEN || l.kind() == KerasLayer.Kind.DENSE) {
                return false;
            }
            if (l.kind() == KerasLayer.Kind.CONV || l.kind().pool()) {
                return true;
            }
        }
        return false;
    }

    /**
     * The model as normalized Keras layer objects ({@code InputLayer} first when the shape is known): what a resolved
     * config writes under {@code model.layers}, and what {@link KerasModel#fromLayers} reads back to this model (the
     * regularizers excepted: they are the config's {@code regularization.*}).
     */
    public List<Map<String, Object>> toLayerConfigs() {
        List<Map<String, Object>> out = new ArrayList<>();
        if (inputShape != null) {
            List<Integer> batch = new ArrayList<>();
            batch.add(null);
            inputShape.forEach(d -> batch.add(d < 0 ? null : d));
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("batch_shape", batch);
            Map<String, Object> input = new LinkedHashMap<>();
            input.put("class_name", "InputLayer");
            input.put("config", c);
            out.add(input);
        }
        layers.forEach(l -> out.add(l.toConfig()));
        return out;
    }
}
