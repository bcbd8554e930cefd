package io.ablate4j.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ablate4j.config.Enums.ExpectMetric;
import io.ablate4j.sweep.SweepExpander;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code expect:}: binding, and errors that name the item, key path, value and what is allowed. */
class ExpectationConfigTest {
    private static final String BASE = """
            name: t
            dataset: {name: synthetic, trainSize: 100, validationSize: 20, testSize: 50}
            model: {type: mlp, hidden: [8]}
            training: {epochs: 1}
            sweep:
              axes:
                model: [{inputDropout: 0.0, dropout: 0.0}, {inputDropout: 0.2, dropout: 0.5}]
                dataset.trainSize: [50, 100]
            expect:
            """;

    private static String error(String items) {
        return assertThrows(ConfigException.class, () -> SweepExpander.expand(ConfigLoader.parse("x.yaml",
                BASE + items))).getMessage();
    }

    private static void assertMentions(String message, String... parts) {
        for (String part : parts) {
            assertTrue(message.contains(part), () -> "expected '" + part + "' in: " + message);
        }
    }

    @Test
    void expectationsBindWithTheAxesOwnValues() {
        Experiment e = ConfigLoader.parse("x.yaml", BASE + """
                  - claim: dropout helps at 50
                    metric: test_acc
                    higher: {model: {inputDropout: 0.2, dropout: 0.5}, dataset.trainSize: 50}
                    than: {model: {inputDropout: 0, dropout: 0}, dataset.trainSize: 50.0}
                  - claim: faster
                    metric: epochs_to_val_acc
                    threshold: 0.8
                    lower: {dataset.trainSize: 100}
                    than: {dataset.trainSize: 50}
                """);
        assertEquals(2, e.expectations().size());
        Expectation first = e.expectations().get(0);
        assertEquals(ExpectMetric.TEST_ACC, first.metric());
        assertEquals(Expectation.Direction.HIGHER, first.direction());
        assertTrue(Double.isNaN(first.threshold()));
        assertEquals(Map.of("model", "{inputDropout: 0, dropout: 0}", "dataset.trainSize", "50"),
                first.thanCells());
        Expectation second = e.expectations().get(1);
        assertEquals(Expectation.Direction.LOWER, second.direction());
        assertEquals(0.8, second.threshold());
        SweepExpander.expand(e);
    }

    @Test
    void selectorValueNotOnTheAxisNamesItsPath() {
        assertMentions(error("""
                  - claim: c
                    metric: test_acc
                    higher: {model.dropout: 0.5}
                    than: {dataset.trainSize: 50}
                """), "x.yaml:12: expect[0].higher.model.dropout = 0.5", "not a sweep axis",
                "Axes: model, dataset.trainSize");
        assertMentions(error("""
                  - claim: c
                    metric: test_acc
                    higher: {dataset.trainSize: 75}
                    than: {dataset.trainSize: 50}
                """), "x.yaml:12: expect[0].higher.dataset.trainSize = 75", "not one of the axis values [50, 100]");
        assertMentions(error("""
                  - claim: c
                    metric: test_acc
                    higher: {model: {inputDropout: 0.2, dropout: 0.4}}
                    than: {dataset.trainSize: 50}
                """), "expect[0].higher.model = {inputDropout: 0.2, dropout: 0.4}", "not one of the axis values");
    }

    @Test
    void unknownKeysAndMetricsAreRejected() {
        assertMentions(error("""
                  - claim: c
                    metric: test_acc
                    higher: {dataset.trainSize: 100}
                    than: {dataset.trainSize: 50}
                    treshold: 0.8
                """), "x.yaml:14: expect[0].treshold", "unknown key", "did you mean 'threshold'?");
        assertMentions(error("""
                  - claim: c
                    metric: test_accuracy
                    higher: {dataset.trainSize: 100}
                    than: {dataset.trainSize: 50}
                """), "x.yaml:11: expect[0].metric = test_accuracy", "must be one of test_acc | val_acc");
    }

