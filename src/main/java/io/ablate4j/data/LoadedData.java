package io.ablate4j.data;

import java.util.List;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Splits of one dataset, normalized, ready to train on. Shared read-only between concurrent trials:
 * never mutate (train through a {@link BatchIterator}, which copies).
 *
 * <p>Features are FLOAT {@code [n, numFeatures]} (images flattened row-major, channel-first); labels are
 * one-hot FLOAT {@code [n, numClasses]}, or for a regression the target FLOAT {@code [n, 1]} (standardized when
 * {@code dataset.standardizeTarget} is on: original = label · targetStd + targetMean).
 *
 * @param train       the training split
 * @param validation  the validation split, drawn from the training file disjointly from train; null when
 *                    validationSize is 0
 * @param test        the test split
 * @param numFeatures input columns
 * @param numClasses  output columns (classes; 1 for a regression)
 * @param height      image height in pixels; 0 for non-image data
 * @param width       image width in pixels; 0 for non-image data
 * @param channels    image channels; 0 for non-image data
 * @param classNames  one name per class index
 * @param description e.g. "fashion-mnist (bundled subset) train 2000 / val 1000 / test 5000"
 * @param regression  whether the labels are a real-valued target
 * @param targetMean  what was subtracted from the regression target (0 when it is not standardized)
 * @param targetStd   what the regression target was divided by after that (1 when it is not standardized)
 * @param fold        with k-fold cross-validation the fold that validates (0-based), else -1
 * @param featureNames a table's feature columns by name (a header's names, {@code name=value} for a one-hot
 *                    column, {@code x0, x1, …} without names); empty for images and generated data
 * @param origin      where a user's data came from (files and their SHA-256, or the java data class)
 */
public record LoadedData(DataSet train, DataSet validation, DataSet test, int numFeatures, int numClasses,
                         int height, int width, int channels, List<String> classNames, String description,
                         boolean regression, double targetMean, double targetStd, int fold,
                         List<String> featureNames, DataOrigin origin) {
    public LoadedData {
        classNames = List.copyOf(classNames);
        featureNames = List.copyOf(featureNames);
    }

    /** Whether the examples are images (and augmentation can apply). */
    public boolean isImage() {
        return channels > 0;
    }
}
