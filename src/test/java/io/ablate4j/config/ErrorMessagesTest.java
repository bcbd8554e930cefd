package io.ablate4j.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ablate4j.sweep.SweepExpander;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every error the binder raises, word for word, sealed in {@code src/test/resources/config/error-messages.txt}
 * (one {@code label<TAB>message} line each; the temp directory of the Keras cases is written {@code TMP}). The
 * messages were recorded before issue 29 reorganized the config package; a change to one must make it strictly
 * better, and the golden file changes with it in the same commit ({@code ABLATE4J_WRITE_GOLDEN=1} rewrites it).
 */
class ErrorMessagesTest {
    static final Path GOLDEN = Path.of("src/test/resources/config/error-messages.txt");

    private static final String DATA = "dataset: {name: synthetic, trainSize: 100, validationSize: 20, testSize: 50}\n";
    private static final String MODEL = "model: {type: mlp, hidden: [8]}\n";
    private static final String TRAIN = "training: {epochs: 1}\n";
    private static final String BASE = "name: t\n" + DATA + MODEL + TRAIN;
    private static final String IMAGE = "dataset: {name: fashion-mnist, trainSize: 100, validationSize: 20, "
            + "testSize: 50}\n";
    private static final String SWEPT = BASE + "sweep: {axes: {model.dropout: [0.0, 0.5]}}\n";

    private static final Map<String, String> CASES = new LinkedHashMap<>();

    private static void bad(String label, String yaml) {
        CASES.put(label, yaml);
    }

    private static String data(String keys) {
        return "name: t\ndataset: {" + keys + "}\n" + MODEL + TRAIN;
    }

    private static String model(String keys) {
        return "name: t\n" + DATA + "model: {" + keys + "}\n" + TRAIN;
    }

    private static String imageModel(String keys) {
        return "name: t\n" + IMAGE + "model: {" + keys + "}\n" + TRAIN;
    }

    private static String training(String keys) {
        return "name: t\n" + DATA + MODEL + "training: {" + keys + "}\n";
    }

