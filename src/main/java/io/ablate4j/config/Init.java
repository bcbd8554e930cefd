package io.ablate4j.config;

import io.ablate4j.config.Enums.WeightInit;
import io.ablate4j.keras.KerasInit;
import java.util.Locale;

/**
 * How one layer's weights or biases are drawn. Either scaled by the layer's fans, as Keras' {@code VarianceScaling}
 * (variance {@code scale / n}, n = fan-in, fan-out or their mean; a truncated normal is cut at two standard
 * deviations and widened so that its variance is still {@code scale / n}, as Keras does), or with fixed parameters
 * ({@code mean}, {@code spread}: the standard deviation of a normal, before truncation for a truncated one, or the
 * half-width of a uniform), or a constant ({@code mean}).
 *
 * <p>Fans are Keras' (and PyTorch's): a Dense [in, out] has fan-in {@code in} and fan-out {@code out}; a Conv2D
 * {@code in·kh·kw} and {@code out·kh·kw} (DL4J divides a strided convolution's fan-out by the stride; ablate4j's
 * own initializers do not). {@link Fan#WEIGHT_FAN_IN} scales a bias by its layer's weight fan-in (PyTorch's bias).
 *
 * @param distribution how values are drawn
 * @param scale        the variance scale; 0 unless {@code fan} is a fan
 * @param fan          what the variance is divided by; {@link Fan#NONE} for fixed parameters
 * @param mean         the mean (fixed parameters) or the constant
 * @param spread       fixed parameters: a normal's standard deviation or a uniform's half-width
 * @param dl4j         DL4J's own initializer of the same distribution ({@code RELU}, {@code LECUN_NORMAL},
 *                     {@code XAVIER}, with DL4J's fans): what {@code weightInit: auto} builds, as the templates
 *                     always have
 */
public record Init(Distribution distribution, double scale, Fan fan, double mean, double spread, boolean dl4j) {
    /** Zero biases (and Keras' {@code Zeros}). */
    public static final Init ZEROS = constant(0);
    /** Keras' correction of a truncated normal's standard deviation: the std of N(0, 1) cut at ±2. */
    public static final double TRUNCATED_STD = 0.87962566103423978;

    public enum Distribution { NORMAL, TRUNCATED_NORMAL, UNIFORM, CONSTANT }

    public enum Fan { NONE, FAN_IN, FAN_OUT, FAN_AVG, WEIGHT_FAN_IN }

    public Init {
        if (dl4j && !(distribution == Distribution.NORMAL && (scale == 2 && fan == Fan.FAN_IN
                || scale == 1 && (fan == Fan.FAN_IN || fan == Fan.FAN_AVG)))) {
            throw new IllegalArgumentException("DL4J's own initializers are He, LeCun and Xavier normal: " + this);
        }
    }

    public static Init scaled(Distribution distribution, double scale, Fan fan) {
        return new Init(distribution, scale, fan, 0, 0, false);
    }

    public static Init constant(double value) {
        return new Init(Distribution.CONSTANT, 0, Fan.NONE, value, 0, false);
    }

    /** The weights of a named scheme ({@link WeightInit#AUTO} and {@link WeightInit#FILE} are not one scheme). */
    public static Init weights(WeightInit scheme) {
        return switch (scheme) {
            case HE_NORMAL -> scaled(Distribution.NORMAL, 2, Fan.FAN_IN);
            case HE_UNIFORM -> scaled(Distribution.UNIFORM, 2, Fan.FAN_IN);
            case GLOROT_NORMAL -> scaled(Distribution.NORMAL, 1, Fan.FAN_AVG);
            case GLOROT_UNIFORM -> scaled(Distribution.UNIFORM, 1, Fan.FAN_AVG);
            case LECUN_NORMAL -> scaled(Distribution.NORMAL, 1, Fan.FAN_IN);
            case LECUN_UNIFORM -> scaled(Distribution.UNIFORM, 1, Fan.FAN_IN);
            case PYTORCH -> scaled(Distribution.UNIFORM, 1.0 / 3, Fan.FAN_IN);
            case AUTO, FILE -> throw new IllegalArgumentException(scheme + " depends on the layer");
        };
    }

    /** The biases of a named scheme: PyTorch's U(±1/√fan_in) of the layer's weights, zero for the others. */
    public static Init biases(WeightInit scheme) {
        return scheme == WeightInit.PYTORCH ? scaled(Distribution.UNIFORM, 1.0 / 3, Fan.WEIGHT_FAN_IN) : ZEROS;
    }

