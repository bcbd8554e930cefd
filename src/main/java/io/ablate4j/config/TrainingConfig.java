package io.ablate4j.config;

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
 */
public record TrainingConfig(int epochs, int batchSize, OptimizerConfig optimizer, int patience,
                             int trainEvalSamples) {
    public TrainingConfig {
        if (epochs < 1 || batchSize < 1 || patience < 0 || trainEvalSamples < 0) {
            throw new IllegalArgumentException("training out of range");
        }
    }

    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("epochs", epochs);
        m.put("batchSize", batchSize);
        m.put("optimizer", optimizer.toMap());
        m.put("earlyStopping", Map.of("patience", patience));
        m.put("trainEvalSamples", trainEvalSamples);
        return m;
    }
}
