package io.ablate4j.data;

import io.ablate4j.config.Enums.Normalization;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.preprocessor.DataNormalization;
import org.nd4j.linalg.dataset.api.preprocessor.ImagePreProcessingScaler;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerMinMaxScaler;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;

/**
 * Input normalization with ND4J's normalizers, fitted on the training split only and then applied to
 * every split, so that nothing about validation or test leaks into training. Runs once, in place, on
 * freshly loaded arrays, before they are shared.
 */
final class Normalizers {
    private Normalizers() {
    }

    /**
     * Fits on {@code train} and transforms {@code train} and each non-null other split in place.
     *
     * @param image whether the features are 0..255 pixels: scale01 then divides by 255; for other data
     *              scale01 is the min-max scaling of the training split
     */
    static void apply(Normalization kind, boolean image, DataSet train, DataSet... others) {
        DataNormalization normalizer = switch (kind) {
            case NONE -> null;
            case SCALE01 -> image ? new ImagePreProcessingScaler(0, 1) : new NormalizerMinMaxScaler(0, 1);
            // A constant feature gets std 1 (ND4J's DistributionStats), so it maps to 0, not NaN.
            case STANDARDIZE -> new NormalizerStandardize();
            // A constant feature's range is rounded up to epsilon by ND4J's MinMaxStats: it maps to 0.
            case MINMAX -> new NormalizerMinMaxScaler(0, 1);
        };
        if (normalizer == null) {
            return;
        }
        normalizer.fit(train);
        normalizer.transform(train);
        for (DataSet other : others) {
            if (other != null) {
                normalizer.transform(other);
            }
        }
    }
}