    static {
        bad("name", "name: 'a b'\n" + DATA + MODEL + TRAIN);
        bad("missing-section", "name: t\n" + DATA + MODEL);
        bad("unknown-key", BASE + "regularisation: {l2: 0}\n");
        bad("unknown-key-lr", training("optimizer: {lr: 0.01}"));
        bad("unknown-key-snake-case", "name: t\n" + DATA + MODEL + TRAIN + "regularization: {weight_decay: 1e-4}\n");
        bad("unknown-key-epoch", training("epoch: 3"));
        bad("unknown-key-far", training("optimizer: {zzz: 1}"));
        bad("section-not-mapping", "name: t\n" + DATA + "model: 3\n" + TRAIN);
        bad("item-not-mapping", imageModel("type: cnn, conv: [3]"));
        bad("not-a-list", model("hidden: 8"));
        bad("not-a-single-value", BASE + "description: [a]\n");
        bad("not-a-boolean", training("epochs: 1, bnDiagnostics: maybe"));
        bad("not-a-whole-number", training("epochs: 1.5"));
        bad("whole-number-range", training("epochs: 0"));
        bad("not-a-number", model("hidden: [8], dropout: abc"));
        bad("not-a-choice", model("hidden: [8], batchNorm: before"));
        bad("mnist-bundled", data("name: mnist"));
        bad("path-missing", data("name: fashion-mnist, source: path"));
        bad("path-unused", data("name: fashion-mnist, source: auto, path: /x"));
        bad("source-tabular", data("name: synthetic, source: auto"));
        bad("folds-one", data("name: synthetic, folds: 1"));
        bad("folds-and-validation", data("name: synthetic, folds: 3, validationSize: 10"));
        bad("folds-too-many", data("name: synthetic, folds: 50, trainSize: 10, validationSize: 0"));
        bad("train-size", data("name: synthetic, trainSize: 0"));
        bad("test-size", data("name: synthetic, testSize: -1"));
        bad("split-seed", data("name: synthetic, splitSeed: x"));
        bad("normalize", data("name: synthetic, normalize: zscore"));
        bad("augment-tabular", data("name: synthetic, augment: {shiftPixels: 2}"));
        bad("shift-range", data("name: fashion-mnist, augment: {shiftPixels: 15}"));
        bad("rotate-range", data("name: fashion-mnist, augment: {rotateDegrees: 200}"));
        bad("flip-boolean", data("name: fashion-mnist, augment: {flipHorizontal: 1}"));
        bad("standardize-classification", data("name: synthetic, standardizeTarget: true"));
        bad("csv-missing", data("name: csv"));
        bad("csv-train-file", data("name: csv, csv: {testFile: t.csv}"));
        bad("csv-delimiter", data("name: csv, csv: {trainFile: t.csv, delimiter: ';;'}"));
        bad("csv-label-range", data("name: csv, csv: {trainFile: t.csv, labelColumn: 20000}"));
        bad("csv-num-classes", data("name: csv, csv: {trainFile: t.csv, numClasses: -1}"));
        bad("csv-regression-label", data("name: csv, task: regression, csv: {trainFile: t.csv, labelColumn: 0}"));
        bad("csv-target-type", data("name: csv, task: regression, csv: {trainFile: t.csv, targetColumn: true}"));
        bad("csv-target-range", data("name: csv, task: regression, csv: {trainFile: t.csv, targetColumn: 10001}"));
        bad("csv-target-header", data("name: csv, task: regression, csv: {trainFile: t.csv, header: false, "
                + "targetColumn: price}"));
        bad("csv-target-classification", data("name: csv, csv: {trainFile: t.csv, targetColumn: 2}"));
        bad("csv-unused", data("name: synthetic, csv: {trainFile: t.csv}"));
        bad("friedman-classes", data("name: synthetic, synthetic: {shape: friedman1, classes: 3}"));
        bad("friedman-label-noise", data("name: synthetic, synthetic: {shape: friedman1, labelNoise: 0.1}"));
        bad("friedman-features", data("name: synthetic, synthetic: {shape: friedman1, features: 4}"));
        bad("blobs-features", data("name: synthetic, synthetic: {features: 1}"));
        bad("blobs-classes", data("name: synthetic, synthetic: {classes: 1}"));
        bad("noise", data("name: synthetic, synthetic: {noise: -1}"));
        bad("noise-infinite", data("name: synthetic, synthetic: {noise: .inf}"));
        bad("label-noise", data("name: synthetic, synthetic: {labelNoise: 1}"));
        bad("shape", data("name: synthetic, synthetic: {shape: moons}"));
        bad("synthetic-unused", data("name: diabetes, synthetic: {shape: blobs}"));
        bad("task-image", data("name: fashion-mnist, task: regression"));
        bad("task-diabetes", data("name: diabetes, task: classification"));
        bad("task-synthetic", data("name: synthetic, task: regression"));
        bad("task-friedman", data("name: synthetic, task: classification, synthetic: {shape: friedman1}"));
        bad("model-type", model("type: rnn"));
        bad("model-file-mlp", model("hidden: [8], file: m.json"));
        bad("model-class-mlp", model("hidden: [8], class: a.B"));
        bad("cnn-tabular", model("type: cnn"));
        bad("cnn-no-conv", imageModel("type: cnn"));
        bad("conv-filters", imageModel("type: cnn, conv: [{kernel: 3}]"));
        bad("conv-filters-range", imageModel("type: cnn, conv: [{filters: 5000}]"));
        bad("conv-kernel-range", imageModel("type: cnn, conv: [{filters: 8, kernel: 0}]"));
        bad("conv-stride-range", imageModel("type: cnn, conv: [{filters: 8, stride: 29}]"));
        bad("conv-shrink", imageModel("type: cnn, conv: [{filters: 8}, {filters: 8}, {filters: 8}, {filters: 8},"
                + " {filters: 8}]"));
        bad("conv-mlp", model("hidden: [8], conv: [{filters: 8}]"));
        bad("hidden-range", model("hidden: [0]"));
        bad("activation", model("hidden: [8], activation: softplus"));
        bad("input-dropout", model("hidden: [8], inputDropout: 1"));
        bad("dropout-negative", model("hidden: [8], dropout: -0.1"));
        bad("layer-dropout-count", model("hidden: [8, 8], layerDropout: [0.1]"));
        bad("layer-dropout-cnn-count", imageModel("type: cnn, conv: [{filters: 8}], layerDropout: [0.1]"));
        bad("layer-dropout-value", model("hidden: [8], layerDropout: [1.5]"));
        bad("dropout-type", model("hidden: [8], dropoutType: cutout"));
        bad("spatial-mlp", model("hidden: [8], dropoutType: spatial"));
        bad("dropout-position", model("hidden: [8], dropoutPosition: middle"));
        bad("java-hidden", model("type: java, class: a.B, hidden: [8]"));
        bad("java-file", model("type: java, class: a.B, file: m.json"));
        bad("java-class-missing", model("type: java"));
        bad("java-class-name", model("type: java, class: '1abc'"));
        bad("java-dropout", model("type: java, class: a.B, dropout: 1"));
        bad("java-layer-dropout", model("type: java, class: a.B, layerDropout: [0.1, 1]"));
        bad("keras-hidden", model("type: keras, hidden: [8]"));
        bad("keras-class", model("type: keras, class: a.B"));
        bad("keras-file-missing", model("type: keras"));
        bad("l1", BASE + "regularization: {l1: -1}\n");
        bad("l2-infinite", BASE + "regularization: {l2: .inf}\n");
        bad("max-norm", BASE + "regularization: {maxNorm: -2}\n");
        bad("l2-and-weight-decay", BASE + "regularization: {l2: 1e-4, weightDecay: 1e-4}\n");
        bad("epochs-range", training("epochs: 100001"));
        bad("batch-size", training("batchSize: 0"));
        bad("optimizer-type", training("optimizer: {type: rmsprop}"));
        bad("learning-rate", training("optimizer: {learningRate: 0}"));
        bad("learning-rate-large", training("optimizer: {learningRate: 101}"));
        bad("momentum-range", training("optimizer: {type: nesterovs, momentum: 1}"));
        bad("momentum-adam", training("optimizer: {momentum: 0.9}"));
        bad("patience-range", training("earlyStopping: {patience: -1}"));
        bad("patience-no-validation", data("name: synthetic, validationSize: 0").replace("{epochs: 1}",
                "{epochs: 1, earlyStopping: {patience: 2}}"));
        bad("train-eval", training("trainEvalSamples: -1"));
        bad("bn-diagnostics-regression", data("name: diabetes").replace("{epochs: 1}",
                "{epochs: 1, bnDiagnostics: true}"));
        bad("loss-regression", data("name: diabetes").replace("{epochs: 1}", "{epochs: 1, loss: cross-entropy}"));
        bad("loss-classification", training("loss: mse"));
        bad("loss-choice", training("loss: hinge"));
        bad("seeds-empty", BASE + "seeds: []\n");
        bad("seeds-duplicate", BASE + "seeds: [1, 2, 1]\n");
        bad("seeds-not-integer", BASE + "seeds: [1, x]\n");
        bad("seeds-not-list", BASE + "seeds: 3\n");
        bad("adaptive-missing-max", BASE + "seeds: {initial: 3}\n");
        bad("adaptive-missing-initial", BASE + "seeds: {max: 5}\n");
        bad("adaptive-initial-count", BASE + "seeds: {initial: 1, max: 5}\n");
        bad("adaptive-initial-list", BASE + "seeds: {initial: [4], max: 5}\n");
        bad("adaptive-max", BASE + "seeds: {initial: 3, max: 3}\n");
        bad("adaptive-max-range", BASE + "seeds: {initial: 3, max: 101}\n");
        bad("adaptive-step", BASE + "seeds: {initial: 3, max: 5, step: 3}\n");
        bad("adaptive-unknown", BASE + "seeds: {initial: 3, max: 5, stride: 1}\n");
        bad("sweep-no-axes", BASE + "sweep: {mode: grid}\n");
        bad("sweep-mode", BASE + "sweep: {mode: bayes, axes: {model.dropout: [0.1]}}\n");
        bad("sweep-axis-unknown", BASE + "sweep: {axes: {model.dropuot: [0.1]}}\n");
        bad("sweep-axis-far", BASE + "sweep: {axes: {zzz: [0.1]}}\n");
        bad("sweep-axis-synonym", BASE + "sweep: {axes: {training.optimizer.lr: [0.1]}}\n");
        bad("sweep-axis-snake-case", BASE + "sweep: {axes: {regularization.weight_decay: [0.1]}}\n");
        bad("sweep-axis-seeds", BASE + "sweep: {axes: {seeds: [1, 2]}}\n");
        bad("sweep-axis-task", BASE + "sweep: {axes: {dataset.task: [classification]}}\n");
        bad("sweep-axis-folds", BASE + "sweep: {axes: {dataset.folds: [0, 2]}}\n");
        bad("sweep-values-not-list", BASE + "sweep: {axes: {model.dropout: 0.5}}\n");
        bad("sweep-values-empty", BASE + "sweep: {axes: {model.dropout: []}}\n");
        bad("sweep-value-duplicate", BASE + "sweep: {axes: {model.dropout: [0.5, 0.1, 0.50]}}\n");
        bad("sweep-value-bad", BASE + "sweep:\n  axes:\n    model.dropout: [0.0, 1.0]\n");
        bad("sweep-value-mapping", BASE + "sweep: {axes: {model: [{dropout: 0.1}, {dropuot: 0.2}]}}\n");
        bad("sweep-value-task", BASE + "sweep: {axes: {dataset.synthetic.shape: [blobs, friedman1]}}\n");
        bad("sweep-random-samples", BASE + "sweep: {mode: random, axes: {model.dropout: [0.1, 0.2]}}\n");
        bad("sweep-random-range", BASE + "sweep: {mode: random, samples: 3, axes: {model.dropout: [0.1, 0.2]}}\n");
        bad("sweep-samples-grid", BASE + "sweep: {samples: 3, axes: {model.dropout: [0.1, 0.2]}}\n");
        bad("sweep-seed", BASE + "sweep: {seed: 1.5, axes: {model.dropout: [0.1, 0.2]}}\n");
        bad("sweep-combination", BASE + "sweep: {axes: {regularization.l2: [0, 1e-4], "
                + "regularization.weightDecay: [0, 1e-4]}}\n");
        bad("baseline-not-mapping", SWEPT + "baseline: 0.5\n");
        bad("baseline-axis", SWEPT + "baseline: {model.dropot: 0.5}\n");
        bad("baseline-value", SWEPT + "baseline: {model.dropout: 0.2}\n");
        bad("baseline-not-drawn", SWEPT.replace("sweep: {", "sweep: {mode: random, samples: 1, seed: 1, ")
                + "baseline: {model.dropout: 0.5}\n");
        String expect = SWEPT + "expect:\n  - ";
        bad("expect-not-list", SWEPT + "expect: {claim: x}\n");
        bad("expect-item-not-mapping", SWEPT + "expect: [x]\n");
        bad("expect-claim", expect + "{metric: test_acc, higher: {model.dropout: 0.5}, than: {model.dropout: 0}}\n");
        bad("expect-metric-missing", expect + "{claim: c, higher: {model.dropout: 0.5}, than: {model.dropout: 0}}\n");
        bad("expect-metric", expect + "{claim: c, metric: acc, higher: {model.dropout: 0.5}, "
                + "than: {model.dropout: 0}}\n");
        bad("expect-metric-task", expect + "{claim: c, metric: test_rmse, higher: {model.dropout: 0.5}, "
                + "than: {model.dropout: 0}}\n");
        bad("expect-metric-task-regression", data("name: diabetes") + "sweep: {axes: {model.dropout: [0.0, 0.5]}}\n"
                + "expect:\n  - {claim: c, metric: test_acc, higher: {model.dropout: 0.5}, than: {model.dropout: 0}}\n");
        bad("expect-both-sides", expect + "{claim: c, metric: test_acc, higher: {model.dropout: 0.5}, "
                + "lower: {model.dropout: 0.5}, than: {model.dropout: 0}}\n");
        bad("expect-no-side", expect + "{claim: c, metric: test_acc, than: {model.dropout: 0}}\n");
        bad("expect-than", expect + "{claim: c, metric: test_acc, higher: {model.dropout: 0.5}}\n");
        bad("expect-threshold-missing", expect + "{claim: c, metric: epochs_to_val_acc, lower: {model.dropout: 0.5},"
                + " than: {model.dropout: 0}}\n");
        bad("expect-threshold-range", expect + "{claim: c, metric: epochs_to_val_acc, threshold: 0, "
                + "lower: {model.dropout: 0.5}, than: {model.dropout: 0}}\n");
        bad("expect-threshold-unused", expect + "{claim: c, metric: test_acc, threshold: 0.5, "
                + "higher: {model.dropout: 0.5}, than: {model.dropout: 0}}\n");
        bad("expect-rope", expect + "{claim: c, metric: test_acc, rope: -1, higher: {model.dropout: 0.5}, "
                + "than: {model.dropout: 0}}\n");
        bad("expect-selector", expect + "{claim: c, metric: test_acc, higher: 0.5, than: {model.dropout: 0}}\n");
        bad("expect-selector-no-axes", BASE + "expect:\n  - {claim: c, metric: test_acc, higher: {}, "
                + "than: {model.dropout: 0}}\n");
        bad("expect-selector-axis", expect + "{claim: c, metric: test_acc, higher: {model.dropuot: 0.5}, "
                + "than: {model.dropout: 0}}\n");
        bad("expect-selector-value", expect + "{claim: c, metric: test_acc, higher: {model.dropout: 0.2}, "
                + "than: {model.dropout: 0}}\n");
        bad("expect-same-sides", expect + "{claim: c, metric: test_acc, higher: {model.dropout: 0.5}, "
                + "than: {model.dropout: 0.5}}\n");
        bad("expect-unknown", expect + "{claim: c, metric: test_acc, higher: {model.dropout: 0.5}, "
                + "than: {model.dropout: 0}, thn: 1}\n");
        bad("expect-no-variant", BASE + "sweep: {mode: one-at-a-time, axes: {model.dropout: [0.0, 0.5], "
                + "regularization.l2: [0, 1e-4]}}\nbaseline: {model.dropout: 0.0, regularization.l2: 0}\n"
                + "expect:\n  - {claim: c, metric: test_acc, higher: {model.dropout: 0.5, regularization.l2: 1e-4}, "
                + "than: {model.dropout: 0}}\n");
        bad("statistics-rope", BASE + "statistics: {rope: -1}\n");
        bad("statistics-correction", BASE + "statistics: {correction: bonferroni}\n");
        String race = "name: t\n" + DATA + MODEL + "training: {epochs: 9}\n";
        bad("race-not-a-mapping", race + "sweep: {axes: {model.dropout: [0.0, 0.5]}, race: 3}\n");
        bad("race-unknown-key", race + "sweep: {axes: {model.dropout: [0.0, 0.5]}, race: {rule: test, etta: 2}}\n");
        bad("race-rule", race + "sweep: {axes: {model.dropout: [0.0, 0.5]}, race: {rule: best}}\n");
        bad("race-alpha", race + "sweep: {axes: {model.dropout: [0.0, 0.5]}, race: {alpha: 0.9}}\n");
        bad("race-rung-beyond-epochs", race + "sweep: {axes: {model.dropout: [0.0, 0.5]}, race: {rungs: [3, 9]}}\n");
        bad("race-rungs-order", race + "sweep: {axes: {model.dropout: [0.0, 0.5]}, race: {rungs: [3, 2]}}\n");
        bad("race-no-rung", BASE + "sweep: {axes: {model.dropout: [0.0, 0.5]}, race: true}\n");
        bad("race-variant-epochs", race + "sweep: {axes: {model.dropout: [0.0, 0.5], training.epochs: [9, 3]}, "
                + "race: true}\n");
        bad("race-no-validation", "name: t\ndataset: {name: synthetic, trainSize: 100, validationSize: 0, "
                + "testSize: 50}\n" + MODEL + "training: {epochs: 9}\nsweep: {axes: {model.dropout: [0.0, 0.5]}, "
                + "race: true}\n");
        bad("race-one-variant", race + "sweep: {axes: {model.dropout: [0.5]}, race: true}\n");
        bad("race-one-seed", race + "seeds: [1]\nsweep: {axes: {model.dropout: [0.0, 0.5]}, race: true}\n");
        bad("race-adaptive-seeds", race + "seeds: {initial: 3, max: 6}\nsweep: {axes: {model.dropout: [0.0, 0.5]}, "
                + "race: true}\n");
    }