    /**
     * {@code weightInit: auto} for a weight layer: DL4J's He normal under the ReLU family, LeCun normal under SELU,
     * Xavier normal otherwise and on the output layer ({@code activation} null), as the templates always were.
     */
    public static Init auto(Enums.Activation activation) {
        if (activation == null) {
            return new Init(Distribution.NORMAL, 1, Fan.FAN_AVG, 0, 0, true);
        }
        return switch (activation) {
            case RELU, LEAKYRELU, ELU, SWISH, GELU -> new Init(Distribution.NORMAL, 2, Fan.FAN_IN, 0, 0, true);
            case SELU -> new Init(Distribution.NORMAL, 1, Fan.FAN_IN, 0, 0, true);
            default -> new Init(Distribution.NORMAL, 1, Fan.FAN_AVG, 0, 0, true);
        };
    }

    /** A Keras initializer as ablate4j draws it. */
    static Init of(KerasInit k) {
        if (k.scaled()) {
            Distribution d = switch (k.distribution()) {
                case "uniform" -> Distribution.UNIFORM;
                case "untruncated_normal" -> Distribution.NORMAL;
                default -> Distribution.TRUNCATED_NORMAL;
            };
            Fan fan = switch (k.mode()) {
                case "fan_out" -> Fan.FAN_OUT;
                case "fan_avg" -> Fan.FAN_AVG;
                default -> Fan.FAN_IN;
            };
            return scaled(d, k.scale(), fan);
        }
        return switch (k.distribution()) {
            case "constant" -> constant(k.a());
            case "uniform" -> new Init(Distribution.UNIFORM, 0, Fan.NONE, (k.a() + k.b()) / 2, (k.b() - k.a()) / 2,
                    false);
            case "untruncated_normal" -> new Init(Distribution.NORMAL, 0, Fan.NONE, k.a(), k.b(), false);
            default -> new Init(Distribution.TRUNCATED_NORMAL, 0, Fan.NONE, k.a(), k.b(), false);
        };
    }

    /**
     * The distribution's parameter for a layer with these fans: a normal's standard deviation (for a truncated normal,
     * before truncation), a uniform's half-width, or the constant.
     */
    public double parameter(double fanIn, double fanOut) {
        if (distribution == Distribution.CONSTANT) {
            return mean;
        }
        if (fan == Fan.NONE) {
            return spread;
        }
        double n = switch (fan) {
            case FAN_IN, WEIGHT_FAN_IN -> fanIn;
            case FAN_OUT -> fanOut;
            default -> (fanIn + fanOut) / 2;
        };
        double variance = scale / n;
        return switch (distribution) {
            case NORMAL -> Math.sqrt(variance);
            case TRUNCATED_NORMAL -> Math.sqrt(variance) / TRUNCATED_STD;
            default -> Math.sqrt(3 * variance);
        };
    }

    /** The variance of the values drawn for a layer with these fans (what the tests check the draws against). */
    public double variance(double fanIn, double fanOut) {
        double p = parameter(fanIn, fanOut);
        return switch (distribution) {
            case NORMAL -> p * p;
            case TRUNCATED_NORMAL -> p * p * TRUNCATED_STD * TRUNCATED_STD;
            case UNIFORM -> p * p / 3;
            case CONSTANT -> 0;
        };
    }

    /** How plan and the report name it: {@code he-normal}, {@code glorot-uniform}, {@code constant 0}, … */
    public String describe() {
        if (distribution == Distribution.CONSTANT) {
            return mean == 0 ? "zeros" : "constant " + RawConfig.renderNumber(mean);
        }
        if (fan == Fan.NONE) {
            String d = distribution.name().toLowerCase(Locale.ROOT).replace('_', '-');
            return d + "(" + RawConfig.renderNumber(mean) + ", " + RawConfig.renderNumber(spread) + ")";
        }
        String family = fan == Fan.FAN_AVG && scale == 1 ? "glorot" : fan == Fan.FAN_IN && scale == 2 ? "he"
                : fan == Fan.FAN_IN && scale == 1 ? "lecun" : fan == Fan.WEIGHT_FAN_IN ? "pytorch-bias"
                : fan == Fan.FAN_IN && Math.abs(scale - 1.0 / 3) < 1e-12 && distribution == Distribution.UNIFORM
                ? "pytorch" : null;
        String d = switch (distribution) {
            case NORMAL -> "normal";
            case TRUNCATED_NORMAL -> "truncated-normal";
            default -> "uniform";
        };
        if (family == null) {
            return "variance-scaling(" + RawConfig.renderNumber(scale) + ", " + fan.name().toLowerCase(Locale.ROOT)
                    + ", " + d + ")";
        }
        return family.startsWith("pytorch") ? family : family + "-" + d + (dl4j ? " (DL4J's)" : "");
    }
}
