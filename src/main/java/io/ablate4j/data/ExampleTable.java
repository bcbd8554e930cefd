package io.ablate4j.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.datavec.api.records.reader.RecordReader;
import org.datavec.api.writable.Writable;

/**
 * The examples an {@link ExampleSource} hands over: one row of numeric features per example and its label, a class
 * (an index 0, 1, … or a name) or a regression target. Arrays are the contract, because every source can produce
 * them (a DataVec pipeline, JDBC, Parquet, generated data) and ablate4j needs the whole table at once anyway, to
 * draw stratified splits and folds and to fit normalization on the training split only; a DataVec
 * {@link RecordReader}, where a DL4J user's pipeline ends, is read into arrays by {@link #ofRecords}.
 *
 * <p>Class names (given, or the sorted distinct names of {@code String} labels) become the class indices in their
 * order and are recorded in the run's manifest. The factories check the shape (as many labels as rows, every row as
 * long as the first, finite numbers, at least one feature and one row) and throw {@link IllegalArgumentException}
 * naming the first row that does not fit. Arrays are copied, so the source may reuse them.
 */
public final class ExampleTable {
    /** What the labels are. */
    enum Kind {
        /** Class indices 0..k-1 (names given or "0".."k-1"). */
        CLASSES,
        /** Class names, sorted into indices. */
        NAMES,
        /** Regression targets. */
        TARGETS,
        /** Numbers from a record reader: class indices for a classification, targets for a regression. */
        NUMBERS
    }

    private final float[][] features;
    private final Kind kind;
    private final int[] classes;
    private final String[] names;
    private final double[] numbers;
    private final List<String> featureNames;
    private final List<String> classNames;

    private ExampleTable(float[][] features, Kind kind, int[] classes, String[] names, double[] numbers,
                         List<String> featureNames, List<String> classNames) {
        this.features = features;
        this.kind = kind;
        this.classes = classes;
        this.names = names;
        this.numbers = numbers;
        this.featureNames = featureNames;
        this.classNames = classNames;
    }