    /** Keras cases: the model file is written under the temp directory. */
    private static final Map<String, String[]> KERAS = new LinkedHashMap<>();

    private static final String SEQUENTIAL = "{\"class_name\": \"Sequential\", \"config\": {\"layers\": [%s]}, "
            + "\"keras_version\": \"2.11.0\"}";

    private static String dense(int units, String activation) {
        return "{\"class_name\": \"Dense\", \"config\": {\"name\": \"d" + units + activation + "\", \"units\": " + units
                + ", \"activation\": \"" + activation + "\"}}";
    }

    private static String input(String shape) {
        return "{\"class_name\": \"InputLayer\", \"config\": {\"name\": \"in\", \"batch_input_shape\": [null, " + shape
                + "]}}";
    }

    private static final String CONV = "{\"class_name\": \"Conv2D\", \"config\": {\"name\": \"c\", \"filters\": 4, "
            + "\"kernel_size\": 3, \"padding\": \"same\", \"activation\": \"relu\"}}, {\"class_name\": \"Flatten\", "
            + "\"config\": {\"name\": \"f\"}}";

    /** A Keras case: the dataset line, extra model keys, lines after the model, and the file's layers. */
    private static void keras(String label, String dataset, String modelKeys, String after, String... layers) {
        KERAS.put(label, new String[]{dataset, modelKeys, after, SEQUENTIAL.formatted(String.join(", ", layers))});
    }

