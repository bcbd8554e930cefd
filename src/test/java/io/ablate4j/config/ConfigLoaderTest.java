package io.ablate4j.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ablate4j.config.Enums.BatchNorm;
import io.ablate4j.config.Enums.DropoutPosition;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigLoaderTest {
    static final String MINIMAL = """
            name: t
            dataset: {name: synthetic, trainSize: 100, validationSize: 20, testSize: 50}
            model: {type: mlp, hidden: [8]}
            training: {epochs: 1}
            """;

    static String error(String yaml) {
        return assertThrows(ConfigException.class, () -> ConfigLoader.parse("x.yaml", yaml)).getMessage();
    }

    static void assertMentions(String message, String... parts) {
        for (String part : parts) {
            assertTrue(message.contains(part), () -> "expected '" + part + "' in: " + message);
        }
    }

    @Test
    void minimalConfigGetsTheDocumentedDefaults() {
        Experiment e = ConfigLoader.parse("x.yaml", MINIMAL);
        assertEquals("t", e.name());
        assertEquals(List.of(1L, 2L, 3L), e.seeds());
        ModelConfig m = e.base().model();
        assertEquals(List.of(8), m.hidden());
        assertEquals(0.0, m.dropout());
        assertEquals(BatchNorm.NONE, m.batchNorm());
        assertEquals(DropoutPosition.AFTER_BN, m.dropoutPosition());
        assertEquals((int) Schema.Training.BATCH_SIZE.defaultValue(), e.base().training().batchSize());
        assertEquals((double) Schema.Optimizer.LEARNING_RATE.defaultValue(), e.base().training().optimizer().learningRate());
        assertEquals(RegularizationConfig.NONE, e.base().regularization());
    }

    @Test
    void dropoutOfOneIsRejectedWithFileLinePathValueAndRule() {
        String m = error(MINIMAL.replace("hidden: [8]", "hidden: [8], dropout: 1.0"));
        assertMentions(m, "x.yaml:3: model.dropout = 1", "drop probability must be in [0, 1)");
    }

    @Test
    void unknownKeySuggestsTheClosestOne() {
        String m = error(MINIMAL.replace("hidden: [8]", "hidden: [8], dropuot: 0.5"));
        assertMentions(m, "x.yaml:3", "model.dropuot", "unknown key", "did you mean 'dropout'?", "Allowed here:");
    }

    @Test
    void unknownTopLevelKeyIsCaught() {
        assertMentions(error(MINIMAL + "regularisation: {l2: 0.1}\n"), "x.yaml:5", "regularisation", "'regularization'");
    }

    @Test
    void wrongTypesAndEnumsSayWhatIsAllowed() {
        assertMentions(error(MINIMAL.replace("epochs: 1", "epochs: ten")), "training.epochs = ten", "whole number");
        assertMentions(error(MINIMAL.replace("epochs: 1", "epochs: 0")), "training.epochs = 0", "in [1, 100000]");
        assertMentions(error(MINIMAL.replace("type: mlp", "type: rnn")), "model.type = rnn", "mlp | cnn");
        assertMentions(error(MINIMAL.replace("hidden: [8]", "hidden: [8], batchNorm: before")),
                "model.batchNorm = before", "none | before-activation | after-activation");
        assertMentions(error(MINIMAL.replace("hidden: [8]", "hidden: [8, -1]")), "model.hidden[1] = -1");
        assertMentions(error(MINIMAL.replace("hidden: [8]", "hidden: 8")), "model.hidden = 8", "must be a list");
    }

    @Test
    void l2AndWeightDecayTogetherAreRejected() {
        String m = error(MINIMAL + "regularization: {l2: 1e-4, weightDecay: 1e-4}\n");
        assertMentions(m, "x.yaml:5", "regularization.weightDecay", "exclude each other");
    }

    @Test
    void yamlTagsCannotConstructTypes() {
        assertMentions(error(MINIMAL + "description: !!javax.script.ScriptEngineManager [x]\n"), "x.yaml:5",
                "tag", "not allowed");
        assertMentions(error(MINIMAL + "description: !custom hello\n"), "not allowed");
    }

    @Test
    void duplicateKeysAreRejected() {
        assertMentions(error(MINIMAL + "name: again\n"), "x.yaml:5", "name", "duplicate key", "line 1");
    }

    @Test
    void aliasExpansionIsBounded() {
        StringBuilder bomb = new StringBuilder("a0: &a0 [1, 2]\n");
        for (int i = 1; i < 60; i++) {
            bomb.append("a").append(i).append(": &a").append(i).append(" [*a").append(i - 1).append(", *a").append(i - 1)
                    .append("]\n");
        }
        String m = error(bomb.toString());
        assertMentions(m, "x.yaml", "aliases");
    }

    @Test
    void sweepAxisTyposAreCaughtWithASuggestion() {
        String m = error(MINIMAL + "sweep: {axes: {model.dropuot: [0.0, 0.5]}}\n");
        assertMentions(m, "sweep.axes.model.dropuot", "did you mean 'model.dropout'?");
    }

    @Test
    void badSweepValueNamesItsIndex() {
        String m = error(MINIMAL + "sweep:\n  axes:\n    model.dropout: [0.0, 0.5, 1.0]\n");
        assertMentions(m, "x.yaml:7", "sweep.axes.model.dropout[2] = 1", "[0, 1)");
    }

    @Test
    void seedsAreNotASweepAxis() {
        assertMentions(error(MINIMAL + "sweep: {axes: {seeds: [1, 2]}}\n"), "seeds are replicates");
    }

    @Test
    void baselineMustBeOnTheGrid() {
        String m = error(MINIMAL + "sweep: {axes: {model.dropout: [0.2, 0.5]}}\nbaseline: {model.dropout: 0.0}\n");
        assertMentions(m, "baseline.model.dropout = 0", "not one of the axis values [0.2, 0.5]");
        assertMentions(error(MINIMAL + "sweep: {axes: {model.dropout: [0.2]}}\nbaseline: {model.dropot: 0.2}\n"),
                "not a sweep axis", "'model.dropout'");
    }

    @Test
    void crossFieldRulesAreChecked() {
        assertMentions(error(MINIMAL.replace("hidden: [8]", "hidden: [8], dropoutType: spatial")),
                "model.dropoutType = spatial", "conv");
        assertMentions(error(MINIMAL.replace("type: mlp", "type: cnn")), "model.type = cnn", "image dataset");
        assertMentions(error(MINIMAL.replace("hidden: [8]", "hidden: [8, 8], layerDropout: [0.1]")),
                "model.layerDropout", "one drop probability per block (2");
        assertMentions(error(MINIMAL.replace("validationSize: 20", "validationSize: 0")
                .replace("epochs: 1", "epochs: 1, earlyStopping: {patience: 2}")), "training.earlyStopping.patience",
                "validationSize > 0");
        assertMentions(error(MINIMAL.replace("epochs: 1", "epochs: 1, optimizer: {type: adam, momentum: 0.9}")),
                "training.optimizer.momentum", "only nesterovs");
        assertMentions(error(MINIMAL.replace("testSize: 50", "testSize: 50, augment: {shiftPixels: 2}")),
                "dataset.augment", "image datasets only");
        assertMentions(error(MINIMAL + "seeds: [1, 1]\n"), "seeds[1] = 1", "duplicate seed");
    }

    @Test
    void emptyAndNonMappingDocumentsAreRejected() {
        assertMentions(error(""), "x.yaml:1", "empty");
        assertMentions(error("- a\n- b\n"), "must be a mapping");
        assertMentions(error("name: t\n"), "dataset: missing section");
        assertMentions(error("name: [unclosed\n"), "x.yaml:", "invalid YAML");
    }

    @Test
    void numbersCompareByValueInSweepsAndBaselines() {
        Experiment e = ConfigLoader.parse("x.yaml", MINIMAL
                + "sweep: {axes: {regularization.l2: [0, 1e-3]}}\nbaseline: {regularization.l2: 0.0}\n");
        assertEquals(0L, e.baseline().get("regularization.l2"));
    }

    @Test
    void bnDiagnosticsIsOffByDefaultOptInAndChecked() {
        assertEquals(false, ConfigLoader.parse("x.yaml", MINIMAL).base().training().bnDiagnostics());
        String on = MINIMAL.replace("training: {epochs: 1}", "training: {epochs: 1, bnDiagnostics: true}");
        assertEquals(true, ConfigLoader.parse("x.yaml", on).base().training().bnDiagnostics());
        assertMentions(error(MINIMAL.replace("training: {epochs: 1}", "training: {epochs: 1, bnDiagnostics: maybe}")),
                "bnDiagnostics", "maybe", "must be true or false");
    }

    @Test
    void javaTemplatesNameTheirClassAndLeaveTheArchitectureToIt() {
        String java = MINIMAL.replace("{type: mlp, hidden: [8]}", "{type: java, class: com.example.Net, "
                + "layerDropout: [0.1, 0.2, 0.3], batchNorm: before-activation}");
        ModelConfig m = ConfigLoader.parse("x.yaml", java).base().model();
        assertEquals("com.example.Net", m.templateClass());
        assertEquals(0.3, m.blockDropRate(2));
        assertMentions(assertThrows(IllegalArgumentException.class, () -> m.blockDropRate(3)).getMessage(),
                "model.layerDropout lists 3 blocks");
        assertMentions(error(MINIMAL.replace("{type: mlp, hidden: [8]}", "{type: java}")), "x.yaml:3: model.class",
                "required with type: java");
        assertMentions(error(MINIMAL.replace("{type: mlp, hidden: [8]}", "{type: java, class: com.example.Net, "
                + "hidden: [8]}")), "model.hidden = [8]: a java template builds its own layers");
        assertMentions(error(MINIMAL.replace("{type: mlp, hidden: [8]}", "{type: java, class: 'not a class'}")),
                "model.class = not a class: not a Java class name");
        assertMentions(error(MINIMAL.replace("hidden: [8]", "hidden: [8], class: com.example.Net")),
                "model.class = com.example.Net: a template class needs type: java");
    }
}
