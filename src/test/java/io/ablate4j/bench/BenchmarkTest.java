package io.ablate4j.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ablate4j.bench.Benchmark.Settings;
import io.ablate4j.bench.Benchmark.Workload;
import io.ablate4j.config.ConfigLoader;
import io.ablate4j.config.Enums;
import io.ablate4j.config.Enums.ModelType;
import io.ablate4j.config.Experiment;
import io.ablate4j.network.NetworkFactory;
import io.ablate4j.sweep.Plan;
import io.ablate4j.sweep.SweepExpander;
import java.nio.file.Path;
import java.util.List;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The config each bench workload trains on the DL4J side: it loads, and NetworkFactory builds from it the layer
 * sequence that {@code bench/pytorch_reference.py} builds for the same flags. No data is read.
 */
class BenchmarkTest {
    static Settings settings(Workload w) {
        return new Settings(w, null, 3, 128, 2, null, Path.of("bench", "pytorch_reference.py"));
    }

    static Experiment experiment(Workload w, int seeds) {
        return ConfigLoader.parse("bench", Benchmark.yaml(settings(w), seeds));
    }

    static MultiLayerConfiguration network(Workload w) {
        return NetworkFactory.build(experiment(w, 1).base(), 784, 10, 1);
    }

    static Workload workload(String model, boolean batchNorm, int trainSize) {
        ModelType type = Enums.parse(ModelType.class, model);
        return new Workload(type, batchNorm, Workload.defaultDropRate(type), trainSize);
    }

    @ParameterizedTest(name = "{0} batchNorm={1}")
    @CsvSource(delimiter = '|', value = {
        "mlp | false | Dense(784→256, relu) → Dropout(drop 0.5) → Dense(256→256, relu) → Dropout(drop 0.5) → "
                + "Output(256→10, softmax)",
        "mlp | true  | Dense(784→256, identity) → BN → relu → Dropout(drop 0.5) → "
                + "Dense(256→256, identity) → BN → relu → Dropout(drop 0.5) → Output(256→10, softmax)",
        "cnn | false | Conv3x3(32, relu) → MaxPool2 → Dropout(drop 0.25) → "
                + "Conv3x3(64, relu) → MaxPool2 → Dropout(drop 0.25) → "
                + "Dense(3136→128, relu) → Dropout(drop 0.25) → Output(128→10, softmax)",
        "cnn | true  | Conv3x3(32, identity) → BN → relu → MaxPool2 → Dropout(drop 0.25) → "
                + "Conv3x3(64, identity) → BN → relu → MaxPool2 → Dropout(drop 0.25) → "
                + "Dense(3136→128, identity) → BN → relu → Dropout(drop 0.25) → Output(128→10, softmax)",
    })
    void eachWorkloadPlansTheLayerSequenceOfTheReference(String model, boolean batchNorm, String layers) {
        assertEquals(layers, NetworkFactory.describe(network(workload(model, batchNorm, 10_000))));
    }

    @Test
    void theCnnWithBatchNormHasBiasFreeSameConvolutionsAndFlattensChannelsFirst() {
        MultiLayerConfiguration conf = network(workload("cnn", true, 10_000));
        int convs = 0;
        int norms = 0;
        for (int i = 0; i < conf.getConfs().size(); i++) {
            Layer l = conf.getConf(i).getLayer();
            if (l instanceof ConvolutionLayer c && !(l instanceof SubsamplingLayer)) {
                convs++;
                assertFalse(c.hasBias(), "conv " + i + " feeds BN: no bias");
                assertEquals(ConvolutionMode.Same, c.getConvolutionMode());
                assertEquals(List.of(3, 3), List.of(c.getKernelSize()[0], c.getKernelSize()[1]));
                assertEquals(List.of(1, 1), List.of(c.getStride()[0], c.getStride()[1]));
            } else if (l instanceof SubsamplingLayer p) {
                assertEquals(List.of(2, 2, 2, 2), List.of(p.getKernelSize()[0], p.getKernelSize()[1],
                        p.getStride()[0], p.getStride()[1]));
            } else if (l instanceof BatchNormalization b) {
                norms++;
                // PyTorch's momentum 0.1 weighs the new batch as DL4J's decay 0.9 does.
                assertEquals(0.9, b.getDecay(), 0);
                assertEquals(1e-5, b.getEps(), 0);
            } else if (l instanceof DenseLayer d && !(l instanceof OutputLayer)) {
                assertFalse(d.hasBias(), "dense " + i + " feeds BN: no bias");
            }
        }
        assertEquals(2, convs);
        assertEquals(3, norms);
        CnnToFeedForwardPreProcessor flatten = conf.getInputPreProcessors().values().stream()
                .filter(CnnToFeedForwardPreProcessor.class::isInstance).map(CnnToFeedForwardPreProcessor.class::cast)
                .findFirst().orElseThrow();
        assertEquals(CNN2DFormat.NCHW, flatten.getFormat(), "the dense head sees c-h-w order, as nn.Flatten on NCHW");
        assertEquals(List.of(64L, 7L, 7L), List.of(flatten.getNumChannels(), flatten.getInputHeight(),
                flatten.getInputWidth()));
    }

