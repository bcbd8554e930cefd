package io.ablate4j.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ablate4j.config.ConfigLoader;
import io.ablate4j.config.Experiment;
import io.ablate4j.config.RawConfig;
import io.ablate4j.config.YamlLoader;
import io.ablate4j.sweep.Plan;
import io.ablate4j.sweep.SweepExpander;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A shipped preset rerun at toy size end to end: its expectations survive into the manifest and the report
 * gives each one a verdict. The numbers of such a run mean nothing; the machinery is what is tested.
 */
class PresetRerunTest {
    private static final Set<String> VERDICTS = Set.of("confirmed", "refuted",
            "inconclusive");

    @Test
    void reducedPresetGetsOneVerdictPerExpectation(@TempDir Path tmp) throws IOException {
        rerun("configs/ioffe-bn-learning-rate.yaml", 8, tmp, "dataset.trainSize", 300L, "dataset.validationSize",
                200L, "dataset.testSize", 200L, "model.hidden", List.of(16L, 16L, 16L), "training.epochs", 3L,
                "seeds", List.of(1L, 2L));
    }

    @Test
    void theRegressionPresetRunsAtToySizeWithVerdictsInRmse(@TempDir Path tmp) throws IOException {
        rerun("configs/regression-dropout-bn.yaml", 10, tmp, "training.epochs", 3L, "seeds", List.of(1L, 2L));
        assertTrue(Files.readString(tmp.resolve("summary.csv")).startsWith("model,variant_id,n,n_failed,n_diverged,"
                + "test_rmse_mean"));
    }

    @Test
    void theCrossValidationPresetRunsAtToySize(@TempDir Path tmp) throws IOException {
        rerun("configs/cv-dropout-rate.yaml", 5 * 2 * 3, tmp, "dataset.trainSize", 300L, "dataset.testSize", 200L,
                "dataset.folds", 3L, "model.hidden", List.of(16L), "training.epochs", 2L, "seeds", List.of(1L, 2L));
        assertTrue(Files.readString(tmp.resolve("report.md")).contains("Selected by cross-validated accuracy"));
    }

    /** The Keras-import preset: its JSON file is found relative to the config and trains as the mlp it maps to. */
    @Test
    void theKerasPresetRunsAtToySize(@TempDir Path tmp) throws IOException {
        rerun("configs/keras-dropout.yaml", 6 * 2, tmp, "dataset.trainSize", 300L, "dataset.validationSize", 200L,
                "dataset.testSize", 200L, "training.epochs", 2L, "seeds", List.of(1L, 2L));
    }

    /** keras.io's convnet, imported as written, end to end at toy size. */
    @Test
    void theKerasConvnetPresetRunsAtToySize(@TempDir Path tmp) throws IOException {
        rerun("configs/keras-mnist-convnet.yaml", 3 * 2, tmp, "dataset.trainSize", 200L, "dataset.validationSize", 100L,
                "dataset.testSize", 100L, "training.epochs", 1L, "seeds", List.of(1L, 2L));
    }

    /**
     * The table preset: a CSV file with a header and text class labels, no sizes stated, 5-fold CV, to a report;
     * the manifest names the classes and the file with its SHA-256.
     */
    @Test
    void theBreastCancerPresetRunsAtToySize(@TempDir Path tmp) throws IOException {
        rerun("configs/breast-cancer-dropout-bn-l2.yaml", 8 * 2 * 2, tmp, "dataset.folds", 2L, "model.hidden",
                List.of(8L), "training.epochs", 2L, "seeds", List.of(1L, 2L));
        String manifest = Files.readString(tmp.resolve(Manifest.FILE));
        assertTrue(manifest.contains("\"classNames\" : [ \"benign\", \"malignant\" ]"), manifest);
        assertTrue(manifest.contains("\"path\" : \"datasets/breast-cancer/breast_cancer.csv\",\n      \"sha256\" : "
                + "\"af399a019264f7999e6b395ee90576e46564867aa4c8a40797c96be87dc1be55\""), manifest);
    }

