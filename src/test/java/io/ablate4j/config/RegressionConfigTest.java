package io.ablate4j.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ablate4j.config.Enums.Loss;
import io.ablate4j.config.Enums.Task;
import io.ablate4j.sweep.Ids;
import io.ablate4j.sweep.SweepExpander;
import org.junit.jupiter.api.Test;

/** The regression and cross-validation keys: defaults, what each task allows, and located errors. */
class RegressionConfigTest {
    static final String FRIEDMAN = """
            name: r
            dataset: {name: synthetic, trainSize: 100, validationSize: 20, testSize: 50, synthetic: {shape: friedman1}}
            model: {type: mlp, hidden: [8]}
            training: {epochs: 1}
            """;
    static final String BLOBS = """
            name: c
            dataset: {name: synthetic, trainSize: 100, validationSize: 20, testSize: 50}
            model: {type: mlp, hidden: [8]}
            training: {epochs: 1}
            """;

    private static String error(String yaml) {
        return ConfigLoaderTest.error(yaml);
    }

    private static void assertMentions(String message, String... parts) {
        ConfigLoaderTest.assertMentions(message, parts);
    }

    @Test
    void friedmanAndDiabetesAreRegressionsTrainedOnMseByDefault() {
        Experiment f = ConfigLoader.parse("x.yaml", FRIEDMAN);
        assertEquals(Task.REGRESSION, f.base().dataset().task());
        assertEquals(Loss.MSE, f.base().training().loss());
        assertEquals(10, f.base().dataset().synthetic().features());
        Experiment d = ConfigLoader.parse("x.yaml", FRIEDMAN.replace(
                "{name: synthetic, trainSize: 100, validationSize: 20, testSize: 50, synthetic: {shape: friedman1}}",
                "{name: diabetes}"));
        assertEquals(Task.REGRESSION, d.base().dataset().task());
        assertEquals(Schema.Dataset.DIABETES_TRAIN_SIZE + Schema.Dataset.DIABETES_VALIDATION_SIZE
                        + Schema.Dataset.DIABETES_TEST_SIZE,
                d.base().dataset().trainSize() + d.base().dataset().validationSize() + d.base().dataset().testSize());
        Experiment h = ConfigLoader.parse("x.yaml", FRIEDMAN.replace("epochs: 1", "epochs: 1, loss: huber"));
        assertEquals(Loss.HUBER, h.base().training().loss());
    }

    @Test
    void classificationConfigsKeepTheirIdsWhenTheNewKeysAreAtTheirDefaults() {
        Experiment plain = ConfigLoader.parse("x.yaml", BLOBS);
        Experiment spelled = ConfigLoader.parse("x.yaml", BLOBS.replace("testSize: 50}", "testSize: 50, "
                + "task: classification, folds: 0, standardizeTarget: false}").replace("epochs: 1",
                "epochs: 1, loss: cross-entropy"));
        String a = Ids.canonicalJson(plain.base().toMap());
        assertEquals(a, Ids.canonicalJson(spelled.base().toMap()));
        assertFalse(a.contains("task") || a.contains("folds") || a.contains("loss"), a);
    }

    @Test
    void aRegressionLossOnAClassificationDatasetIsALocatedError() {
        assertMentions(error(BLOBS.replace("epochs: 1", "epochs: 1, loss: mse")), "x.yaml:4", "training.loss = mse",
                "classification", "cross-entropy", "dataset.task: regression");
        assertMentions(error(FRIEDMAN.replace("epochs: 1", "epochs: 1, loss: cross-entropy")), "training.loss",
                "mse, mae or huber");
        assertMentions(error(BLOBS.replace("epochs: 1", "epochs: 1, loss: hinge")), "training.loss = hinge",
                "cross-entropy | mse | mae | huber");
    }

    @Test
    void aTaskTheDataCannotBeIsAnError() {
        assertMentions(error(BLOBS.replace("testSize: 50}", "testSize: 50, task: regression}")), "dataset.task",
                "friedman1");
        assertMentions(error(FRIEDMAN.replace("testSize: 50,", "testSize: 50, task: classification,")),
                "dataset.task = classification", "real-valued target");
        assertMentions(error(FRIEDMAN.replace("{shape: friedman1}", "{shape: friedman1, classes: 4}")),
                "dataset.synthetic.classes", "regression");
    }

