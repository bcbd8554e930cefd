package io.ablate4j.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ablate4j.config.ConfigLoader;
import io.ablate4j.config.VariantConfig;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.constraint.MaxNormConstraint;
import org.deeplearning4j.nn.conf.dropout.AlphaDropout;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.dropout.GaussianDropout;
import org.deeplearning4j.nn.conf.dropout.SpatialDropout;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.regularization.L1Regularization;
import org.nd4j.linalg.learning.regularization.L2Regularization;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.linalg.learning.regularization.WeightDecay;

public class NetworkFactoryTest {
    static VariantConfig variant(String model, String regularization) {
        return ConfigLoader.parse("n.yaml", "name: n\n"
                + "dataset: {name: fashion-mnist, source: auto}\n"
                + "model: {" + model + "}\n"
                + "regularization: {" + regularization + "}\n"
                + "training: {epochs: 1}\n").base();
    }

    static List<Layer> layers(MultiLayerConfiguration conf) {
        List<Layer> out = new ArrayList<>();
        for (int i = 0; i < conf.getConfs().size(); i++) {
            out.add(conf.getConf(i).getLayer());
        }
        return out;
    }

    /** A compact token per layer: D0.5 = dropout with drop probability 0.5; W = weights with activation; Wid = weights, identity, no bias. */
    static String sequence(MultiLayerConfiguration conf) {
        List<String> tokens = new ArrayList<>();
        for (Layer l : layers(conf)) {
            if (l instanceof DropoutLayer d) {
                tokens.add("D" + Math.round((1 - ((Dropout) d.getIDropout()).getP()) * 1000) / 1000.0);
            } else if (l instanceof BatchNormalization) {
                tokens.add("BN");
            } else if (l instanceof ActivationLayer a) {
                tokens.add(a.getActivationFn() instanceof ActivationReLU ? "relu" : "act?");
            } else if (l instanceof OutputLayer) {
                tokens.add("Out");
            } else if (l instanceof DenseLayer d) {
                boolean identity = d.getActivationFn() instanceof ActivationIdentity;
                tokens.add(identity ? (d.hasBias() ? "Wid+b" : "Wid") : d.getActivationFn() instanceof ActivationReLU ? "Wrelu" : "W?");
            } else {
                tokens.add(l.getClass().getSimpleName());
            }
        }
        return String.join(" ", tokens);
    }

    @ParameterizedTest(name = "{0} / {1}")
    @CsvSource(delimiter = '|', value = {
            "none              | after-bn  | D0.2 Wrelu D0.5 Wrelu D0.5 Out",
            "none              | before-bn | D0.2 Wrelu D0.5 Wrelu D0.5 Out",
            "before-activation | after-bn  | D0.2 Wid BN relu D0.5 Wid BN relu D0.5 Out",
            "before-activation | before-bn | D0.2 Wid D0.5 BN relu Wid D0.5 BN relu Out",
            "after-activation  | after-bn  | D0.2 Wrelu BN D0.5 Wrelu BN D0.5 Out",
            "after-activation  | before-bn | D0.2 Wrelu D0.5 BN Wrelu D0.5 BN Out"})
    void layerSequenceFollowsBatchNormPlacementAndDropoutPosition(String bn, String position, String expected) {
        VariantConfig v = variant("type: mlp, hidden: [32, 16], inputDropout: 0.2, dropout: 0.5, batchNorm: " + bn
                + ", dropoutPosition: " + position, "");
        assertEquals(expected, sequence(NetworkFactory.build(v, 784, 10, 1)));
    }

    @Test
    void noDropoutMeansNoDropoutLayersAnywhere() {
        MultiLayerConfiguration conf = NetworkFactory.build(variant("type: mlp, hidden: [32]", ""), 784, 10, 1);
        assertEquals("Wrelu Out", sequence(conf));
        for (Layer l : layers(conf)) {
            assertEquals(null, l.getIDropout(), l.toString());
        }
    }

