package io.ablate4j.data;

import io.ablate4j.config.ImageShape;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Splits of one dataset, normalized, ready to train on. Shared read-only between concurrent trials:
 * never mutate (train through a {@link BatchIterator}, which copies).
 *
 * <p>Features are FLOAT {@code [n, numFeatures]}, normalized, for tables and generated data. Images keep their pixels:
 * UINT8 {@code [n, channels·height·width]} (0..255, flattened channel-first, each channel's plane row-major), a
 * quarter of a FLOAT copy; {@link #pixels} normalizes them batch by batch ({@link #input}, {@link #inputs}), as the
 * {@link BatchIterator} and the evaluation do. Labels are one-hot FLOAT {@code [n, numClasses]}, or for a regression
 * the target FLOAT {@code [n, 1]} (standardized when {@code dataset.standardizeTarget} is on: original = label ·
 * targetStd + targetMean).
 *
 * @param train        the training split
 * @param validation   the validation split, drawn from the training file disjointly from train; null when
 *                     validationSize is 0
 * @param test         the test split
 * @param numFeatures  input columns
 * @param numClasses   output columns (classes; 1 for a regression)
 * @param height       image height in pixels; 0 for non-image data
 * @param width        image width in pixels; 0 for non-image data
 * @param channels     image channels; 0 for non-image data
 * @param classNames   one name per class index
 * @param description  e.g. "fashion-mnist (bundled subset) train 2000 / val 1000 / test 5000"
 * @param regression   whether the labels are a real-valued target
 * @param targetMean   what was subtracted from the regression target (0 when it is not standardized)
 * @param targetStd    what the regression target was divided by after that (1 when it is not standardized)
 * @param fold         with k-fold cross-validation the fold that validates (0-based), else -1
 * @param pixels       how the UINT8 pixels of image splits become network input; null when the features are FLOAT
 *                     network input already
 * @param sourceCounts examples per class (in class order) in what was read: {@code train} for the file or folder the
 *                     training (and validation) split is drawn from, {@code test} for a separate test file or folder;
 *                     empty for generated data and regressions
 * @param featureNames a table's feature columns by name (a header's names, {@code name=value} for a one-hot
 *                     column, {@code x0, x1, …} without names); empty for images and generated data
 * @param origin       where a user's data came from (files and their SHA-256, the java data class, the image folder)
 */
public record LoadedData(DataSet train, DataSet validation, DataSet test, int numFeatures, int numClasses,
                         int height, int width, int channels, List<String> classNames, String description,
                         boolean regression, double targetMean, double targetStd, int fold, Pixels pixels,
                         Map<String, List<Integer>> sourceCounts, List<String> featureNames, DataOrigin origin) {
    public LoadedData {
        classNames = List.copyOf(classNames);
        sourceCounts = sourceCounts == null ? Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(sourceCounts));
        featureNames = featureNames == null ? List.of() : List.copyOf(featureNames);
        origin = origin == null ? DataOrigin.NONE : origin;
    }

    /** Data whose features are network input already, without counts of its source, feature names or origin. */
    public LoadedData(DataSet train, DataSet validation, DataSet test, int numFeatures, int numClasses, int height,
                      int width, int channels, List<String> classNames, String description, boolean regression,
                      double targetMean, double targetStd, int fold) {
        this(train, validation, test, numFeatures, numClasses, height, width, channels, classNames, description,
                regression, targetMean, targetStd, fold, null, null, null, null);
    }

    /** Whether the examples are images (and augmentation can apply). */
    public boolean isImage() {
        return channels > 0;
    }

    /** The images' shape; null for other data. */
    public ImageShape imageShape() {
        return isImage() ? new ImageShape(height, width, channels) : null;
    }

    /**
     * The network input of some rows of a split's features: a new normalized FLOAT array for pixels, the rows
     * themselves otherwise.
     */
    public INDArray input(INDArray features) {
        return pixels == null ? features : pixels.input(features);
    }

    /** A split as network input: for images a normalized FLOAT copy, otherwise the split itself. */
    public DataSet inputs(DataSet split) {
        return pixels == null || split == null ? split : pixels.inputs(split);
    }
}