    @Test
    void foldsAreCheckedWhereTheyAreWritten() {
        assertMentions(error(BLOBS.replace("testSize: 50}", "testSize: 50, folds: 1}")), "dataset.folds = 1",
                "K >= 2");
        assertMentions(error(BLOBS.replace("testSize: 50}", "testSize: 50, folds: 5}")), "dataset.validationSize = 20",
                "exclude each other");
        assertMentions(error(BLOBS.replace("validationSize: 20, testSize: 50}", "testSize: 50, folds: 101}")),
                "dataset.folds = 101", "more folds than the 100 training examples");
        Experiment cv = ConfigLoader.parse("x.yaml", BLOBS.replace("validationSize: 20, testSize: 50}",
                "testSize: 50, folds: 5}").replace("epochs: 1", "epochs: 3, earlyStopping: {patience: 1}"));
        assertEquals(5, cv.base().dataset().folds());
        assertEquals(0, cv.base().dataset().validationSize());
        assertEquals(5 * 3, SweepExpander.expand(cv).trials().size(), "one trial per seed and fold");
    }

    @Test
    void csvRegressionNamesItsTargetWithTargetColumn() {
        String csv = """
                name: t
                dataset: {name: csv, task: regression, trainSize: 10, validationSize: 0, testSize: 5,
                          csv: {trainFile: data.csv, targetColumn: price}}
                model: {type: mlp, hidden: [8]}
                training: {epochs: 1}
                """;
        Experiment e = ConfigLoader.parse("x.yaml", csv);
        assertEquals("price", e.base().dataset().csv().targetColumn());
        assertEquals("2", ConfigLoader.parse("x.yaml", csv.replace("price", "2")).base().dataset().csv()
                .targetColumn());
        assertMentions(error(csv.replace("targetColumn: price", "labelColumn: 0")), "dataset.csv.labelColumn",
                "targetColumn");
        assertMentions(error(csv.replace("task: regression, ", "")), "dataset.csv.targetColumn",
                "set task: regression");
        assertMentions(error(csv.replace("targetColumn: price}", "targetColumn: price, header: false}")),
                "needs header: true");
    }

    @Test
    void optionsThatNeedTheOtherTaskAreRejected() {
        assertMentions(error(BLOBS.replace("testSize: 50}", "testSize: 50, standardizeTarget: true}")),
                "dataset.standardizeTarget", "classification");
        assertMentions(error(FRIEDMAN.replace("epochs: 1", "epochs: 1, bnDiagnostics: true")),
                "training.bnDiagnostics", "regression");
        String claim = """
                seeds: [1, 2]
                sweep: {axes: {model.dropout: [0.0, 0.5]}}
                expect:
                  - {claim: dropout helps, metric: test_acc, higher: {model.dropout: 0.5}, than: {model.dropout: 0.0}}
                """;
        assertMentions(error(FRIEDMAN + claim), "expect[0].metric = test_acc", "classification metric",
                "test_rmse");
        assertMentions(error(BLOBS + claim.replace("test_acc", "test_rmse")), "expect[0].metric = test_rmse",
                "regression metric");
        ConfigLoader.parse("x.yaml", FRIEDMAN + claim.replace("test_acc, higher", "test_rmse, lower"));
    }

    @Test
    void taskAndFoldsAreNotSweepAxes() {
        assertMentions(error(BLOBS + "sweep: {axes: {dataset.folds: [0, 5]}}\n"), "sweep.axes.dataset.folds",
                "not sweepable");
        assertMentions(error(BLOBS.replace("trainSize: 100, validationSize: 20, testSize: 50", "trainSize: 100, "
                + "validationSize: 20, testSize: 100") + "sweep: {axes: {dataset.name: [synthetic, diabetes]}}\n"),
                "sweep.axes.dataset.name[1] = diabetes", "gives a regression where the base config is a classification");
    }
}