    @Test
    void directionThanAndThresholdAreChecked() {
        assertMentions(error("""
                  - claim: c
                    metric: test_acc
                    higher: {dataset.trainSize: 100}
                    lower: {dataset.trainSize: 100}
                    than: {dataset.trainSize: 50}
                """), "expect[0].lower", "exactly one of higher: or lower:");
        assertMentions(error("""
                  - claim: c
                    metric: test_acc
                    higher: {dataset.trainSize: 100}
                """), "expect[0].than", "required");
        assertMentions(error("""
                  - claim: c
                    metric: epochs_to_val_acc
                    lower: {dataset.trainSize: 100}
                    than: {dataset.trainSize: 50}
                """), "expect[0].threshold", "epochs_to_val_acc needs threshold");
        assertMentions(error("""
                  - claim: c
                    metric: test_acc
                    threshold: 0.8
                    higher: {dataset.trainSize: 100}
                    than: {dataset.trainSize: 50}
                """), "expect[0].threshold = 0.8", "only used with metric: epochs_to_val_acc");
        assertMentions(error("""
                  - claim: c
                    metric: test_acc
                    higher: {dataset.trainSize: 100}
                    than: {dataset.trainSize: 100.0}
                """), "expect[0].than", "selects the same variants");
        assertMentions(error("""
                  - metric: test_acc
                    higher: {dataset.trainSize: 100}
                    than: {dataset.trainSize: 50}
                """), "expect[0].claim", "required");
    }

    @Test
    void selectorThatMatchesNoVariantOfAOneAtATimeSweepIsRejected() {
        String yaml = BASE.replace("sweep:\n", "sweep:\n  mode: one-at-a-time\n") + """
                  - claim: c
                    metric: test_acc
                    higher: {model: {inputDropout: 0.2, dropout: 0.5}, dataset.trainSize: 50}
                    than: {dataset.trainSize: 100}
                baseline: {model: {inputDropout: 0.0, dropout: 0.0}, dataset.trainSize: 100}
                """;
        String m = assertThrows(ConfigException.class, () -> SweepExpander.expand(ConfigLoader.parse("x.yaml",
                yaml))).getMessage();
        assertMentions(m, "expect[0].higher", "matches no variant of the one-at-a-time sweep");
    }

    @Test
    void ropeAndStatisticsBind() {
        Experiment e = ConfigLoader.parse("x.yaml", BASE + """
                  - claim: dropout helps
                    metric: test_acc
                    higher: {dataset.trainSize: 100}
                    than: {dataset.trainSize: 50}
                    rope: 0.5
                statistics: {rope: 1.0, correction: benjamini-hochberg}
                """);
        assertEquals(0.5, e.expectations().get(0).rope());
        assertEquals(1.0, e.statistics().rope());
        assertEquals(Enums.Correction.BENJAMINI_HOCHBERG, e.statistics().correction());
        Experiment defaults = ConfigLoader.parse("x.yaml", BASE + """
                  - claim: dropout helps
                    metric: test_acc
                    higher: {dataset.trainSize: 100}
                    than: {dataset.trainSize: 50}
                """);
        assertTrue(Double.isNaN(defaults.expectations().get(0).rope()));
        assertEquals(StatisticsConfig.DEFAULT, defaults.statistics());
    }

    @Test
    void badRopeAndCorrectionAreLocatedErrors() {
        assertMentions(error("""
                  - claim: dropout helps
                    metric: test_acc
                    higher: {dataset.trainSize: 100}
                    than: {dataset.trainSize: 50}
                    rope: -1
                """), "x.yaml:14", "expect[0].rope", "-1", "region of practical equivalence");
        assertMentions(error("""
                  - claim: dropout helps
                    metric: test_acc
                    higher: {dataset.trainSize: 100}
                    than: {dataset.trainSize: 50}
                statistics: {correction: bonferroni}
                """), "statistics.correction", "bonferroni", "holm | benjamini-hochberg");
        assertMentions(error("""
                  - claim: dropout helps
                    metric: test_acc
                    higher: {dataset.trainSize: 100}
                    than: {dataset.trainSize: 50}
                statistics: {ropes: 1}
                """), "statistics.ropes", "rope");
    }
}