    /**
     * Issue 26's test of done: scikit-learn's breast-cancer CSV (header, text labels) in a config written by hand
     * without sizes or baseline, whose base writes no dropout: the baseline is the variant with the default (0), the
     * second of the axis; the log says so; the report opens with the decision.
     */
    @Test
    void aTableWrittenByHandWithoutSizesOrBaselineReportsItsDecisionFirst(@TempDir Path tmp) throws IOException {
        System.setProperty("java.awt.headless", "true");
        Path csv = Path.of("datasets/breast-cancer/breast_cancer.csv").toAbsolutePath();
        Path config = tmp.resolve("mine.yaml");
        Files.writeString(config, "name: mine\n"
                + "dataset: {name: csv, csv: {trainFile: " + csv + ", labelColumn: diagnosis}}\n"
                + "model: {hidden: [8]}\n"
                + "training: {epochs: 2, batchSize: 32}\n"
                + "seeds: [1, 2]\n"
                + "sweep: {axes: {model.dropout: [0.5, 0]}}\n");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Path out = tmp.resolve("run");
        RunOptions options = new RunOptions(out, 2, RunOptions.Mode.AUTO, true,
                new PrintStream(log, true, StandardCharsets.UTF_8), false);
        RunResult result = new Runner(options).run(List.of(config)).get(0);
        assertEquals(4, result.ok());
        String console = log.toString(StandardCharsets.UTF_8);
        assertTrue(console.contains("mine: baseline: model.dropout=0 (the base config's values)"), console);
        String manifest = Files.readString(out.resolve(Manifest.FILE));
        assertTrue(manifest.contains("\"baselineSource\" : \"base-config\""), manifest);
        String md = Files.readString(out.resolve("report.md"));
        List<String> headings = md.lines().filter(l -> l.startsWith("## ")).toList();
        assertEquals("## Decision", headings.get(0), headings.toString());
        assertTrue(md.contains("Against the baseline (model.dropout=0: the base config's values), of 1 variant(s): "
                + "test accuracy "), md);
        assertTrue(md.contains("| model.dropout: 0 → 0.5 | 2 |"), md);
        assertTrue(md.contains("classification of 2 classes (benign, malignant)"), md);
    }

    /** Reruns a shipped preset with overrides (key, value pairs) and checks one verdict per expectation. */
    private static void rerun(String config, int trials, Path tmp, Object... overrides) throws IOException {
        System.setProperty("java.awt.headless", "true");
        RawConfig raw = YamlLoader.load(Path.of(config));
        for (int i = 0; i < overrides.length; i += 2) {
            raw = raw.with((String) overrides[i], overrides[i + 1], "test override", 1);
        }
        Experiment experiment = ConfigLoader.bind(raw);
        Plan plan = SweepExpander.expand(experiment);
        assertEquals(trials, plan.trials().size());
        RunOptions options = new RunOptions(tmp, 2, RunOptions.Mode.AUTO, true,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), false);
        RunResult result = new Runner(options).run(plan);
        assertEquals(trials, result.ok());

        assertTrue(Files.readString(tmp.resolve(Manifest.FILE)).contains("\"expectations\""));
        List<CSVRecord> rows;
        try (CSVParser csv = CSVParser.parse(tmp.resolve("expectations.csv"), StandardCharsets.UTF_8,
                CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build())) {
            rows = csv.getRecords();
        }
        assertEquals(experiment.expectations().size(), rows.size());
        for (int i = 0; i < rows.size(); i++) {
            assertEquals(experiment.expectations().get(i).claim(), rows.get(i).get("claim"));
            assertTrue(VERDICTS.contains(rows.get(i).get("verdict")), rows.get(i).toString());
        }
        String md = Files.readString(tmp.resolve("report.md"));
        assertTrue(md.contains("Claims"), "report.md has the Claims section");
    }
}
