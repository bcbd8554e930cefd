package io.ablate4j.training.lean;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ablate4j.config.ConfigLoader;
import io.ablate4j.config.VariantConfig;
import io.ablate4j.network.NetworkFactory;
import io.ablate4j.network.NetworkFactoryTest;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.updater.BaseMultiLayerUpdater;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.AdamUpdater;
import org.nd4j.linalg.learning.config.Adam;

/**
 * The lean step is an optimization of {@code MultiLayerNetwork.fit}, not a different training algorithm: for
 * every kind of network the factory builds, parameters, updater state and per-step losses after several steps
 * (dropout masks drawn, a short last minibatch included) must be bit-identical to DL4J's own {@code fit}.
 */
class TrainingStepTest {
    private static final int FEATURES = 784;
    private static final int CLASSES = 10;

    static VariantConfig variant(String model, String regularization, String optimizer) {
        return ConfigLoader.parse("s.yaml", "name: s\n"
                + "dataset: {name: fashion-mnist, source: auto}\n"
                + "model: {" + model + "}\n"
                + "regularization: {" + regularization + "}\n"
                + "training: {epochs: 1, optimizer: {" + optimizer + "}}\n").base();
    }

    /** Model | regularization | optimizer, one line per network shape the factory can build. */
    @ParameterizedTest
    @ValueSource(strings = {
            "type: mlp, hidden: [64, 32], dropout: 0.5 | | type: adam, learningRate: 0.001",
            "type: mlp, hidden: [64, 32, 24] | | type: adam, learningRate: 0.001",
            "type: mlp, hidden: [64, 32], inputDropout: 0.15, dropout: 0.45 | | type: adam, learningRate: 0.001",
            "type: mlp, hidden: [64, 32], inputDropout: 0.2, dropout: 0.3 | l2: 0.001 | type: sgd, learningRate: 0.1",
            "type: mlp, hidden: [48], dropout: 0.4, dropoutType: gaussian | l1: 0.0001, maxNorm: 1.5 | type: nesterovs, learningRate: 0.05, momentum: 0.9",
            "type: mlp, hidden: [32, 32], dropout: 0.2, dropoutType: alpha, activation: tanh | weightDecay: 0.01 | type: adam, learningRate: 0.003",
            "type: mlp, hidden: [64, 32], dropout: 0.5, batchNorm: before-activation | l2: 0.0001 | type: adam, learningRate: 0.001",
            "type: mlp, hidden: [64, 32], inputDropout: 0.1, dropout: 0.5, batchNorm: before-activation, dropoutPosition: before-bn | | type: adam, learningRate: 0.001",
            "type: mlp, hidden: [64, 32], dropout: 0.5, batchNorm: after-activation, dropoutPosition: before-bn | maxNorm: 2 | type: sgd, learningRate: 0.05",
            "type: mlp, hidden: [64, 32], dropout: 0.5, batchNorm: after-activation | weightDecay: 0.001 | type: adam, learningRate: 0.001",
            "type: cnn, conv: [{filters: 4, kernel: 3}, {filters: 6, kernel: 3, pool: 1}], hidden: [16], dropout: 0.25, dropoutType: spatial, batchNorm: before-activation | l2: 0.0001, maxNorm: 2 | type: adam, learningRate: 0.001",
            "type: cnn, conv: [{filters: 4, kernel: 5}], hidden: [16], dropout: 0.3 | | type: sgd, learningRate: 0.05",
    })
    void bitIdenticalToDl4jFit(String spec) {
        String[] p = spec.split("\\|", -1);
        VariantConfig v = variant(p[0].trim(), p[1].trim(), p[2].trim());
        List<DataSet> batches = batches(List.of(32, 32, 17, 32, 32)); // init() re-seeds the generator for each net

        MultiLayerNetwork reference = new MultiLayerNetwork(NetworkFactory.build(v, FEATURES, CLASSES, 7));
        reference.init();
        for (DataSet b : batches) {
            reference.fit(b);
        }
        double referenceDraw = Nd4j.getRandom().nextDouble();

        // exact mode always; lean mode too where it has no Java kernel to use (no BN, no conv): then it is exact
        boolean kernelFree = !p[0].contains("batchNorm") && !p[0].contains("cnn");
        for (StepMode mode : kernelFree ? List.of(StepMode.EXACT, StepMode.LEAN)
                : List.of(StepMode.EXACT)) {
            MultiLayerNetwork lean = new MultiLayerNetwork(NetworkFactory.build(v, FEATURES, CLASSES, 7));
            lean.init();
            TrainingStep step = TrainingStep.of(lean, mode);
            assertNull(step.fallbackReason(), "the lean step must handle every network the factory builds");
            assertEquals(mode, step.mode());
            assertEquals(0, step.kernelStages(), "no Java kernel where results must be bit-identical");
            for (DataSet b : batches) {
                assertTrue(step.fit(b));
            }
            step.syncUpdaterState();

            assertArrayEquals(reference.params().toFloatVector(), lean.params().toFloatVector(), 0f, mode + ": parameters");
            if (reference.getUpdater().getStateViewArray() != null) { // plain SGD has no state
                assertArrayEquals(reference.getUpdater().getStateViewArray().toFloatVector(),
                        lean.getUpdater().getStateViewArray().toFloatVector(), 0f, mode + ": updater state");
            }
            assertEquals(reference.getIterationCount(), lean.getIterationCount());
            // both consumed the same random numbers: the generators are in the same state
            assertEquals(referenceDraw, Nd4j.getRandom().nextDouble(), mode + ": random generator state");
        }
    }