    @Test
    void dropProbabilitiesReachDl4jAsRetainProbabilities() {
        MultiLayerConfiguration conf = NetworkFactory.build(variant(
                "type: mlp, hidden: [32, 16], inputDropout: 0.2, layerDropout: [0.3, 0.6]", ""), 784, 10, 1);
        List<Double> retain = new ArrayList<>();
        for (Layer l : layers(conf)) {
            if (l instanceof DropoutLayer d) {
                retain.add(((Dropout) d.getIDropout()).getP());
            }
        }
        assertEquals(3, retain.size());
        assertEquals(0.8, retain.get(0), 1e-12);
        assertEquals(0.7, retain.get(1), 1e-12);
        assertEquals(0.4, retain.get(2), 1e-12);
        assertEquals(0.5, Dropouts.retainProbability(0.5));
    }

    @Test
    void otherDropoutTypesGetTheirOwnParameterConvention() {
        assertEquals(0.3, ((GaussianDropout) Dropouts.of(io.ablate4j.config.Enums.DropoutType.GAUSSIAN, 0.3)).getRate(), 1e-12);
        assertEquals(0.7, ((AlphaDropout) Dropouts.of(io.ablate4j.config.Enums.DropoutType.ALPHA, 0.3)).getP(), 1e-12);
        assertEquals(0.7, ((SpatialDropout) Dropouts.of(io.ablate4j.config.Enums.DropoutType.SPATIAL, 0.3)).getP(), 1e-12);
        assertEquals(null, Dropouts.of(io.ablate4j.config.Enums.DropoutType.BERNOULLI, 0.0));
    }

    @Test
    void l2IsOnEveryWeightLayerOnceAndNeverOnBatchNorm() {
        MultiLayerConfiguration conf = NetworkFactory.build(variant("type: mlp, hidden: [32, 16], batchNorm: before-activation",
                "l1: 1e-5, l2: 1e-4"), 784, 10, 1);
        int weightLayers = 0;
        for (Layer l : layers(conf)) {
            if (l instanceof BatchNormalization bn) {
                assertTrue(bn.getRegularization().isEmpty());
                assertTrue(bn.getRegularizationBias().isEmpty());
            } else if (l instanceof DenseLayer || l instanceof OutputLayer) {
                weightLayers++;
                List<Regularization> r = ((BaseLayer) l).getRegularization();
                assertEquals(2, r.size(), r.toString());
                assertEquals(1, r.stream().filter(x -> x instanceof L2Regularization).count());
                assertEquals(1e-4, ((L2Regularization) r.stream().filter(x -> x instanceof L2Regularization).findFirst()
                        .orElseThrow()).getL2().valueAt(0, 0), 1e-15);
                assertEquals(1, r.stream().filter(x -> x instanceof L1Regularization).count());
                assertTrue(((BaseLayer) l).getRegularizationBias().isEmpty(), "biases are not regularized");
            }
        }
        assertEquals(3, weightLayers);
    }

    @Test
    void weightDecayIsDecoupledAndNotDoubled() {
        MultiLayerConfiguration conf = NetworkFactory.build(variant("type: mlp, hidden: [32]", "weightDecay: 5e-4"), 784, 10, 1);
        for (Layer l : layers(conf)) {
            if (l instanceof BaseLayer b && !(l instanceof BatchNormalization)) {
                List<Regularization> r = b.getRegularization();
                assertEquals(1, r.size(), r.toString());
                WeightDecay wd = assertInstanceOf(WeightDecay.class, r.get(0));
                assertEquals(5e-4, wd.getCoeff().valueAt(0, 0), 1e-15);
                assertTrue(wd.isApplyLR());
            }
        }
    }

    @Test
    void maxNormConstrainsEachUnitsIncomingWeights() {
        MultiLayerConfiguration conf = NetworkFactory.build(variant("type: mlp, hidden: [64], dropout: 0.5", "maxNorm: 0.5"),
                20, 3, 1);
        DenseLayer dense = (DenseLayer) layers(conf).stream().filter(l -> l instanceof DenseLayer).findFirst().orElseThrow();
        MaxNormConstraint c = (MaxNormConstraint) dense.getConstraints().get(0);
        assertArrayEquals(new int[]{0}, c.getDimensions());
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        DataSet data = randomData(64, 20, 3, 7);
        for (int i = 0; i < 20; i++) {
            net.fit(data);
        }
        INDArray w = net.getLayer(0).getParam("W");
        assertEquals(64, w.columns());
        INDArray norms = w.norm2(0);
        assertTrue(norms.maxNumber().doubleValue() <= 0.5 + 1e-4, "column norms: " + norms);
    }