    @Test
    void trainSizeDropoutAndTrialsGoIntoTheConfig() {
        Workload w = new Workload(ModelType.CNN, false, 0.1, 1234);
        Experiment e = experiment(w, 3);
        assertEquals(1234, e.base().dataset().trainSize());
        assertEquals(0, e.base().dataset().validationSize());
        assertEquals(0, e.base().dataset().testSize(), "the whole test file");
        assertEquals(0.1, e.base().model().dropout(), 0);
        assertEquals(List.of(1L, 2L, 3L), e.seeds());
        Plan plan = SweepExpander.expand(e);
        assertEquals(3, plan.trials().size(), "one trial per seed: the parallel layout");
    }

    @Test
    void dropoutZeroBuildsNoDropoutLayers() {
        String layers = NetworkFactory.describe(network(new Workload(ModelType.MLP, true, 0, 60_000)));
        assertFalse(layers.contains("Dropout"), layers);
    }

    @Test
    void theDefaultWorkloadResolvesToTheConfigTheBenchAlwaysTrained() {
        // The config of the one-workload bench: its trials keep their ids and numbers.
        String before = "name: bench\n"
                + "dataset: {name: fashion-mnist, source: auto, trainSize: 60000, validationSize: 0, testSize: 0}\n"
                + "model: {type: mlp, hidden: [256, 256], activation: relu, dropout: 0.5}\n"
                + "training: {epochs: 3, batchSize: 128, optimizer: {type: adam, learningRate: 1e-3}, "
                + "trainEvalSamples: 1000}\n"
                + "seeds: [1, 2]\n";
        Workload reference = new Workload(ModelType.MLP, false, Workload.MLP_DROP_RATE, Benchmark.FULL_TRAIN_SIZE);
        assertEquals(ConfigLoader.parse("bench", before).base(), experiment(reference, 2).base());
        assertEquals(SweepExpander.expand(ConfigLoader.parse("bench", before)).trials().get(1).id(),
                SweepExpander.expand(experiment(reference, 2)).trials().get(1).id());
    }

    @Test
    void theWorkloadIsNamedInTheHeaderAndTheJson() {
        Workload w = workload("cnn", true, 10_000);
        assertEquals("CNN conv32-pool-conv64-pool-dense128 (3x3 Same, max-pool 2), ReLU, BN before each activation, "
                + "dropout 0.25, 10000 training images", w.describe());
        assertEquals("{model=cnn, batchNorm=before-activation, dropout=0.25, trainSize=10000, description="
                + w.describe() + "}", w.toMap().toString());
    }

    @Test
    void ratesArePrintedAsPeopleWriteThem() {
        assertEquals("0.5", Benchmark.plain(0.5));
        assertEquals("0.25", Benchmark.plain(0.25));
        assertEquals("0", Benchmark.plain(0));
        assertEquals("0.0001", Benchmark.plain(1e-4));
    }

    @Test
    void workloadsOutOfRangeAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new Workload(ModelType.MLP, false, 1.0, 100));
        assertThrows(IllegalArgumentException.class, () -> new Workload(ModelType.MLP, false, 0.5, 0));
        assertThrows(IllegalArgumentException.class, () -> new Workload(ModelType.MLP, false, 0.5, 60_001));
        assertTrue(new Workload(ModelType.CNN, true, 0, 1).batchNorm());
    }
}
