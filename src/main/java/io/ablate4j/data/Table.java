package io.ablate4j.data;

import java.util.List;

/**
 * A table as read from its source (a CSV file, a java data class, the bundled diabetes file), before any split:
 * features row-major, NaN where a cell is missing and {@code csv.missing: mean} fills it from the training split;
 * a class index or a regression target per row.
 *
 * @param what         the source in words, for messages ({@code the CSV file /data/x.csv})
 * @param features     {@code rows × numFeatures}, row-major
 * @param rows         examples
 * @param numFeatures  feature columns (a one-hot encoded column counts once per category)
 * @param featureNames one per feature column
 * @param labels       class indices (a regression: every label 0)
 * @param targets      regression targets; null for a classification
 * @param classNames   one per class index (empty for a regression)
 * @param missing      whether some feature is NaN (to be filled with the training split's mean)
 * @param file         where it was read, its SHA-256 and rows, for the manifest; null for a class's examples
 * @param droppedRows  rows left out for missing values
 */
record Table(String what, float[] features, int rows, int numFeatures, List<String> featureNames, int[] labels,
             float[] targets, List<String> classNames, boolean missing, DataOrigin.SourceFile file,
             int droppedRows) {
    Table {
        featureNames = List.copyOf(featureNames);
        classNames = List.copyOf(classNames);
    }

    /** The examples to draw splits from. */
    Examples examples() {
        return targets != null ? Examples.ofTargets(features, numFeatures, targets)
                : Examples.ofFloats(features, numFeatures, labels, classNames.size());
    }

    /** The tables of one dataset: training (and validation) rows, and the test file's or null. */
    record Pair(Table train, Table test) {
    }
}