    static {
        keras("keras-cnn-tabular", DATA, "", "", input("28, 28, 1"), CONV, dense(3, "softmax"));
        keras("keras-regression-output", "dataset: {name: diabetes}\n", "", "", input("10"), dense(8, "relu"),
                dense(3, "softmax"));
        keras("keras-classes", DATA, "", "", input("20"), dense(8, "relu"), dense(5, "softmax"));
        keras("keras-input-shape", DATA, "", "", input("7"), dense(8, "relu"), dense(3, "softmax"));
        keras("keras-image-shape", IMAGE, "", "", input("28, 28, 3"), CONV, dense(10, "softmax"));
        keras("keras-layer-dropout", DATA, ", layerDropout: [0.1, 0.2]", "", input("20"), dense(8, "relu"),
                dense(3, "softmax"));
        keras("keras-spatial", DATA, ", dropoutType: spatial", "", input("20"), dense(8, "relu"), dense(3, "softmax"));
        keras("keras-dropout", DATA, ", dropout: 1", "", input("20"), dense(8, "relu"), dense(3, "softmax"));
        keras("keras-weight-decay", DATA, "", "regularization: {weightDecay: 1e-4}\n", input("20"), "{\"class_name\": \"Dense\", \"config\": {\"name\": \"d\", "
                + "\"units\": 8, \"activation\": \"relu\", \"kernel_regularizer\": {\"class_name\": \"L2\", "
                + "\"config\": {\"l2\": 0.01}}}}", "{\"class_name\": \"Dense\", \"config\": {\"name\": \"o\", "
                + "\"units\": 3, \"activation\": \"softmax\", \"kernel_regularizer\": {\"class_name\": \"L2\", "
                + "\"config\": {\"l2\": 0.01}}}}");
        keras("keras-activation", DATA, ", activation: softplus", "", input("20"), dense(8, "relu"), dense(3, "softmax"));
    }

