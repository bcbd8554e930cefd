package io.ablate4j.keras;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A Keras initializer as the file names it, reduced to its distribution. Keras' {@code GlorotUniform},
 * {@code HeNormal}, {@code LecunUniform}, … are {@code VarianceScaling} with a fixed scale, mode and distribution;
 * {@code RandomNormal}, {@code RandomUniform} and {@code TruncatedNormal} have fixed parameters; {@code Zeros},
 * {@code Ones} and {@code Constant} are constants.
 *
 * @param className    the class as the file writes it, e.g. {@code GlorotUniform}
 * @param distribution {@code truncated_normal}, {@code untruncated_normal}, {@code uniform} or {@code constant}
 * @param scale        VarianceScaling's scale; 0 for fixed parameters
 * @param mode         VarianceScaling's {@code fan_in}, {@code fan_out} or {@code fan_avg}; null for fixed parameters
 * @param a            fixed parameters: the mean (normal), minimum (uniform) or value (constant)
 * @param b            fixed parameters: the standard deviation before truncation (normal) or maximum (uniform)
 */
public record KerasInit(String className, String distribution, double scale, String mode, double a, double b) {
    /** Keras' default kernel initializer. */
    public static final KerasInit GLOROT_UNIFORM = scaled("GlorotUniform", 1, "fan_avg", "uniform");
    /** Keras' default bias initializer. */
    public static final KerasInit ZEROS = constant("Zeros", 0);

    static KerasInit scaled(String className, double scale, String mode, String distribution) {
        return new KerasInit(className, distribution, scale, mode, 0, 0);
    }

    static KerasInit constant(String className, double value) {
        return new KerasInit(className, "constant", 0, null, value, 0);
    }

    /** Whether this is a VarianceScaling initializer (its spread depends on the layer's fans). */
    public boolean scaled() {
        return mode != null;
    }

    /** The initializer as the normalized Keras object ablate4j writes into a resolved config (its class as read). */
    Map<String, Object> toConfig() {
        Map<String, Object> config = new LinkedHashMap<>();
        if (scaled()) {
            config.put("scale", scale);
            config.put("mode", mode);
            config.put("distribution", distribution);
        } else if (distribution.equals("constant")) {
            config.put("value", a);
        } else if (distribution.equals("uniform")) {
            config.put("minval", a);
            config.put("maxval", b);
        } else {
            config.put("mean", a);
            config.put("stddev", b);
        }
        return object(className, config);
    }

    private static Map<String, Object> object(String className, Map<String, Object> config) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("class_name", className);
        m.put("config", config);
        return m;
    }

    /** Keras' snake_case alias of a class name ({@code GlorotUniform} → {@code glorot_uniform}). */
    static String alias(String className) {
        return className.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }
}
