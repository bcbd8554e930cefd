package io.ablate4j.config;

import io.ablate4j.config.Enums.Optimizer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The updater.
 *
 * @param type         adam | sgd | nesterovs
 * @param learningRate step size
 * @param momentum     momentum of nesterovs (ignored by the others)
 */
public record OptimizerConfig(Optimizer type, double learningRate, double momentum) {
    public OptimizerConfig {
        if (!(learningRate > 0) || momentum < 0 || momentum >= 1) {
            throw new IllegalArgumentException("optimizer out of range");
        }
    }

    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", type.yamlName());
        m.put("learningRate", learningRate);
        if (type == Optimizer.NESTEROVS) {
            m.put("momentum", momentum);
        }
        return m;
    }
}