    /**
     * The Java kernels against DL4J's layers, composed as the factory builds networks: one SGD step from the same
     * initialization changes every parameter (BN's running statistics included) by the same amount in lean and in
     * exact mode, to float rounding; then three more steps stay as close. Dropout sits in the dense layers only
     * (convolutional dropout draws its masks in another element order in lean mode, see DropoutStage); where conv
     * blocks have dropout, the determinism test below covers them.
     */
    @ParameterizedTest
    @ValueSource(strings = {
            "type: cnn, conv: [{filters: 4, kernel: 3}, {filters: 6, kernel: 3}], hidden: [16], layerDropout: [0, 0, 0.5]",
            "type: cnn, conv: [{filters: 4, kernel: 3}, {filters: 6, kernel: 3, pool: 1}], hidden: [16], batchNorm: before-activation, layerDropout: [0, 0, 0.5]",
            "type: cnn, conv: [{filters: 5, kernel: 5, stride: 2}], hidden: [12], batchNorm: after-activation, dropoutPosition: before-bn, layerDropout: [0, 0.3]",
            "type: cnn, conv: [{filters: 4, kernel: 3}], hidden: [16], activation: tanh, batchNorm: before-activation, dropoutPosition: before-bn, layerDropout: [0, 0.4]",
            "type: mlp, hidden: [64, 32], dropout: 0.5, batchNorm: before-activation",
            "type: mlp, hidden: [64, 32], inputDropout: 0.1, dropout: 0.5, batchNorm: before-activation, dropoutPosition: before-bn",
            "type: mlp, hidden: [64, 32], dropout: 0.5, batchNorm: after-activation, dropoutPosition: before-bn",
    })
    void leanKernelsTrainAsDl4jsLayersToFloatRounding(String model) {
        VariantConfig v = variant(model, "", "type: sgd, learningRate: 0.1");
        List<DataSet> batches = batches(List.of(32, 32, 17, 32));
        float[] before = null;
        float[][] after = new float[2][];
        float[][] afterAll = new float[2][];
        StepMode[] modes = {StepMode.EXACT, StepMode.LEAN};
        for (int m = 0; m < 2; m++) {
            MultiLayerNetwork net = new MultiLayerNetwork(NetworkFactory.build(v, FEATURES, CLASSES, 11));
            net.init();
            before = net.params().toFloatVector();
            TrainingStep step = TrainingStep.of(net, modes[m]);
            assertEquals(modes[m], step.mode());
            assertEquals(modes[m] == StepMode.LEAN, step.kernelStages() > 0, "kernels used in lean mode only");
            assertTrue(step.fit(batches.get(0)));
            after[m] = net.params().toFloatVector();
            for (DataSet b : batches.subList(1, batches.size())) {
                assertTrue(step.fit(b));
            }
            afterAll[m] = net.params().toFloatVector();
        }
        float[][] delta = new float[2][before.length];
        for (int m = 0; m < 2; m++) {
            for (int i = 0; i < before.length; i++) {
                delta[m][i] = after[m][i] - before[i];
            }
        }
        assertClose(delta[0], delta[1], 1e-4, "first step's parameter changes");
        assertClose(afterAll[0], afterAll[1], 1e-4, "parameters after four steps");
    }

