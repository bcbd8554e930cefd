package io.ablate4j.training.lean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link StepProfile}: off by default, warm-up steps left out, milliseconds per counted step. */
class StepProfileTest {
    @Test
    void countsOnlyTheStepsAfterTheWarmUpAndAveragesPerStep() {
        assertFalse(StepProfile.ON, "off unless -D" + StepProfile.PROPERTY + "=true");
        for (int i = 0; i < StepProfile.WARM_UP_STEPS; i++) {
            StepProfile.add("0 ConvStage forward", 1_000_000_000L); // warm-up: left out
            StepProfile.step();
        }
        assertTrue(StepProfile.millisPerStep().isEmpty());
        StepProfile.add("0 ConvStage forward", 3_000_000L);
        StepProfile.add("update", 1_000_000L);
        StepProfile.step();
        StepProfile.add("0 ConvStage forward", 5_000_000L);
        StepProfile.step();
        Map<String, Double> ms = StepProfile.millisPerStep();
        assertEquals(java.util.List.of("0 ConvStage forward", "update"), java.util.List.copyOf(ms.keySet()));
        assertEquals(4.0, ms.get("0 ConvStage forward"), 1e-9);
        assertEquals(0.5, ms.get("update"), 1e-9);
    }
}
