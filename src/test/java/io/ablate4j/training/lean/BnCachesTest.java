package io.ablate4j.training.lean;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ablate4j.network.NetworkFactory;
import io.ablate4j.network.NetworkFactoryTest;
import io.ablate4j.training.Evaluation;
import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.List;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/** Batch norm's detached per-pass copies are closed once dead, without changing what the network computes. */
class BnCachesTest {
    private static MultiLayerNetwork bnNetwork() {
        MultiLayerNetwork net = new MultiLayerNetwork(NetworkFactory.build(TrainingStepTest.variant(
                "type: mlp, hidden: [32, 16], dropout: 0.5, batchNorm: before-activation", "",
                "type: adam, learningRate: 0.001"), 784, 10, 5));
        net.init();
        return net;
    }

    private static List<BatchNormalization> bnLayers(MultiLayerNetwork net) {
        return Arrays.stream(net.getLayers()).filter(l -> l instanceof BatchNormalization)
                .map(l -> (BatchNormalization) l).toList();
    }

    private static INDArray cached(Layer layer, String field) throws ReflectiveOperationException {
        Field f = BatchNormalization.class.getDeclaredField(field);
        f.setAccessible(true);
        return (INDArray) f.get(layer);
    }

    @Test
    void anInferencePassLeavesDetachedCopiesThatReleaseCloses() throws Exception {
        MultiLayerNetwork net = bnNetwork();
        DataSet data = NetworkFactoryTest.randomData(40, 784, 10, 1);
        net.output(data.getFeatures(), false);
        BatchNormalization bn = bnLayers(net).get(0);
        INDArray xHat = cached(bn, "xHat");
        INDArray xMu = cached(bn, "xMu");
        assertNotNull(xHat, "DL4J keeps xHat after an inference pass (what this class exists for)");
        assertFalse(xHat.isAttached());
        BnCaches.release(net);
        assertTrue(xHat.wasClosed());
        assertTrue(xMu.wasClosed());
        assertNull(cached(bn, "xHat"));
        assertNull(cached(bn, "xMu"));
    }

    @Test
    void evaluationAndTrainingReleaseThemAndStillComputeTheSame() throws Exception {
        MultiLayerNetwork net = bnNetwork();
        DataSet data = NetworkFactoryTest.randomData(40, 784, 10, 2);
        double[] first = Evaluation.lossAndAccuracy(net, data);
        for (BatchNormalization bn : bnLayers(net)) {
            assertNull(cached(bn, "xHat"), "evaluation releases them");
        }
        assertArrayEquals(first, Evaluation.lossAndAccuracy(net, data), 0.0);
        TrainingStep step = TrainingStep.of(net, StepMode.EXACT); // DL4J's own BN layers (lean mode has its own)
        for (DataSet b : TrainingStepTest.batches(List.of(16, 16, 8))) {
            long before = BnCaches.CLOSED.get();
            assertTrue(step.fit(b));
            // DL4J's backprop nulls the fields itself; the step closes what its forward pass left there
            assertTrue(BnCaches.CLOSED.get() - before >= 2L * bnLayers(net).size(), "xHat and xMu of each BN layer");
        }
    }
}
