package io.ablate4j.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ablate4j.config.Enums.Activation;
import io.ablate4j.config.Enums.BatchNorm;
import io.ablate4j.config.Enums.Correction;
import io.ablate4j.config.Enums.DataSource;
import io.ablate4j.config.Enums.DatasetName;
import io.ablate4j.config.Enums.DropoutPosition;
import io.ablate4j.config.Enums.DropoutType;
import io.ablate4j.config.Enums.ExpectMetric;
import io.ablate4j.config.Enums.ModelType;
import io.ablate4j.config.Enums.Normalization;
import io.ablate4j.config.Enums.Optimizer;
import io.ablate4j.config.Enums.SyntheticShape;
import io.ablate4j.config.Enums.Task;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Records built from Java refuse what the YAML binder refuses, in the same words: the binder's message is the
 * record's with the file and line in front.
 */
class RecordChecksTest {
    private static final String YAML = """
            name: t
            dataset: {name: synthetic, trainSize: 100, validationSize: 20, testSize: 50}
            model: {type: mlp, hidden: [8]}
            training: {epochs: 1}
            """;

    private static String java(Executable build) {
        ConfigException e = assertThrows(ConfigException.class, build);
        return e.getMessage();
    }

    /** The YAML error with its "x.yaml:N: " in front taken off. */
    private static String yaml(String yaml) {
        String m = ConfigLoaderTest.error(yaml);
        return m.substring(m.indexOf(": ") + 2);
    }

    private static ModelConfig mlp(double dropout) {
        return new ModelConfig(ModelType.MLP, List.of(8), List.of(), Activation.RELU, 0, dropout, List.of(),
                DropoutType.BERNOULLI, BatchNorm.NONE, DropoutPosition.AFTER_BN);
    }

    @Test
    void aJavaBuiltModelWithDropRateOnePointFiveIsRefusedAsYamlIs() {
        String m = java(() -> mlp(1.5));
        assertEquals("model.dropout = 1.5: a drop probability must be in [0, 1) (0 = no dropout)", m);
        assertEquals(m, yaml(YAML.replace("hidden: [8]", "hidden: [8], dropout: 1.5")));
        assertEquals("x.yaml:3: " + m, ConfigLoaderTest.error(YAML.replace("hidden: [8]",
                "hidden: [8], dropout: 1.5")));
    }

    /** The one place that makes DL4J's retain probability checks with the config's one rule, in its words. */
    @Test
    void dropoutsUsesTheConfigsDropRule() {
        assertEquals(0.75, io.ablate4j.network.Dropouts.retainProbability(0.25));
        String m = assertThrows(IllegalArgumentException.class,
                () -> io.ablate4j.network.Dropouts.retainProbability(1.0)).getMessage();
        assertEquals("drop probability 1.0: " + Rule.DROP.allowed(), m);
    }

    @Test
    void everyRecordChecksItsRangesWithTheSchemasRules() {
        assertEquals(yaml(YAML.replace("hidden: [8]", "hidden: [8], layerDropout: [1.5]")),
                java(() -> new ModelConfig(ModelType.MLP, List.of(8), List.of(), Activation.RELU, 0, 0, List.of(1.5),
                        DropoutType.BERNOULLI, BatchNorm.NONE, DropoutPosition.AFTER_BN)));
        assertEquals(yaml(YAML.replace("hidden: [8]", "hidden: [0]")),
                java(() -> new ModelConfig(ModelType.MLP, List.of(0), List.of(), Activation.RELU, 0, 0, List.of(),
                        DropoutType.BERNOULLI, BatchNorm.NONE, DropoutPosition.AFTER_BN)));
        assertEquals(yaml(YAML + "regularization: {l2: -1}\n"),
                java(() -> new RegularizationConfig(0, -1, 0, 0)));
        assertEquals(yaml(YAML + "regularization: {l2: 1e-4, weightDecay: 1e-4}\n"),
                java(() -> new RegularizationConfig(0, 1e-4, 1e-4, 0)));
        assertEquals(yaml(YAML.replace("epochs: 1", "epochs: 1, optimizer: {learningRate: 0}")),
                java(() -> new OptimizerConfig(Optimizer.ADAM, 0, 0.9)));
        assertEquals(yaml(YAML.replace("epochs: 1", "epochs: 0")),
                java(() -> new TrainingConfig(0, 128, new OptimizerConfig(Optimizer.ADAM, 1e-3, 0.9), 0, 0)));
        assertEquals("dataset.augment.rotateDegrees = 200: must be in [0, 180] degrees",
                java(() -> new AugmentConfig(0, false, 200)));
        assertEquals("model.conv[].filters = 0: must be a whole number in [1, 4096]",
                java(() -> new ConvBlock(0, 3, 1, 2)));
        assertEquals(yaml(YAML.replace("testSize: 50}", "testSize: 50, synthetic: {labelNoise: 1}}")),
                java(() -> new SyntheticConfig(SyntheticShape.BLOBS, 20, 3, 1, 1)));
        assertEquals(yaml(YAML.replace("testSize: 50}", "testSize: 50, synthetic: {shape: friedman1, "
                + "features: 4}}")), java(() -> new SyntheticConfig(SyntheticShape.FRIEDMAN1, 4, 3, 1, 0)));
        assertEquals(yaml(YAML + "statistics: {rope: -1}\n"),
                java(() -> new StatisticsConfig(-1, Correction.HOLM)));
    }

    @Test
    void crossFieldRulesLiveInTheRecordsAndReadAsTheBindersDid() {
        SyntheticConfig blobs = new SyntheticConfig(SyntheticShape.BLOBS, 20, 3, 1, 0);
        assertEquals(yaml(YAML.replace("validationSize: 20", "validationSize: 20, folds: 3")),
                java(() -> new DatasetConfig(DatasetName.SYNTHETIC, DataSource.BUNDLED, null, 100, 20, 50, 0,
                        Normalization.SCALE01, AugmentConfig.NONE, null, blobs, Task.CLASSIFICATION, 3, false)));
        assertEquals(yaml(YAML.replace("testSize: 50}", "testSize: 50, task: regression}")),
                java(() -> new DatasetConfig(DatasetName.SYNTHETIC, DataSource.BUNDLED, null, 100, 20, 50, 0,
                        Normalization.SCALE01, AugmentConfig.NONE, null, blobs, Task.REGRESSION, 0, false)));
        assertEquals(yaml(YAML.replace("hidden: [8]", "hidden: [8, 8], layerDropout: [0.1]")),
                java(() -> new ModelConfig(ModelType.MLP, List.of(8, 8), List.of(), Activation.RELU, 0, 0,
                        List.of(0.1), DropoutType.BERNOULLI, BatchNorm.NONE, DropoutPosition.AFTER_BN)));
        assertEquals(yaml(YAML.replace("hidden: [8]", "hidden: [8], dropoutType: spatial")),
                java(() -> new ModelConfig(ModelType.MLP, List.of(8), List.of(), Activation.RELU, 0, 0, List.of(),
                        DropoutType.SPATIAL, BatchNorm.NONE, DropoutPosition.AFTER_BN)));
        assertEquals(yaml(YAML + "seeds: {initial: 3, max: 5, step: 3}\n"),
                java(() -> new AdaptiveSeeds(List.of(1L, 2L, 3L), 5, 3)));
        assertEquals("expect[].threshold = 0.5: only used with metric: epochs_to_val_acc",
                java(() -> new Expectation("c", ExpectMetric.TEST_ACC, Expectation.Direction.HIGHER,
                        Map.of("model.dropout", 0.5), Map.of("model.dropout", 0.0), 0.5)));
    }
}