    /** Lean mode with the Java kernels (and dropout inside conv blocks) gives bit-identical reruns per seed. */
    @Test
    void leanKernelsAreDeterministic() {
        VariantConfig v = variant("type: cnn, conv: [{filters: 4, kernel: 3}, {filters: 6, kernel: 3}], hidden: [16], "
                + "dropout: 0.3, batchNorm: before-activation, dropoutPosition: before-bn", "", "type: adam, learningRate: 0.001");
        List<DataSet> batches = batches(List.of(32, 17, 32));
        float[][] params = new float[2][];
        for (int run = 0; run < 2; run++) {
            MultiLayerNetwork net = new MultiLayerNetwork(NetworkFactory.build(v, FEATURES, CLASSES, 5));
            net.init();
            TrainingStep step = TrainingStep.of(net, StepMode.LEAN);
            assertEquals(10, step.kernelStages(), "2 × (conv, BN, ReLU, pool) + the dense layer's BN and ReLU");
            batches.forEach(step::fit);
            step.syncUpdaterState();
            params[run] = net.params().toFloatVector();
        }
        assertArrayEquals(params[0], params[1], 0f);
    }

    /**
     * Inference through the Java kernels (chunked, BN on running statistics, dropout off) gives DL4J's
     * {@code output(x, false)} to float rounding, over more examples than one chunk; a network without kernels is
     * evaluated by DL4J itself.
     */
    @Test
    void leanInferenceMatchesDl4jOutput() {
        VariantConfig v = variant("type: cnn, conv: [{filters: 4, kernel: 3}, {filters: 6, kernel: 3}], hidden: [16], "
                + "dropout: 0.3, batchNorm: before-activation", "", "type: adam, learningRate: 0.01");
        MultiLayerNetwork net = new MultiLayerNetwork(NetworkFactory.build(v, FEATURES, CLASSES, 5));
        net.init();
        TrainingStep step = TrainingStep.of(net, StepMode.LEAN);
        batches(List.of(32, 32, 32, 32)).forEach(step::fit); // running statistics away from their initial values
        step.syncUpdaterState();
        INDArray x = batches(List.of(TrainingStep.INFERENCE_CHUNK * 2 + 37)).get(0).getFeatures();
        INDArray expected = net.output(x, false);
        assertClose(expected.dup('c').reshape(expected.length()).toFloatVector(),
                step.output(x).dup('c').reshape(expected.length()).toFloatVector(), 1e-4, "probabilities");

        MultiLayerNetwork mlp = new MultiLayerNetwork(NetworkFactory.build(
                variant("type: mlp, hidden: [16], dropout: 0.5", "", "type: adam, learningRate: 0.001"), FEATURES, CLASSES, 5));
        mlp.init();
        assertArrayEquals(mlp.output(x, false).reshape(x.size(0) * CLASSES).toFloatVector(),
                TrainingStep.of(mlp, StepMode.LEAN).output(x).reshape(x.size(0) * CLASSES).toFloatVector(), 0f);
    }

    /** Largest difference within {@code tolerance} of the largest magnitude in {@code expected}. */
    static void assertClose(float[] expected, float[] actual, double tolerance, String what) {
        double scale = 0;
        double worst = 0;
        for (int i = 0; i < expected.length; i++) {
            scale = Math.max(scale, Math.abs(expected[i]));
            double d = Math.abs(expected[i] - actual[i]);
            worst = Double.isNaN(d) ? Double.POSITIVE_INFINITY : Math.max(worst, d);
        }
        assertTrue(scale > 0 && worst <= tolerance * scale, what + ": differ by " + worst + " at scale " + scale);
    }

