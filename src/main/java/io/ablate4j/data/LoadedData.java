package io.ablate4j.data;

import java.util.List;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Splits of one dataset, normalized, ready to train on. Shared read-only between concurrent trials:
 * never mutate (train through a {@link BatchIterator}, which copies).
 *
 * <p>Features are FLOAT {@code [n, numFeatures]} (images flattened row-major, channel-first); labels are
 * one-hot FLOAT {@code [n, numClasses]}.
 *
 * @param train       the training split
 * @param validation  the validation split, drawn from the training file disjointly from train; null when
 *                    validationSize is 0
 * @param test        the test split
 * @param numFeatures input columns
 * @param numClasses  output columns
 * @param height      image height in pixels; 0 for non-image data
 * @param width       image width in pixels; 0 for non-image data
 * @param channels    image channels; 0 for non-image data
 * @param classNames  one name per class index
 * @param description e.g. "fashion-mnist (bundled subset) train 2000 / val 1000 / test 5000"
 */
public record LoadedData(DataSet train, DataSet validation, DataSet test, int numFeatures, int numClasses,
                         int height, int width, int channels, List<String> classNames, String description) {
    public LoadedData {
        classNames = List.copyOf(classNames);
    }

    /** Whether the examples are images (and augmentation can apply). */
    public boolean isImage() {
        return channels > 0;
    }
}
