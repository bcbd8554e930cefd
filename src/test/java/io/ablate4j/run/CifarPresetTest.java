package io.ablate4j.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ablate4j.config.ConfigLoader;
import io.ablate4j.config.Enums.DatasetName;
import io.ablate4j.config.Experiment;
import io.ablate4j.config.RawConfig;
import io.ablate4j.config.YamlLoader;
import io.ablate4j.data.DataCache;
import io.ablate4j.data.ImageFixtures;
import io.ablate4j.sweep.Plan;
import io.ablate4j.sweep.SweepExpander;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CIFAR-10 preset: its Keras file is Keras' cifar10_cnn as written (Keras' parameter count), a smoke run of its
 * grid on generated CIFAR-format files (every variant trains, every claim gets a verdict), and where the real files
 * are found ({@code source: auto}) a short run on them.
 */
class CifarPresetTest {
    private static final String PRESET = "configs/cifar10-cnn-dropout-bn.yaml";

    @TempDir
    Path tmp;

    private RunResult run(RawConfig raw, int trials) throws IOException {
        Experiment experiment = ConfigLoader.bind(raw.with("training.epochs", 1L, "test override", 1)
                .with("seeds", List.of(1L, 2L), "test override", 1));
        Plan plan = SweepExpander.expand(experiment);
        assertEquals(trials, plan.trials().size());
        RunOptions options = new RunOptions(tmp.resolve("run"), 2, RunOptions.Mode.AUTO, true,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), false);
        RunResult result = new Runner(options).run(plan);
        assertEquals(trials, result.ok());
        String expectations = Files.readString(tmp.resolve("run").resolve("expectations.csv"));
        assertEquals(5, expectations.lines().count(), "a verdict per claim: " + expectations);
        return result;
    }

    /** Keras' cifar10_cnn: model.summary() reports 1,250,858 parameters (conv 896 + 9,248 + 18,496 + 36,928, dense
     * 1,180,160, output 5,130). */
    @Test
    void theKerasFileIsCifar10CnnAsWritten() {
        io.ablate4j.config.VariantConfig v = ConfigLoader.load(Path.of(PRESET)).base();
        org.deeplearning4j.nn.conf.MultiLayerConfiguration conf = io.ablate4j.network.NetworkFactory.build(v,
                32 * 32 * 3, 10, 1);
        org.deeplearning4j.nn.multilayer.MultiLayerNetwork net =
                new org.deeplearning4j.nn.multilayer.MultiLayerNetwork(conf);
        net.init();
        assertEquals(1_250_858, net.numParams());
        assertEquals("Conv3x3(32, identity) → relu → Conv3x3(32, identity, valid) → relu → MaxPool2 → Dropout(drop "
                + "0.25) → Conv3x3(64, identity) → relu → Conv3x3(64, identity, valid) → relu → MaxPool2 → Dropout(drop "
                + "0.25) → Dense(2304→512, identity) → relu → Dropout(drop 0.5) → Output(512→10, softmax)",
                io.ablate4j.network.NetworkFactory.describe(conf));
    }

    @Test
    void smokeTrainsOnGeneratedCifarFiles() throws IOException {
        Path files = tmp.resolve("cifar10");
        ImageFixtures.writeCifar(files, DatasetName.CIFAR10, 30, 60, 5, new int[210]);
        RawConfig raw = YamlLoader.load(Path.of(PRESET))
                .with("dataset.source", "path", "test override", 1)
                .with("dataset.path", files.toString(), "test override", 1)
                .with("dataset.trainSize", 100L, "test override", 1)
                .with("dataset.validationSize", 50L, "test override", 1)
                .with("dataset.testSize", 60L, "test override", 1)
                .with("training.batchSize", 25L, "test override", 1);
        run(raw, 8);
        assertTrue(Files.readString(tmp.resolve("run").resolve("manifest.json"))
                .contains("\"imageShape\" : [ 32, 32, 3 ]"));
    }

    @Test
    void runsOnTheRealFilesWhereTheyArePresent() throws IOException {
        io.ablate4j.config.DatasetConfig d = ConfigLoader.load(Path.of(PRESET)).base().dataset();
        List<Path> found;
        try {
            found = io.ablate4j.data.DataLoader.files(d);
        } catch (io.ablate4j.data.DataException e) {
            Assumptions.abort("CIFAR-10 is not installed here (" + e.getMessage().lines().findFirst().orElse("")
                    + ")");
            return;
        }
        assertEquals(6, found.size());
        RawConfig raw = YamlLoader.load(Path.of(PRESET))
                .with("dataset.trainSize", 500L, "test override", 1)
                .with("dataset.validationSize", 200L, "test override", 1)
                .with("dataset.testSize", 500L, "test override", 1);
        run(raw, 8);
        assertEquals(10, new DataCache().load(ConfigLoader.bind(raw).base().dataset()).classNames().size());
    }
}