    @Test
    void divergenceIsReported() {
        VariantConfig v = variant("type: mlp, hidden: [16]", "", "type: sgd, learningRate: 100");
        MultiLayerNetwork net = new MultiLayerNetwork(NetworkFactory.build(v, FEATURES, CLASSES, 1));
        net.init();
        TrainingStep step = TrainingStep.of(net, StepMode.LEAN);
        boolean finite = true;
        for (DataSet b : batches(List.of(16, 16, 16, 16, 16, 16, 16, 16, 16, 16))) {
            b.getFeatures().muli(1000);
            finite &= step.fit(b);
        }
        assertFalse(finite);
    }

    /** Without this the Adam cases above could pass on ND4J's own op alone. */
    @Test
    void adamRunsInJavaWithTheLoadedBuildsArithmetic() {
        assumeTrue("amd64".equals(System.getProperty("os.arch")), "the probe's two candidates are x86-64's");
        assertNotEquals(LeanAdam.Arithmetic.UNKNOWN, LeanAdam.arithmetic());
        VariantConfig v = variant("type: mlp, hidden: [16], dropout: 0.5", "", "type: adam, learningRate: 0.001");
        MultiLayerNetwork net = new MultiLayerNetwork(NetworkFactory.build(v, FEATURES, CLASSES, 1));
        net.init();
        TrainingStep.of(net, StepMode.LEAN);
        var blocks = ((BaseMultiLayerUpdater<?>) net.getUpdater()).getUpdaterBlocks();
        assertTrue(blocks.stream().allMatch(b -> b.getGradientUpdater() instanceof LeanAdam), "every Adam block");
    }

    /**
     * Adam's moments stay in Java between steps, and the update folds in the minibatch division, only where that
     * is the whole update; DL4J's own fit, run in between through the same (lean) updater, continues from them.
     */
    @Test
    void adamStateLivesInJavaUntilSyncedAndStockFitContinuesFromIt() {
        VariantConfig v = variant("type: mlp, hidden: [32], dropout: 0.5", "", "type: adam, learningRate: 0.002");
        List<DataSet> batches = batches(List.of(32, 24, 17, 32));
        MultiLayerNetwork reference = new MultiLayerNetwork(NetworkFactory.build(v, FEATURES, CLASSES, 3));
        reference.init();
        batches.forEach(reference::fit);

        MultiLayerNetwork lean = new MultiLayerNetwork(NetworkFactory.build(v, FEATURES, CLASSES, 3));
        lean.init();
        TrainingStep step = TrainingStep.of(lean, StepMode.LEAN);
        assertNotNull(TrainingStep.fusedUpdate(lean), "plain Adam: division folded into LeanAdam");
        step.fit(batches.get(0));
        assertEquals(0f, lean.getUpdater().getStateViewArray().sumNumber().floatValue(), "not written back yet");
        step.syncUpdaterState();
        assertNotEquals(0f, lean.getUpdater().getStateViewArray().sumNumber().floatValue());
        step.fit(batches.get(1));
        lean.fit(batches.get(2)); // DL4J's updater path: divides first, then the same LeanAdam
        step.fit(batches.get(3));
        step.syncUpdaterState();
        assertArrayEquals(reference.params().toFloatVector(), lean.params().toFloatVector(), 0f, "parameters");
        assertArrayEquals(reference.getUpdater().getStateViewArray().toFloatVector(),
                lean.getUpdater().getStateViewArray().toFloatVector(), 0f, "updater state");

        for (String other : new String[]{"l2: 0.001", "weightDecay: 0.01"}) {
            VariantConfig regularized = variant("type: mlp, hidden: [32]", other, "type: adam, learningRate: 0.001");
            MultiLayerNetwork net = new MultiLayerNetwork(NetworkFactory.build(regularized, FEATURES, CLASSES, 3));
            net.init();
            TrainingStep.of(net, StepMode.LEAN);
            assertNull(TrainingStep.fusedUpdate(net), other + " is part of the update: DL4J's updater runs it");
        }
        MultiLayerNetwork bn = new MultiLayerNetwork(NetworkFactory.build(
                variant("type: mlp, hidden: [32], batchNorm: before-activation", "", "type: adam, learningRate: 0.001"),
                FEATURES, CLASSES, 3));
        bn.init();
        TrainingStep.of(bn, StepMode.LEAN);
        assertNotNull(TrainingStep.fusedUpdate(bn), "batch norm's running statistics: a no-op, left out");
    }

