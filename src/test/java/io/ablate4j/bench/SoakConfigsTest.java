package io.ablate4j.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ablate4j.config.ConfigLoader;
import io.ablate4j.config.Enums.ModelType;
import io.ablate4j.sweep.Plan;
import io.ablate4j.sweep.SweepExpander;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The soak of BENCHMARKS.md is what it says: at least 500 quickstart-sized MLP trials and 50 CNN trials. */
class SoakConfigsTest {
    private static Plan plan(String file) {
        return SweepExpander.expand(ConfigLoader.load(Path.of("bench", file)));
    }

    @Test
    void fiveHundredQuickstartTrialsAndFiftyCnnTrials() {
        Plan mlp = plan("soak-quickstart.yaml");
        Plan quickstart = SweepExpander.expand(ConfigLoader.load(Path.of("configs", "quickstart.yaml")));
        assertTrue(mlp.trials().size() >= 500, mlp.shape());
        assertEquals(quickstart.variants().size(), mlp.variants().size(), "the quickstart's grid");
        assertEquals(quickstart.experiment().base().dataset(), mlp.experiment().base().dataset(), "its data");
        assertEquals(quickstart.experiment().base().training(), mlp.experiment().base().training(), "its training");
        Plan cnn = plan("soak-cnn.yaml");
        assertTrue(cnn.trials().size() >= 50, cnn.shape());
        assertEquals(ModelType.CNN, cnn.experiment().base().model().type());
    }
}
