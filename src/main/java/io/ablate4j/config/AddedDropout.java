package io.ablate4j.config;

import io.ablate4j.config.Schema.AddDropout;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code model.addDropout}: dropout layers added to an imported model where it has none, a choice named apart from
 * {@code model.dropout} (which sets the rate of the file's own dropout layers).
 *
 * @param conv  after each Conv2D block without a dropout (the Conv2D with the BatchNormalization, Activation and
 *              pooling layers after it, up to the next weight layer, dropout or Flatten)
 * @param dense after each hidden Dense block without a dropout (the output Dense never gets one)
 * @param rate  the added layers' drop probability (0 = none added)
 */
public record AddedDropout(boolean conv, boolean dense, double rate) {
    /** @throws ConfigException naming the key, the value and what is allowed */
    public AddedDropout {
        AddDropout.RATE.check(rate);
        if (!conv && !dense) {
            throw new ConfigException(AddDropout.AFTER.path(), List.of(), "name the blocks that get a dropout: "
                    + "[conv], [dense] or [conv, dense]");
        }
    }

    Map<String, Object> toMap() {
        List<String> after = new ArrayList<>();
        if (conv) {
            after.add("conv");
        }
        if (dense) {
            after.add("dense");
        }
        return AddDropout.KEYS.writer().put(AddDropout.AFTER, after).put(AddDropout.RATE, rate).toMap();
    }

    /** How plan names the addition, e.g. {@code Dropout(0.25) after each Conv2D block}. */
    String describe() {
        return "Dropout(" + RawConfig.renderNumber(rate) + ") after each " + (conv && dense ? "Conv2D and hidden Dense"
                : conv ? "Conv2D" : "hidden Dense") + " block without one";
    }
}