    /** The moments kept in Java belong to the arrays they were read from: other state arrays are read afresh. */
    @Test
    void leanAdamReadsNewStateArraysAfresh() {
        assumeTrue("amd64".equals(System.getProperty("os.arch")), "the probe's two candidates are x86-64's");
        int n = 300;
        Adam config = new Adam(1e-3);
        INDArray g = Nd4j.randn(DataType.FLOAT, 1, n).muli(0.01);
        AdamUpdater lean = LeanAdam.of((AdamUpdater) config.instantiate(Nd4j.zeros(DataType.FLOAT, 1, 2 * n), true));
        assertTrue(lean instanceof LeanAdam);
        lean.applyUpdater(g.dup(), 0, 0); // moments now held in Java, not zero

        INDArray secondView = Nd4j.zeros(DataType.FLOAT, 1, 2 * n);
        lean.setStateViewArray(secondView, new long[]{1, n}, 'c', true);
        INDArray update = g.dup();
        lean.applyUpdater(update, 0, 0);
        INDArray referenceView = Nd4j.zeros(DataType.FLOAT, 1, 2 * n);
        AdamUpdater reference = (AdamUpdater) config.instantiate(referenceView, true);
        INDArray expected = g.dup();
        reference.applyUpdater(expected, 0, 0);
        assertArrayEquals(expected.toFloatVector(), update.toFloatVector(), 0f, "a first step on the new zero state");
        ((LeanAdam) lean).flushState();
        assertArrayEquals(referenceView.toFloatVector(), secondView.toFloatVector(), 0f, "written to the new view");

        INDArray otherV = Nd4j.valueArrayOf(reference.getV().shape(), 1e-4, DataType.FLOAT);
        reference.setV(otherV.dup());
        lean.setV(otherV.dup()); // one array replaced through its setter: read again as well
        INDArray next = g.dup();
        lean.applyUpdater(next, 1, 0);
        INDArray expectedNext = g.dup();
        reference.applyUpdater(expectedNext, 1, 0);
        assertArrayEquals(expectedNext.toFloatVector(), next.toFloatVector(), 0f, "second step after setV");
    }

    @Test
    void stockFitWhenAskedForOrWhenTheBatchHasMasks() {
        VariantConfig v = variant("type: mlp, hidden: [16], dropout: 0.5", "", "type: adam, learningRate: 0.001");
        MultiLayerNetwork net = new MultiLayerNetwork(NetworkFactory.build(v, FEATURES, CLASSES, 1));
        net.init();
        assertNotNull(TrainingStep.of(net, StepMode.DL4J).fallbackReason());
        assertEquals(StepMode.DL4J, TrainingStep.of(net, StepMode.DL4J).mode());
        TrainingStep step = TrainingStep.of(net, StepMode.LEAN);
        assertNull(step.fallbackReason());
        DataSet masked = batches(List.of(8)).get(0);
        masked.setLabelsMaskArray(Nd4j.ones(8, 1));
        assertTrue(step.fit(masked));
        assertTrue(net.score() > 0, "a masked batch goes through fit, which sets the score");
        assertEquals(1, net.getIterationCount());
    }

    static List<DataSet> batches(List<Integer> sizes) {
        List<DataSet> out = new ArrayList<>();
        for (int i = 0; i < sizes.size(); i++) {
            out.add(NetworkFactoryTest.randomData(sizes.get(i), FEATURES, CLASSES, 5 + i));
        }
        return out;
    }
}