    /** A classification: {@code labels[i]} is the class index (0, 1, …) of row {@code features[i]}. */
    public static ExampleTable ofClasses(float[][] features, int[] labels) {
        float[][] x = rows(features, Objects.requireNonNull(labels, "labels").length);
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0) {
                throw new IllegalArgumentException("row " + i + ": class index " + labels[i] + " is negative; "
                        + "classes are 0, 1, …");
            }
        }
        return new ExampleTable(x, Kind.CLASSES, labels.clone(), null, null, null, null);
    }

    /** A classification by class names: the sorted distinct names become the class indices 0, 1, …. */
    public static ExampleTable ofClasses(float[][] features, String[] labels) {
        float[][] x = rows(features, Objects.requireNonNull(labels, "labels").length);
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] == null || labels[i].isBlank()) {
                throw new IllegalArgumentException("row " + i + ": the class name is " + (labels[i] == null ? "null"
                        : "blank") + "; every row needs its class");
            }
        }
        return new ExampleTable(x, Kind.NAMES, null, labels.clone(), null, null, null);
    }

    /** A regression: {@code targets[i]} is the real-valued target of row {@code features[i]}. */
    public static ExampleTable ofTargets(float[][] features, double[] targets) {
        float[][] x = rows(features, Objects.requireNonNull(targets, "targets").length);
        for (int i = 0; i < targets.length; i++) {
            if (!Double.isFinite(targets[i])) {
                throw new IllegalArgumentException("row " + i + ": the target " + targets[i] + " is not a finite "
                        + "number");
            }
        }
        return new ExampleTable(x, Kind.TARGETS, null, null, targets.clone(), null, null);
    }

    /**
     * Every record a DataVec reader gives (it is read to its end, not closed): column {@code labelColumn} is the
     * label (negative counts from the end), every other column a numeric feature. Numeric labels are class indices
     * for a classification and targets for a regression ({@code dataset.task}); text labels are class names.
     */
    public static ExampleTable ofRecords(RecordReader records, int labelColumn) {
        Objects.requireNonNull(records, "records");
        List<float[]> rows = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        int width = -1;
        while (records.hasNext()) {
            List<Writable> record = records.next();
            int row = rows.size();
            if (width < 0) {
                width = record.size();
            } else if (record.size() != width) {
                throw new IllegalArgumentException("record " + row + " has " + record.size() + " values, record 0 has "
                        + width);
            }
            int label = labelColumn < 0 ? width + labelColumn : labelColumn;
            if (label < 0 || label >= width) {
                throw new IllegalArgumentException("label column " + labelColumn + " is out of range: the records "
                        + "have " + width + " values");
            }
            float[] x = new float[width - 1];
            for (int c = 0, f = 0; c < width; c++) {
                String text = record.get(c).toString().trim();
                if (c == label) {
                    labels.add(text);
                    continue;
                }
                try {
                    x[f++] = Float.parseFloat(text);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("record " + row + ", column " + c + ": \"" + text + "\" is not "
                            + "a number; every column but the label is a numeric feature (one-hot encode a category "
                            + "in the pipeline, e.g. with a TransformProcess)", e);
                }
            }
            rows.add(x);
        }
        float[][] x = rows.toArray(float[][]::new);
        double[] numbers = new double[labels.size()];
        for (int i = 0; i < numbers.length; i++) {
            try {
                numbers[i] = Double.parseDouble(labels.get(i));
            } catch (NumberFormatException e) {
                return ofClasses(x, labels.toArray(String[]::new));
            }
        }
        return new ExampleTable(rows(x, numbers.length), Kind.NUMBERS, null, null, numbers, null, null);
    }

    /** The same examples with a name for each feature column (written by {@code data split}; default x0, x1, …). */
    public ExampleTable withFeatureNames(List<String> names) {
        if (names.size() != numFeatures()) {
            throw new IllegalArgumentException(names.size() + " feature names for " + numFeatures() + " features");
        }
        return new ExampleTable(features, kind, classes, this.names, numbers, List.copyOf(names), classNames);
    }

    /** Class indices with a name each, in index order (default: "0", "1", …). */
    public ExampleTable withClassNames(List<String> names) {
        if (kind != Kind.CLASSES && kind != Kind.NUMBERS) {
            throw new IllegalArgumentException("class names are given for class indices; labels given as names "
                    + "are their own");
        }
        if (names.stream().anyMatch(n -> n == null || n.isBlank()) || names.stream().distinct().count() != names.size()) {
            throw new IllegalArgumentException("class names must be distinct and not blank: " + names);
        }
        return new ExampleTable(features, kind, classes, this.names, numbers, featureNames, List.copyOf(names));
    }

    /** Checked, copied rows: as many as labels, every one as long as the first, finite. */
    private static float[][] rows(float[][] features, int labels) {
        Objects.requireNonNull(features, "features");
        if (features.length != labels) {
            throw new IllegalArgumentException(features.length + " feature rows but " + labels + " labels; every row "
                    + "needs one label");
        }
        if (features.length == 0) {
            throw new IllegalArgumentException("no examples: the table has no rows");
        }
        float[][] copy = new float[features.length][];
        for (int i = 0; i < features.length; i++) {
            if (features[i] == null) {
                throw new IllegalArgumentException("row " + i + " is null");
            }
            if (features[i].length != features[0].length) {
                throw new IllegalArgumentException("row " + i + " has " + features[i].length + " features, row 0 has "
                        + features[0].length + "; every row needs the same features");
            }
            for (int j = 0; j < features[i].length; j++) {
                if (!Float.isFinite(features[i][j])) {
                    throw new IllegalArgumentException("row " + i + ", feature " + j + " is " + features[i][j]
                            + "; features must be finite numbers (fill or drop missing values first)");
                }
            }
            copy[i] = features[i].clone();
        }
        if (copy[0].length == 0) {
            throw new IllegalArgumentException("the rows have no features");
        }
        return copy;
    }

    /** Rows. */
    public int rows() {
        return features.length;
    }

    /** Features per row. */
    public int numFeatures() {
        return features[0].length;
    }

    float[][] features() {
        return features;
    }

    Kind kind() {
        return kind;
    }

    int[] classes() {
        return classes;
    }

    String[] names() {
        return names;
    }

    double[] numbers() {
        return numbers;
    }

    List<String> featureNames() {
        return featureNames;
    }

    List<String> classNames() {
        return classNames;
    }
}
