package io.ablate4j.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.ablate4j.config.ConfigLoader;
import io.ablate4j.data.DataCache;
import io.ablate4j.network.Templates;
import io.ablate4j.sweep.Plan;
import io.ablate4j.sweep.SweepExpander;
import io.ablate4j.sweep.Trial;
import io.ablate4j.training.Checkpoint;
import io.ablate4j.training.EpochMetrics;
import io.ablate4j.training.Trainer;
import io.ablate4j.training.TrialOutcome;
import io.ablate4j.training.lean.StepMode;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A race's promotion: a trial paused after an epoch, its checkpoint turned to bytes and back, and continued in a
 * fresh network equals the uninterrupted trial bit for bit: every epoch's metrics, the early-stopping outcome, and
 * at a later pause the parameters (BN's running statistics included), the updater state, DL4J's counts, the random
 * generator (dropout masks) and the minibatch iterator (order, augmentation draws). In each step mode.
 */
class CheckpointTest {
    private static final String MLP = """
            name: ckpt
            dataset: {name: fashion-mnist, trainSize: 256, validationSize: 100, testSize: 100,
                      augment: {shiftPixels: 2, flipHorizontal: true}}
            model: {type: mlp, hidden: [24, 16], inputDropout: 0.2, dropout: 0.3}
            training: {epochs: 6, batchSize: 48, earlyStopping: {patience: 3}}
            seeds: [7]
            """;
    private static final String CNN = """
            name: ckpt
            dataset: {name: fashion-mnist, trainSize: 128, validationSize: 64, testSize: 64,
                      augment: {shiftPixels: 1}}
            model: {type: cnn, conv: [{filters: 4}], hidden: [16], dropout: 0.25, batchNorm: before-activation}
            training: {epochs: 5, batchSize: 32}
            seeds: [3]
            """;

    @ParameterizedTest
    @CsvSource({"MLP, LEAN", "MLP, DL4J", "MLP, EXACT", "CNN, LEAN", "CNN, DL4J"})
    void aPausedAndContinuedTrialEqualsAnUninterruptedOne(String model, StepMode mode) throws IOException {
        Plan plan = SweepExpander.expand(ConfigLoader.parse("ckpt.yaml", model.equals("MLP") ? MLP : CNN));
        Trial trial = plan.trials().get(0);
        TrialRunner runner = new TrialRunner(new DataCache(), Templates.of(List.of()), mode);
        TrialOutcome whole = runner.run(plan, trial, null, () -> false, m -> { });

        Trainer.LegResult first = runner.runLeg(plan, trial, null, null, 2, () -> false, m -> { });
        assertNull(first.outcome());
        Checkpoint at2 = Checkpoint.fromBytes(first.paused().toBytes());
        assertEquals(2, at2.epochsDone());
        Trainer.LegResult second = runner.runLeg(plan, trial, null, at2, 4, () -> false, m -> { });
        Trainer.LegResult straightTo4 = runner.runLeg(plan, trial, null, null, 4, () -> false, m -> { });
        assertNotNull(second.paused(), "4 epochs do not end the trial");
        assertState(straightTo4.paused(), second.paused());

        TrialOutcome continued = runner.runLeg(plan, trial, null, Checkpoint.fromBytes(second.paused().toBytes()),
                Integer.MAX_VALUE, () -> false, m -> { }).outcome();
        assertEquals(whole.status(), continued.status());
        assertEquals(whole.bestEpoch(), continued.bestEpoch());
        assertEquals(scores(whole.epochs()), scores(continued.epochs()));
    }

    private static void assertState(Checkpoint expected, Checkpoint actual) {
        assertArrayEquals(expected.params(), actual.params(), "parameters");
        assertArrayEquals(expected.updaterState(), actual.updaterState(), "updater state");
        assertArrayEquals(expected.batchState(), actual.batchState(), "minibatch order and augmentation streams");
        assertEquals(expected.rngRoot(), actual.rngRoot(), "random generator");
        assertEquals(expected.rngNode(), actual.rngNode(), "random generator");
        assertEquals(expected.iterationCount(), actual.iterationCount());
        assertEquals(expected.epochCount(), actual.epochCount());
        assertEquals(expected.bestEpoch(), actual.bestEpoch());
        assertEquals(expected.sinceBest(), actual.sinceBest());
        assertEquals(Double.doubleToLongBits(expected.bestValLoss()), Double.doubleToLongBits(actual.bestValLoss()));
        assertEquals(scores(expected.epochs()), scores(actual.epochs()));
    }

    /** Every epoch's scores, timings left out. */
    private static List<Object> scores(List<EpochMetrics> epochs) {
        return epochs.stream().map(m -> (Object) List.of(m.epoch(), m.train(), m.val(), m.test())).toList();
    }
}