    private static String message(Path tmp, String label, String yaml) throws IOException {
        Path file = tmp.resolve("x.yaml");
        Files.writeString(file, yaml);
        String m = assertThrows(ConfigException.class, () -> SweepExpander.expand(ConfigLoader.load(file)),
                label).getMessage();
        return m.replace(tmp.toString(), "TMP");
    }

    static Map<String, String> actual(Path tmp) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> c : CASES.entrySet()) {
            out.put(c.getKey(), message(tmp, c.getKey(), c.getValue()));
        }
        for (Map.Entry<String, String[]> k : KERAS.entrySet()) {
            String[] c = k.getValue();
            Files.writeString(tmp.resolve("m.json"), c[3]);
            out.put(k.getKey(), message(tmp, k.getKey(), "name: t\n" + c[0] + "model: {type: keras, file: m.json"
                    + c[1] + "}\n" + c[2] + TRAIN));
        }
        return out;
    }

    @Test
    void everyBinderErrorReadsAsRecorded(@TempDir Path tmp) throws IOException {
        Map<String, String> actual = actual(tmp);
        StringBuilder text = new StringBuilder();
        actual.forEach((k, v) -> text.append(k).append('\t').append(v.replace("\n", "\\n")).append('\n'));
        if (System.getenv("ABLATE4J_WRITE_GOLDEN") != null) {
            Files.writeString(GOLDEN, text, StandardCharsets.UTF_8);
        }
        assertEquals(Files.readString(GOLDEN, StandardCharsets.UTF_8), text.toString());
    }
}
