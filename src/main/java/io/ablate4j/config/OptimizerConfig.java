package io.ablate4j.config;

import io.ablate4j.config.Enums.Optimizer;
import java.util.Map;

/**
 * The updater.
 *
 * @param type         adam | sgd | nesterovs
 * @param learningRate step size
 * @param momentum     momentum of nesterovs (ignored by the others)
 */
public record OptimizerConfig(Optimizer type, double learningRate, double momentum) {
    /** @throws ConfigException naming the key, the value and what is allowed */
    public OptimizerConfig {
        Schema.Optimizer.TYPE.check(type);
        Schema.Optimizer.LEARNING_RATE.check(learningRate);
        Schema.Optimizer.MOMENTUM.check(momentum);
    }

    Map<String, Object> toMap() {
        return Schema.Optimizer.KEYS.writer()
                .put(Schema.Optimizer.TYPE, type)
                .put(Schema.Optimizer.LEARNING_RATE, learningRate)
                .putIf(type == Optimizer.NESTEROVS, Schema.Optimizer.MOMENTUM, momentum)
                .toMap();
    }
}
