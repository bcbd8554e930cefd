package io.ablate4j.config;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One convolutional block: conv (same padding) → [BN] → activation → [max pool].
 *
 * @param filters output channels
 * @param kernel  square kernel size
 * @param stride  convolution stride
 * @param pool    max-pool size and stride (1 = no pooling)
 */
public record ConvBlock(int filters, int kernel, int stride, int pool) {
    public ConvBlock {
        if (filters < 1 || kernel < 1 || stride < 1 || pool < 1) {
            throw new IllegalArgumentException("conv block out of range");
        }
    }

    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("filters", filters);
        m.put("kernel", kernel);
        m.put("stride", stride);
        m.put("pool", pool);
        return m;
    }
}
