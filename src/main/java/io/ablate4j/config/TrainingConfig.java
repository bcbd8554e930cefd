package io.ablate4j.config;

import io.ablate4j.config.Enums.Loss;
import java.util.LinkedHashMap;
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
        this(epochs, batchSize, optimizer, patience, trainEvalSamples, Defaults.BN_DIAGNOSTICS, Loss.CROSS_ENTROPY);
    }

    /** A classifier. */
    public TrainingConfig(int epochs, int batchSize, OptimizerConfig optimizer, int patience, int trainEvalSamples,
                          boolean bnDiagnostics) {
        this(epochs, batchSize, optimizer, patience, trainEvalSamples, bnDiagnostics, Loss.CROSS_ENTROPY);
    }

    public TrainingConfig {
        if (epochs < 1 || batchSize < 1 || patience < 0 || trainEvalSamples < 0) {
            throw new IllegalArgumentException("training out of range");
        }
        if (loss == null) {
            loss = Loss.CROSS_ENTROPY;
        }
    }

    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("epochs", epochs);
        m.put("batchSize", batchSize);
        m.put("optimizer", optimizer.toMap());
        m.put("earlyStopping", Map.of("patience", patience));
        m.put("trainEvalSamples", trainEvalSamples);
        if (loss != Loss.CROSS_ENTROPY) {
            // Only for regression losses: classification configs keep their canonical map, ids and hashes.
            m.put("loss", loss.yamlName());
        }
        if (bnDiagnostics) {
            // Only when on, so that configs without it keep their canonical map, ids and hashes.
            m.put("bnDiagnostics", true);
        }
        return m;
    }
}
