package io.ablate4j.sweep;

import io.ablate4j.config.VariantConfig;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One point of the sweep axes.
 *
 * @param id         stable short hash of the resolved config
 * @param axisValues axis key path → value as written in CSV cells (e.g. {@code model.dropout → 0.5})
 * @param config     the resolved config
 * @param baseline   whether this is the baseline variant
 */
public record Variant(String id, Map<String, String> axisValues, VariantConfig config, boolean baseline) {
    public Variant {
        axisValues = Collections.unmodifiableMap(new LinkedHashMap<>(axisValues));
    }

    /** "model.dropout=0.5, model.batchNorm=none", or "base" without axes. */
    public String label() {
        if (axisValues.isEmpty()) {
            return "base";
        }
        StringBuilder b = new StringBuilder();
        axisValues.forEach((k, v) -> b.append(b.length() > 0 ? ", " : "").append(k).append('=').append(v));
        return b.toString();
    }
}
