package io.ablate4j.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ablate4j.bench.Benchmark.Model;
import io.ablate4j.bench.Benchmark.Settings;
import io.ablate4j.bench.Benchmark.Workload;
import io.ablate4j.config.ConfigLoader;
import io.ablate4j.config.Enums;
import io.ablate4j.config.Experiment;
import io.ablate4j.network.NetworkFactory;
import io.ablate4j.sweep.Plan;
import io.ablate4j.sweep.SweepExpander;
import io.ablate4j.training.lean.StepMode;
import io.ablate4j.training.lean.TrainingStep;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.ndarray.INDArray;

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
        return NetworkFactory.build(experiment(w, 1).base(), w.model() == Model.CIFAR10_CNN ? 32 * 32 * 3 : 784, 10, 1);
    }

    static Workload workload(String model, boolean batchNorm, int trainSize) {
        Model type = Enums.parse(Model.class, model);
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
        "cifar10-cnn | false | Conv3x3(32, identity) → relu → Conv3x3(32, identity, valid) → relu → MaxPool2 → "
                + "Dropout(drop 0.25) → Conv3x3(64, identity) → relu → Conv3x3(64, identity, valid) → relu → MaxPool2 → "
                + "Dropout(drop 0.25) → Dense(2304→512, identity) → relu → Dropout(drop 0.5) → Output(512→10, softmax)",
        "cifar10-cnn | true | Conv3x3(32, identity) → BN → relu → Conv3x3(32, identity, valid) → BN → relu → MaxPool2 → "
                + "Dropout(drop 0.25) → Conv3x3(64, identity) → BN → relu → Conv3x3(64, identity, valid) → BN → relu → "
                + "MaxPool2 → Dropout(drop 0.25) → Dense(2304→512, identity) → BN → relu → Dropout(drop 0.5) → "
                + "Output(512→10, softmax)",
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
        Workload w = new Workload(Model.CNN, false, 0.1, 1234);
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
        String layers = NetworkFactory.describe(network(new Workload(Model.MLP, true, 0, 60_000)));
        assertFalse(layers.contains("Dropout"), layers);
        String none = NetworkFactory.describe(network(new Workload(Model.CIFAR10_CNN, false, 0, 1000)));
        assertFalse(none.contains("Dropout"), none);
        String tenth = NetworkFactory.describe(network(new Workload(Model.CIFAR10_CNN, false, 0.1, 1000)));
        assertEquals(3, tenth.split("Dropout\\(drop 0\\.1\\)", -1).length - 1, tenth);
    }

    @Test
    void theDefaultWorkloadIsTheReferenceMlpWithPyTorchsInitialization() {
        // The config the bench trained until issue 25 (DL4J's He/Xavier normals, zero biases), plus the one key that
        // gives both sides PyTorch's initialization; nothing else about the reference workload changed.
        String before = "name: bench\n"
                + "dataset: {name: fashion-mnist, source: auto, trainSize: 60000, validationSize: 0, testSize: 0}\n"
                + "model: {type: mlp, hidden: [256, 256], activation: relu, dropout: 0.5, weightInit: pytorch}\n"
                + "training: {epochs: 3, batchSize: 128, optimizer: {type: adam, learningRate: 1e-3}, "
                + "trainEvalSamples: 1000}\n"
                + "seeds: [1, 2]\n";
        Workload reference = new Workload(Model.MLP, false, Workload.MLP_DROP_RATE, Benchmark.FULL_TRAIN_SIZE);
        assertEquals(ConfigLoader.parse("bench", before).base(), experiment(reference, 2).base());
        assertEquals(SweepExpander.expand(ConfigLoader.parse("bench", before)).trials().get(1).id(),
                SweepExpander.expand(experiment(reference, 2)).trials().get(1).id());
    }

    /**
     * The claim of {@link Benchmark#INIT} on the DL4J side, layer by layer for every bench network as its trials
     * build it: each weight layer's weights and biases (where it has them) lie within ±1/√fan_in, fan_in = inputs ×
     * kernel area (nn.Linear's in_features, nn.Conv2d's in_channels·kh·kw), reach close to that bound and have the
     * uniform's variance 1/(3·fan_in) (kaiming_uniform_ with a = √5: gain √(2/(1+5)) = √(1/3)); BN starts at γ = 1,
     * β = 0. WeightInitTest checks the scheme's formulas on large layers; this checks that the bench networks,
     * the Keras import included, get it on every layer with PyTorch's fans (the first CIFAR conv: 3·3·3 = 27).
     */
    @ParameterizedTest(name = "{0} batchNorm={1}")
    @CsvSource({"mlp, false", "mlp, true", "cnn, false", "cnn, true", "cifar10-cnn, false", "cifar10-cnn, true"})
    void everyWeightLayerStartsFromPyTorchsDefaultDistribution(String model, boolean batchNorm) {
        MultiLayerNetwork net = new MultiLayerNetwork(network(workload(model, batchNorm, 1000)));
        net.init();
        int weightLayers = 0;
        for (int i = 0; i < net.getnLayers(); i++) {
            Layer conf = net.getLayerWiseConfigurations().getConf(i).getLayer();
            Map<String, INDArray> params = net.getLayer(i).paramTable();
            if (conf instanceof BatchNormalization) {
                assertEquals(1.0, params.get("gamma").minNumber().doubleValue(), 0, "gamma");
                assertEquals(1.0, params.get("gamma").maxNumber().doubleValue(), 0, "gamma");
                assertEquals(0.0, params.get("beta").amaxNumber().doubleValue(), 0, "beta");
                continue;
            }
            if (!params.containsKey("W")) {
                continue;
            }
            weightLayers++;
            String what = model + " layer " + i + " (" + conf.getClass().getSimpleName() + ")";
            assertFalse(((org.deeplearning4j.nn.conf.layers.BaseLayer) conf).getWeightInitFn().getClass().getName()
                    .startsWith("org.deeplearning4j"), what + ": ablate4j's draw, not one of DL4J's initializers");
            long fanIn = conf instanceof ConvolutionLayer c
                    ? c.getNIn() * c.getKernelSize()[0] * c.getKernelSize()[1]
                    : ((org.deeplearning4j.nn.conf.layers.FeedForwardLayer) conf).getNIn();
            double bound = 1 / Math.sqrt(fanIn);
            INDArray w = params.get("W");
            double max = w.amaxNumber().doubleValue();
            assertTrue(max <= bound * (1 + 1e-6), what + ": |W| " + max + " > 1/sqrt(" + fanIn + ")");
            assertTrue(max >= 0.9 * bound, what + ": |W| only up to " + max + " of " + bound);
            double n = w.length();
            double expected = 1.0 / (3 * fanIn);
            // the sample variance of n uniform draws has a relative standard error of sqrt(0.8 / n)
            assertEquals(expected, w.varNumber().doubleValue(), expected * 5 * Math.sqrt(0.8 / n),
                    what + ": variance of the weights");
            assertEquals(0, w.meanNumber().doubleValue(), 5 * Math.sqrt(expected / n), what + ": mean of the weights");
            INDArray b = params.get("b");
            boolean hasBias = conf instanceof ConvolutionLayer c ? c.hasBias()
                    : !(conf instanceof DenseLayer d) || conf instanceof OutputLayer || d.hasBias();
            if (hasBias) {
                double bmax = b.amaxNumber().doubleValue();
                assertTrue(bmax <= bound * (1 + 1e-6) && bmax > 0, what + ": biases U(±1/sqrt(fan_in)), max " + bmax);
                if (b.length() >= 32) {
                    assertTrue(bmax >= 0.8 * bound, what + ": biases only up to " + bmax + " of " + bound);
                }
            } else {
                assertTrue(b == null || b.length() == 0, what + ": a weight layer feeding BN has no bias");
            }
        }
        assertEquals(switch (model) {
            case "mlp" -> 3;
            case "cnn" -> 4;
            default -> 6;
        }, weightLayers);
    }

    /** RGB and every other bench network trains through the lean step's own code: no fallback to fit, no DL4J layer. */
    @ParameterizedTest(name = "{0} batchNorm={1}")
    @CsvSource({"mlp, false", "mlp, true", "cnn, false", "cnn, true", "cifar10-cnn, false", "cifar10-cnn, true"})
    void everyBenchNetworkTakesTheLeanStepsOwnCode(String model, boolean batchNorm) {
        MultiLayerNetwork net = new MultiLayerNetwork(network(workload(model, batchNorm, 1000)));
        net.init();
        try (TrainingStep step = TrainingStep.of(net, StepMode.LEAN)) {
            assertEquals(null, step.fallbackReason());
            assertEquals(net.getnLayers(), step.layerPaths().size());
            assertFalse(step.layerPaths().contains("dl4j"), step.layerPaths().toString());
            String path = Benchmark.trainingPath(step.fallbackReason(), step.layerPaths(), StepMode.LEAN);
            assertTrue(path.startsWith("lean step: " + net.getnLayers() + " layers, "), path);
            assertTrue(path.endsWith(", 0 by DL4J's layers"), path);
            if (model.startsWith("cifar")) {
                // four convolutions, two poolings, and a ReLU (or BN and ReLU) after each of the five weight layers
                assertEquals(batchNorm ? 16 : 11, step.layerPaths().stream().filter("kernel"::equals).count(),
                        step.layerPaths().toString());
            }
        } finally {
            net.close();
        }
    }

    @Test
    void aLeanBenchThatWouldNotMeasureTheLeanStepStops() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Benchmark.trainingPath(null,
                List.of("kernel", "dl4j", "step"), StepMode.LEAN));
        assertTrue(e.getMessage().contains("layers [1]"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> Benchmark.trainingPath("training listeners", List.of(),
                StepMode.LEAN));
        assertEquals("exact step: 3 layers, 1 by Java kernels, 1 by the step's own code, 1 by DL4J's layers",
                Benchmark.trainingPath(null, List.of("kernel", "dl4j", "step"), StepMode.EXACT));
        assertEquals("DL4J's fit (step mode dl4j)", Benchmark.trainingPath("step mode dl4j", List.of(),
                StepMode.DL4J));
    }

    @Test
    void theWorkloadIsNamedInTheHeaderAndTheJson() {
        Workload w = workload("cnn", true, 10_000);
        assertEquals("CNN conv32-pool-conv64-pool-dense128 (3x3 Same, max-pool 2), ReLU, BN before each activation, "
                + "dropout 0.25, 10000 training images", w.describe());
        assertEquals("{model=cnn, batchNorm=before-activation, dropout=0.25, trainSize=10000, weightInit=pytorch, "
                + "description=" + w.describe() + "}", w.toMap().toString());
        Workload cifar = workload("cifar10-cnn", false, 10_000);
        assertEquals("Keras cifar10_cnn conv32-conv32-pool-conv64-conv64-pool-dense512 on 32x32x3, ReLU, no BN, "
                + "dropout 0.25/0.25/0.5, 10000 training images", cifar.describe());
        assertEquals("0.25/0.25/0.5", cifar.toMap().get("dropout"));
    }

    @Test
    void theCifarWorkloadReadsCifar10AsTheKerasExampleScalesIt() {
        Experiment e = experiment(workload("cifar10-cnn", true, 5000), 2);
        assertEquals(Enums.DatasetName.CIFAR10, e.base().dataset().name());
        assertEquals(5000, e.base().dataset().trainSize());
        assertEquals(Enums.Normalization.SCALE01, e.base().dataset().normalize(), "pixels / 255, as the reference");
        assertEquals(Enums.WeightInit.PYTORCH, e.base().model().weightInit());
        Settings generated = new Settings(workload("cifar10-cnn", false, 100), Path.of("/tmp/generated"), 3, 128, 2,
                null, Path.of("bench", "pytorch_reference.py"));
        assertEquals(Enums.DataSource.PATH, ConfigLoader.parse("bench", Benchmark.yaml(generated, 1)).base().dataset()
                .source());
    }

    @Test
    void withoutCifar10TheBenchGeneratesCifarFormatFilesAndDeletesThemAfter() throws Exception {
        Path dir;
        try (Benchmark.CifarData data = Benchmark.CifarData.of(null, 1001)) {
            org.junit.jupiter.api.Assumptions.assumeTrue(data.generated(), "CIFAR-10 is installed here");
            dir = data.dir();
            assertEquals(5 * 201 * 3073, java.nio.file.Files.size(dir.resolve("data_batch_1.bin")) * 5);
            assertEquals(Benchmark.GENERATED_TEST_SIZE * 3073L, java.nio.file.Files.size(dir.resolve("test_batch.bin")));
            assertTrue(data.description().startsWith("generated CIFAR-format files"), data.description());
        }
        assertFalse(java.nio.file.Files.exists(dir));
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
        assertThrows(IllegalArgumentException.class, () -> new Workload(Model.MLP, false, 1.0, 100));
        assertThrows(IllegalArgumentException.class, () -> new Workload(Model.MLP, false, 0.5, 0));
        assertThrows(IllegalArgumentException.class, () -> new Workload(Model.MLP, false, 0.5, 60_001));
        assertThrows(IllegalArgumentException.class, () -> new Workload(Model.CIFAR10_CNN, false, 0.5, 50_001));
        assertThrows(IllegalArgumentException.class, () -> new Workload(Model.MLP, false, Workload.AS_WRITTEN, 100),
                "only the Keras file has rates as written");
        assertTrue(new Workload(Model.CNN, true, 0, 1).batchNorm());
    }
}
