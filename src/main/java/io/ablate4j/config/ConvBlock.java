package io.ablate4j.config;

import io.ablate4j.config.Schema.Conv;
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
    /** @throws ConfigException naming the key ({@code model.conv[].filters}, …), the value and what is allowed */
    public ConvBlock {
        Conv.FILTERS.check(filters);
        Conv.KERNEL.check(kernel);
        Conv.STRIDE.check(stride);
        Conv.POOL.check(pool);
    }

    Map<String, Object> toMap() {
        return Conv.KEYS.writer()
                .put(Conv.FILTERS, filters)
                .put(Conv.KERNEL, kernel)
                .put(Conv.STRIDE, stride)
                .put(Conv.POOL, pool)
                .toMap();
    }
}
