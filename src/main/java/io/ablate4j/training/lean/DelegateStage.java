package io.ablate4j.training.lean;

import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Any layer without a stage of its own: DL4J's own implementation, as {@code fit} runs it. */
final class DelegateStage extends Stage {
    private final Layer layer;
    private INDArray[] detached = new INDArray[0];

    DelegateStage(int index, Layer layer, InputPreProcessor pre) {
        super(index, pre);
        this.layer = layer;
    }

    @Override
    Activations activate(Activations x, boolean training, LayerWorkspaceMgr mgr) {
        INDArray out = layer.activate(x.array(mgr, ArrayType.ACTIVATIONS), training, mgr);
        detached = BnCaches.peek(layer); // batch norm's copies for backprop, closed in clear()
        return Activations.of(out);
    }

    @Override
    Activations backprop(Activations eps, boolean inputGradient, Gradient into, LayerWorkspaceMgr mgr) {
        Pair<Gradient, INDArray> p = layer.backpropGradient(eps.array(mgr, ArrayType.ACTIVATION_GRAD), mgr);
        for (Map.Entry<String, INDArray> e : p.getFirst().gradientForVariable().entrySet()) {
            into.setGradientFor(index + "_" + e.getKey(), e.getValue(),
                    p.getFirst().flatteningOrderForVariable(e.getKey()));
        }
        return inputGradient ? Activations.of(p.getSecond()) : null;
    }

    @Override
    void clear() {
        // net.clearLayersStates() clears the layer's input
        BnCaches.close(detached);
        BnCaches.release(layer);
        detached = new INDArray[0];
    }
}
