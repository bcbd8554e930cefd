package io.ablate4j.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ablate4j.config.Schema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a reader of a table's report sees first, on the committed breast-cancer run (a CSV with text labels, no
 * baseline written, 5-fold CV): the decision, then the experiment with only the settings that say what was
 * trained, the classes by name.
 */
class ReportLayoutTest {
    @TempDir
    static Path dir;
    private static String md;
    private static String html;

    @BeforeAll
    static void generate() throws IOException {
        System.setProperty("java.awt.headless", "true");
        Path committed = Path.of("results/breast-cancer-dropout-bn-l2");
        for (String f : List.of("manifest.json", "trials.csv", "epochs.csv")) {
            Files.copy(committed.resolve(f), dir.resolve(f));
        }
        ReportResult r = Report.generate(dir);
        md = Files.readString(r.markdown());
        html = Files.readString(r.html());
    }

    @Test
    void theReportOpensWithTheDecisionAndTheExperimentFollowsIt() {
        List<String> headings = md.lines().filter(l -> l.startsWith("## ")).toList();
        assertEquals("## Decision", headings.get(0), headings.toString());
        assertTrue(headings.indexOf("## Experiment") > 0, headings.toString());
        assertTrue(html.indexOf("id=\"decision\"") < html.indexOf("id=\"experiment\""));
        assertTrue(md.contains("**Each change against the baseline: test accuracy and the overfitting gap**"));
    }

    @Test
    void theExperimentTableHoldsTheSettingsAReaderNeedsAndNoDefaults() {
        String experiment = md.substring(md.indexOf("## Experiment"), md.indexOf("## Verdict"));
        assertTrue(experiment.contains("| task | classification of 2 classes (benign, malignant): scored by "
                + "accuracy |"), experiment);
        assertTrue(experiment.contains("| dataset (base) | name csv, folds 5, normalize standardize, csv.trainFile "
                + "../datasets/breast-cancer/breast\\_cancer.csv, csv.labelColumn diagnosis |"), experiment);
        assertTrue(experiment.contains("| model (base) | type mlp, hidden \\[64,32\\], activation relu |"), experiment);
        assertTrue(experiment.contains("| regularization (base) | all at their defaults |"), experiment);
        assertTrue(experiment.contains("| training (base) | epochs 60, batchSize 32, optimizer.type adam, "
                + "optimizer.learningRate 0.001 |"), experiment);
        for (String noise : List.of("delimiter", "numClasses", "testFile", "header true", "augment", "patience",
                "trainEvalSamples", "dropoutType", "validationSize", "Resolved base configuration")) {
            assertFalse(experiment.contains(noise), noise + " in " + experiment);
            assertFalse(html.substring(html.indexOf("id=\"experiment\""), html.indexOf("id=\"verdict\""))
                    .contains(noise), noise + " in the HTML");
        }
        assertTrue(experiment.contains("are in manifest.json under config"), experiment);
    }

    @Test
    void aManifestThatDescribesTheDataShowsItAndLeavesTheSizesToIt(@TempDir Path other) throws IOException {
        for (String f : List.of("trials.csv", "epochs.csv")) {
            Files.copy(dir.resolve(f), other.resolve(f));
        }
        String manifest = Files.readString(dir.resolve("manifest.json")).replace("\"classNames\"",
                "\"dataDescription\" : \"csv (breast_cancer.csv) fold 1/5 train 364 / val 91 / test 114 (sizes from "
                        + "its 569 rows: test 20%, train the rest)\",\n  \"classNames\"")
                .replace("\"baselineVariant\"", "\"baselineSource\" : \"base-config\",\n  \"baselineVariant\"");
        Files.writeString(other.resolve("manifest.json"), manifest);
        String text = Files.readString(Report.generate(other).markdown());
        assertTrue(text.contains("| data | csv (breast\\_cancer.csv) fold 1/5 train 364 / val 91 / test 114 (sizes "
                + "from its 569 rows: test 20%, train the rest) |"), text);
        assertTrue(text.contains("| baseline | model.dropout=0, model.batchNorm=none, regularization.l2=0 (the base "
                + "config's values) |"), text);
        assertTrue(text.contains("Against the baseline (model.dropout=0, model.batchNorm=none, regularization.l2=0: "
                + "the base config's values), of 7 variant(s)"), text);
    }

    @Test
    void schemaDefaultsAreRecognisedAsAResolvedConfigWritesThem() {
        assertTrue(Schema.isDefault("dataset.csv.delimiter", ","));
        assertTrue(Schema.isDefault("dataset.csv.numClasses", 0));
        assertTrue(Schema.isDefault("dataset.augment.rotateDegrees", 0.0), "numbers by value");
        assertTrue(Schema.isDefault("model.batchNorm", "none"), "choices by their YAML spelling");
        assertFalse(Schema.isDefault("dataset.normalize", "standardize"));
        assertFalse(Schema.isDefault("dataset.csv.testFile", null), "no plain default");
        assertFalse(Schema.isDefault("dataset.nonsense", 0), "not a key");
    }
}
