package io.ablate4j.network;

import io.ablate4j.config.Enums.DropoutType;
import io.ablate4j.config.Rule;
import org.deeplearning4j.nn.conf.dropout.AlphaDropout;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.dropout.GaussianDropout;
import org.deeplearning4j.nn.conf.dropout.IDropout;
import org.deeplearning4j.nn.conf.dropout.SpatialDropout;

/**
 * The one place where ablate4j's drop probabilities become DL4J dropout objects. Configs speak of the
 * probability of <em>dropping</em> a unit (Srivastava et al., Keras, PyTorch); DL4J's {@code Dropout},
 * {@code AlphaDropout} and {@code SpatialDropout} take the probability of <em>retaining</em> it, while
 * {@code GaussianDropout} takes a drop rate. All are inverted (scaled at training time, identity at inference).
 */
public final class Dropouts {
    private Dropouts() {
    }

    /**
     * DL4J's retain probability for a drop probability in [0, 1) (the config's {@link Rule#DROP}, which the configs
     * already checked).
     */
    public static double retainProbability(double dropRate) {
        if (!Rule.DROP.allows(dropRate)) {
            throw new IllegalArgumentException("drop probability " + dropRate + ": " + Rule.DROP.allowed());
        }
        return 1.0 - dropRate;
    }

    /** The DL4J dropout for a drop probability, or null for 0 (DL4J's {@code new Dropout(1.0)} would be a no-op layer). */
    public static IDropout of(DropoutType type, double dropRate) {
        double retain = retainProbability(dropRate);
        if (dropRate == 0) {
            return null;
        }
        return switch (type) {
            case BERNOULLI -> new Dropout(retain);
            case GAUSSIAN -> new GaussianDropout(dropRate);
            case ALPHA -> new AlphaDropout(retain);
            case SPATIAL -> new SpatialDropout(retain);
        };
    }

    /**
     * The drop probability of a DL4J dropout object, whatever its parameterization (the inverse of {@link #of}), or NaN
     * for a kind ablate4j does not build; for checking networks that a java template built.
     */
    public static double dropRate(IDropout d) {
        if (d instanceof Dropout x) {
            return 1 - x.getP();
        }
        if (d instanceof GaussianDropout x) {
            return x.getRate();
        }
        if (d instanceof AlphaDropout x) {
            return 1 - x.getP();
        }
        if (d instanceof SpatialDropout x) {
            return 1 - x.getP();
        }
        return Double.NaN;
    }
}
