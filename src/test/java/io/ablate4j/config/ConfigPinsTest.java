package io.ablate4j.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ablate4j.sweep.Ids;
import io.ablate4j.sweep.Plan;
import io.ablate4j.sweep.SweepExpander;
import io.ablate4j.sweep.Variant;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a loaded config resolves to, pinned as it was before issue 29 reorganized the config package (commit
 * 9c08715): each config's plan hash (the manifests under {@code results/} record it; it covers every variant and
 * trial id) and a digest of every variant's {@code toMap()} in insertion order (what {@code config.yaml} and the
 * manifest's {@code config} write). A change here changes ids, hashes or written files: resumed runs and committed
 * results would no longer match.
 */
class ConfigPinsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** configHash and ordered-toMap digest of every shipped config, the example and the v1 fixture. */
    private static final Map<String, String> FILES = new TreeMap<>(Map.ofEntries(
            Map.entry("configs/adaptive-dropout-rate.yaml", "41d2bb18661b c143ebd5b1c0 0784723ffbf7"),
            Map.entry("configs/augmentation-vs-weight-decay.yaml", "b8324af4d0e0 090064fbe2a4 7e658a4ac234"),
            Map.entry("configs/bn-unstandardized-inputs.yaml", "f7c0aa1d352e e9dc795197fe 4b026dbe435e"),
            Map.entry("configs/breast-cancer-dropout-bn-l2.yaml", "c09df648a6fb 676448c0d449 8bf4b64efda8"),
            Map.entry("configs/capacity-ladder.yaml", "88d9b46b121f c963bf9f2f5f a93f0e37c852"),
            Map.entry("configs/cifar10-cnn-dropout-bn.yaml", "2a8b803bc351 469ed36e82e2 c78cb2536ffa"),
            Map.entry("configs/cnn-dropout-placement.yaml", "47c5eb6049ab 3df2e8e7ab53 2e482f6d9899"),
            Map.entry("configs/cv-dropout-rate.yaml", "884445f0858c 2f0bc6c8d7c0 749c123432bb"),
            Map.entry("configs/grid-full-dropout-l2-lr.yaml", "08da89931f58 271d79462368 ec2147aadc85"),
            Map.entry("configs/grid-race-dropout-l2-lr.yaml", "cf2b04f0d2b3 271d79462368 3b448fe01ff3"),
            Map.entry("configs/ioffe-bn-learning-rate.yaml", "9c5d8fac7f90 a29cd3461e36 17daf2382410"),
            Map.entry("configs/keras-dropout.yaml", "acd7c6fc09de f1847c29fce5 429fc23654d2"),
            Map.entry("configs/keras-mnist-convnet.yaml", "e509c2908f52 b1a833d435d1 8fa1b745c026"),
            Map.entry("configs/li-dropout-bn-order.yaml", "178113a5e6b5 3a3143df36e2 3bddcc1f9c2e"),
            Map.entry("configs/loshchilov-l2-vs-weight-decay.yaml", "70926a3fb274 965fa7770f6e c9d7700a2bab"),
            // issue 26 gave the quickstart expect: claims; its hash and variants are unchanged
            Map.entry("configs/quickstart.yaml", "e40a6acca187 3f231e4232b8 61f2fa09be20"),
            Map.entry("configs/regression-dropout-bn.yaml", "3e6fd70a8620 8682466d2b8c 4b6c52a52625"),
            Map.entry("configs/srivastava-dropout-rate.yaml", "401a60c5833d d8d30e0d218e c85a6ccca00f"),
            Map.entry("configs/srivastava-dropout-vs-size.yaml", "7918cca55acc 921e9cd681ac 7441123de3b8"),
            Map.entry("examples/java-data/iris-dropout-bn.yaml", "2deec4d49d38 ab6477e4666e 271aafccf54b"),
            Map.entry("examples/java-template/tapered-mlp.yaml", "b66284dec529 fc74fc797453 338f19acccfd"),
            Map.entry("src/test/resources/run/v1-format/v1-format.yaml", "1935a8431e9c e82df70f1e5d f3f4dcc93c20")));

    /** Configs that reach the branches of {@code toMap()} the shipped ones do not. */
    private static final Map<String, String> INLINE = new LinkedHashMap<>();
    private static final Map<String, String> INLINE_PINS = new LinkedHashMap<>();

    private static void inline(String name, String pin, String yaml) {
        INLINE.put(name, yaml);
        INLINE_PINS.put(name, pin);
    }

    static {
        inline("csv-classification", "331fd221915f ba1f91f5262b 8c4fe43c7001", """
                dataset: {name: csv, trainSize: 50, validationSize: 10, normalize: standardize,
                  csv: {trainFile: train.csv, testFile: test.csv, labelColumn: 0, header: false, delimiter: ';',
                        numClasses: 3}}
                model: {hidden: [16, 8], activation: elu, inputDropout: 0.1, dropout: 0.2, dropoutType: alpha}
                regularization: {l1: 1e-5, weightDecay: 1e-4, maxNorm: 3}
                training: {epochs: 2, batchSize: 16, optimizer: {type: sgd}, trainEvalSamples: 0}
                seeds: [7]
                """);
        // Issue 26 changed this pin on purpose: a table that states neither sizes nor normalization now takes its
        // sizes from its own rows and is standardized (before: trainSize 2000, validationSize 1000, scale01, which a
        // table of fewer than 3,000 rows could not run); no shipped config reads a CSV file.
        inline("csv-regression", "94a18f2ca87a b68e1e4ffeac e6295497d688", """
                dataset: {name: csv, task: regression, standardizeTarget: true, splitSeed: -3,
                  csv: {trainFile: t.csv, targetColumn: price}}
                model: {hidden: [4]}
                training: {epochs: 1, loss: huber}
                sweep: {mode: one-at-a-time, axes: {training.loss: [mse, mae], model.dropout: [0.1, 0.3]}}
                """);
        inline("friedman-folds", "30ee4be7e8b7 d546fc298a7e dc78fc5f9e4f", """
                dataset: {name: synthetic, trainSize: 60, testSize: 20, folds: 3, normalize: minmax,
                  synthetic: {shape: friedman1, features: 7, noise: 0.5}}
                model: {hidden: [8], dropoutType: gaussian}
                training: {epochs: 1, earlyStopping: {patience: 2}}
                seeds: {initial: 2, max: 5, step: 2}
                sweep: {axes: {model.dropout: [0, 0.5], model.hidden: [[8], [16]]}}
                baseline: {model.dropout: 0}
                expect:
                  - {claim: dropout lowers the RMSE, metric: test_rmse, lower: {model.dropout: 0.5},
                     than: {model.dropout: 0}, rope: 0.1}
                statistics: {rope: 0.2, correction: benjamini-hochberg}
                """);
        inline("diabetes", "ba151b0d29dc 8fe8e43b5ead 9b212578a84a", """
                dataset: {name: diabetes, normalize: none}
                model: {hidden: [8], batchNorm: before-activation}
                training: {epochs: 1, loss: mae}
                """);
        // Issue 26 changed this pin and cnn-path's on purpose: every config now has a baseline, and the plan hash
        // covers it (it decides which variants adaptive seeds extend). Here the random sweep's first value of each
        // axis (dropout 0.1, l2 0) and cnn-path's (after-bn, rotateDegrees 0), where before neither had one.
        inline("spirals", "1dc8622104e7 fd4029cf7019 a254ee584165", """
                dataset: {name: synthetic, trainSize: 100, validationSize: 20, testSize: 50,
                  synthetic: {shape: spirals, features: 3, classes: 4, noise: 0.25, labelNoise: 0.1}}
                model: {hidden: [8], activation: gelu}
                training: {epochs: 1, bnDiagnostics: true, optimizer: {type: nesterovs, learningRate: 0.01,
                  momentum: 0.5}}
                sweep: {mode: random, samples: 3, seed: 9, axes: {model: [{dropout: 0.1}, {dropout: 0.2,
                  inputDropout: 0.1}, {batchNorm: after-activation, dropoutPosition: before-bn}],
                  regularization.l2: [0, 1e-4]}}
                """);
        inline("java-template", "74890bab82c0 83d67f8db8b9 956b6b26b651", """
                dataset: {name: fashion-mnist, source: auto, trainSize: 100, validationSize: 20, testSize: 50}
                model: {type: java, class: com.example.Net, layerDropout: [0.1, 0.2, 0.3], dropoutType: gaussian,
                  batchNorm: after-activation, dropoutPosition: before-bn}
                training: {epochs: 1}
                """);
        inline("cnn-path", "c7e80b3f98b8 f3b81e85e822 0310ec3540fd", """
                dataset: {name: mnist, source: path, path: /data/mnist, trainSize: 100, validationSize: 20,
                  testSize: 50, augment: {shiftPixels: 2, flipHorizontal: true, rotateDegrees: 10}}
                model: {type: cnn, conv: [{filters: 4}, {filters: 8, kernel: 5, stride: 2, pool: 1}], hidden: [16],
                  dropoutType: spatial, layerDropout: [0.1, 0.2, 0.3], batchNorm: after-activation}
                training: {epochs: 1, batchSize: 32}
                sweep: {axes: {model.dropoutPosition: [after-bn, before-bn], dataset.augment.rotateDegrees: [0, 15]}}
                """);
        // Issue 26: columns by name, missing values, one-hot columns, sizes left to the table, java data
        inline("csv-named-columns", "4354e3a3c28e b8b578f1285a 64aa3244346d", """
                dataset: {name: csv, folds: 5, testSize: 40, csv: {trainFile: t.csv, labelColumn: diagnosis,
                  missing: drop-rows, categorical: [site, 3]}}
                model: {hidden: [8]}
                training: {epochs: 1}
                sweep: {axes: {dataset.csv.missing: [drop-rows, mean]}}
                """);
        inline("java-data", "9ae611c7f599 2f2555a935ca c4672e1a38dd", """
                dataset: {name: java, class: com.example.MyData, task: regression, trainSize: 100}
                model: {hidden: [8]}
                training: {epochs: 1}
                """);
    }

    /**
     * configHash, a digest of the base's and every variant's toMap() as JSON in insertion order, and a digest of
     * the experiment-level values (seeds, sweep, baseline, expectations, statistics, adaptive seeds).
     */
    private static String fingerprint(Plan plan) throws JsonProcessingException {
        List<Object> maps = new ArrayList<>();
        maps.add(plan.experiment().base().toMap());
        for (Variant v : plan.variants()) {
            maps.add(v.config().toMap());
        }
        Experiment e = plan.experiment();
        String bound = String.valueOf(List.of(e.name(), e.description(), e.seeds(), e.sweep(), e.baseline(),
                e.expectations(), e.statistics(), String.valueOf(e.adaptive())));
        return plan.configHash() + " " + Ids.hash(JSON.writeValueAsString(maps)) + " " + Ids.hash(bound);
    }

    @Test
    void shippedConfigsResolveAsTheyDidBeforeTheSchemaWasDeclaredOnce() throws IOException {
        List<Path> shipped;
        try (Stream<Path> s = Files.list(Path.of("configs"))) {
            shipped = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertEquals(shipped.stream().map(Path::toString).toList(),
                FILES.keySet().stream().filter(f -> f.startsWith("configs/")).toList(),
                "a config was added to configs/: pin it here");
        Map<String, String> actual = new TreeMap<>();
        for (String file : FILES.keySet()) {
            actual.put(file, fingerprint(SweepExpander.expand(ConfigLoader.load(Path.of(file)))));
        }
        assertEquals(FILES, actual);
    }

    @Test
    void everyBranchOfToMapResolvesAsBefore(@TempDir Path tmp) throws IOException {
        Map<String, String> actual = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : INLINE.entrySet()) {
            Path file = tmp.resolve(e.getKey() + ".yaml");
            Files.writeString(file, "name: " + e.getKey() + "\n" + e.getValue());
            actual.put(e.getKey(), fingerprint(SweepExpander.expand(ConfigLoader.load(file))));
        }
        assertEquals(INLINE_PINS, actual);
    }
}
