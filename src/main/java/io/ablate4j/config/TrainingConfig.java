package io.ablate4j.config;

import io.ablate4j.config.Enums.Loss;
import io.ablate4j.config.Schema.EarlyStopping;
import io.ablate4j.config.Schema.Training;
import java.util.Map;

/**
 * How a trial trains.
 *
 * @param epochs           maximum number of passes over the training split
 * @param batchSize        minibatch size
 * @param optimizer        the updater
 * @param patience         early stopping: stop after this many epochs without a better validation loss (0 = off)
 * @param trainEvalSamples training examples evaluated in inference mode each epoch (0 = the whole split)
 * @param bnDiagnostics    also measure train-mode accuracy and the BN variance shift each epoch (opt-in: it draws
 *                         dropout masks from the trial's RNG, so the training trajectory differs from a run
 *                         without it)
 * @param loss             the training loss: cross-entropy for classification, mse, mae or huber for regression
 */
public record TrainingConfig(int epochs, int batchSize, OptimizerConfig optimizer, int patience,
                             int trainEvalSamples, boolean bnDiagnostics, Loss loss) {
    /** A classifier without BN diagnostics. */
    public TrainingConfig(int epochs, int batchSize, OptimizerConfig optimizer, int patience, int trainEvalSamples) {
        this(epochs, batchSize, optimizer, patience, trainEvalSamples, Training.BN_DIAGNOSTICS.defaultValue(),
                Loss.CROSS_ENTROPY);
    }

    /** A classifier. */
    public TrainingConfig(int epochs, int batchSize, OptimizerConfig optimizer, int patience, int trainEvalSamples,
                          boolean bnDiagnostics) {
        this(epochs, batchSize, optimizer, patience, trainEvalSamples, bnDiagnostics, Loss.CROSS_ENTROPY);
    }

    /** @throws ConfigException naming the key, the value and what is allowed */
    public TrainingConfig {
        if (loss == null) {
            loss = Loss.CROSS_ENTROPY;
        }
        Training.EPOCHS.check(epochs);
        Training.BATCH_SIZE.check(batchSize);
        java.util.Objects.requireNonNull(optimizer, "optimizer");
        EarlyStopping.PATIENCE.check(patience);
        Training.TRAIN_EVAL_SAMPLES.check(trainEvalSamples);
    }

    Map<String, Object> toMap() {
        // loss only for regression losses and bnDiagnostics only when on, so that other configs keep their
        // canonical map, ids and hashes.
        return Training.KEYS.writer()
                .put(Training.EPOCHS, epochs)
                .put(Training.BATCH_SIZE, batchSize)
                .put(Training.OPTIMIZER, optimizer.toMap())
                .put(Training.EARLY_STOPPING, EarlyStopping.KEYS.writer().put(EarlyStopping.PATIENCE, patience).toMap())
                .put(Training.TRAIN_EVAL_SAMPLES, trainEvalSamples)
                .putIf(loss != Loss.CROSS_ENTROPY, Training.LOSS, loss)
                .putIf(bnDiagnostics, Training.BN_DIAGNOSTICS, true)
                .toMap();
    }
}