    @Test
    void jsonRoundTripKeepsTheConfiguration() {
        MultiLayerConfiguration conf = NetworkFactory.build(variant("type: mlp, hidden: [32, 16], inputDropout: 0.2, dropout: 0.5,"
                + " batchNorm: after-activation", "l2: 1e-4, maxNorm: 3"), 784, 10, 42);
        MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(conf.toJson());
        assertEquals(conf, back);
        assertEquals(sequence(conf), sequence(back));
    }

    @Test
    void sameSeedGivesBitIdenticalParametersWithDropout() {
        VariantConfig v = variant("type: mlp, hidden: [32, 16], inputDropout: 0.2, dropout: 0.5, batchNorm: before-activation", "l2: 1e-4");
        INDArray a = train(v, 3);
        INDArray b = train(v, 3);
        INDArray c = train(v, 4);
        assertEquals(a, b);
        assertFalse(a.equals(c));
    }

    @Test
    void cnnBlocksAreConvBnActPoolWithSpatialDropout() {
        VariantConfig v = variant("type: cnn, conv: [{filters: 4, kernel: 3}, {filters: 8, kernel: 3, pool: 1}], hidden: [16],"
                + " dropout: 0.25, dropoutType: spatial, batchNorm: before-activation", "l2: 1e-4, maxNorm: 2");
        MultiLayerConfiguration conf = NetworkFactory.build(v, 784, 10, 1);
        List<String> kinds = layers(conf).stream().map(l -> l.getClass().getSimpleName()).toList();
        assertEquals(List.of("ConvolutionLayer", "BatchNormalization", "ActivationLayer", "SubsamplingLayer", "DropoutLayer",
                "ConvolutionLayer", "BatchNormalization", "ActivationLayer", "DropoutLayer",
                "DenseLayer", "BatchNormalization", "ActivationLayer", "DropoutLayer", "OutputLayer"), kinds);
        List<Layer> ls = layers(conf);
        assertInstanceOf(SpatialDropout.class, ls.get(4).getIDropout());
        assertInstanceOf(Dropout.class, ls.get(12).getIDropout(), "dense head uses bernoulli dropout");
        ConvolutionLayer conv = (ConvolutionLayer) ls.get(0);
        assertArrayEquals(new int[]{1, 2, 3}, ((MaxNormConstraint) conv.getConstraints().get(0)).getDimensions());
        assertFalse(conv.hasBias());
        assertEquals(2, ((SubsamplingLayer) ls.get(3)).getKernelSize()[0]);
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        INDArray out = net.output(Nd4j.rand(DataType.FLOAT, 3, 784));
        assertArrayEquals(new long[]{3, 10}, out.shape());
    }

    static INDArray train(VariantConfig v, long seed) {
        MultiLayerNetwork net = new MultiLayerNetwork(NetworkFactory.build(v, 20, 3, seed));
        net.init();
        DataSet data = randomData(32, 20, 3, 11);
        for (int i = 0; i < 5; i++) {
            net.fit(data);
        }
        return net.params().dup();
    }

    /** n examples with one-hot labels whose class shows in the mean of every classes-th feature. */
    public static DataSet randomData(int n, int features, int classes, long seed) {
        java.util.Random r = new java.util.Random(seed);
        float[][] x = new float[n][features];
        float[][] y = new float[n][classes];
        for (int i = 0; i < n; i++) {
            int c = r.nextInt(classes);
            y[i][c] = 1;
            for (int j = 0; j < features; j++) {
                x[i][j] = (float) (r.nextGaussian() + (j % classes == c ? 1 : 0));
            }
        }
        return new DataSet(Nd4j.create(x), Nd4j.create(y));
    }
}
