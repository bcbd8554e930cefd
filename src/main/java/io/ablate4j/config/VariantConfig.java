package io.ablate4j.config;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything one variant trains with, fully resolved (defaults filled, sweep values applied); a trial is
 * a variant plus a seed.
 */
public record VariantConfig(DatasetConfig dataset, ModelConfig model, RegularizationConfig regularization,
                            TrainingConfig training) {

    /** The resolved config as plain values in schema order, for hashing and for {@code config.yaml}. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("dataset", dataset.toMap());
        m.put("model", model.toMap());
        m.put("regularization", regularization.toMap());
        m.put("training", training.toMap());
        return m;
    }
}
