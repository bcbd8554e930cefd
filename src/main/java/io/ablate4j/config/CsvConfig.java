package io.ablate4j.config;

import io.ablate4j.config.Enums.Missing;
import io.ablate4j.config.Schema.Csv;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * A tabular dataset in CSV files, read through DataVec: a classification (a class column: indices or names) or a
 * regression (a numeric target column). Paths are as written in the config; {@link DatasetConfig#resolve} resolves
 * them against the config file's directory.
 *
 * @param trainFile    the file the training and validation splits are drawn from
 * @param testFile     the file the test split is drawn from; null draws test from {@code trainFile} too
 * @param labelColumn  classification: the class column, a header name or a zero-based index (negative counts from
 *                     the end, "-1" = last); its cells are class indices 0, 1, … or text class names
 * @param header       whether the first line is a header to skip
 * @param delimiter    the field separator
 * @param numClasses   the number of classes; 0 infers max(label) + 1 (or the number of names) from the training file
 * @param targetColumn regression: the target column, a header name or a zero-based index (negative counts from
 *                     the end); null for classification, which uses {@code labelColumn}
 * @param missing      what a missing cell does (empty, NA, n/a, NaN, null, ?, …)
 * @param categorical  text feature columns to one-hot encode, header names or zero-based indexes; empty for none
 */
public record CsvConfig(String trainFile, String testFile, String labelColumn, boolean header, char delimiter,
                        int numClasses, String targetColumn, Missing missing, List<String> categorical) {
    /** @throws ConfigException naming the key, the value and what is allowed */
    public CsvConfig {
        if (trainFile == null || trainFile.isBlank()) {
            throw new ConfigException(Csv.TRAIN_FILE.path(), null, "required: the CSV file to train on");
        }
        if (labelColumn == null || labelColumn.isBlank()) {
            labelColumn = String.valueOf(Csv.LAST_COLUMN);
        }
        missing = missing == null ? Missing.ERROR : missing;
        categorical = categorical == null ? List.of() : List.copyOf(categorical);
        checkIndex(Csv.LABEL_COLUMN, labelColumn);
        Csv.NUM_CLASSES.check(numClasses);
        if (targetColumn != null) {
            checkIndex(Csv.TARGET_COLUMN, targetColumn);
        }
        for (int i = 0; i < categorical.size(); i++) {
            String column = categorical.get(i);
            if (column == null || column.isBlank()) {
                throw new ConfigException(Csv.CATEGORICAL.path() + "[" + i + "]", column, "a header name or a "
                        + "zero-based column index");
            }
            checkIndex(Csv.CATEGORICAL, column);
            if (categorical.subList(0, i).contains(column)) {
                throw new ConfigException(Csv.CATEGORICAL.path() + "[" + i + "]", column, "listed twice");
            }
        }
    }

    /** A column given by index must be within the range; a name is checked against the header when the file is read. */
    private static void checkIndex(Key<?> key, String column) {
        if (isIndex(column)) {
            // Clamped to a long, so that an index of any length stays out of range.
            long index = new BigInteger(column).max(BigInteger.valueOf(Long.MIN_VALUE))
                    .min(BigInteger.valueOf(Long.MAX_VALUE)).longValue();
            key.check(index, -Csv.MAX_INDEX, Csv.MAX_INDEX);
        }
    }

    /** Whether a column is given by index ({@code 3}, {@code -1}) rather than by header name. */
    public static boolean isIndex(String column) {
        return column.matches("-?\\d+");
    }

    /** A classification or regression file with every cell present and no text feature column. */
    public CsvConfig(String trainFile, String testFile, int labelColumn, boolean header, char delimiter,
                     int numClasses, String targetColumn) {
        this(trainFile, testFile, String.valueOf(labelColumn), header, delimiter, numClasses, targetColumn,
                Missing.ERROR, List.of());
    }

    /** A classification file with every cell present and no text feature column. */
    public CsvConfig(String trainFile, String testFile, int labelColumn, boolean header, char delimiter,
                     int numClasses) {
        this(trainFile, testFile, labelColumn, header, delimiter, numClasses, null);
    }

    /** Whether any column is named rather than indexed (which needs a header). */
    boolean namesColumns() {
        return !isIndex(labelColumn) || targetColumn != null && !isIndex(targetColumn)
                || categorical.stream().anyMatch(c -> !isIndex(c));
    }

    Map<String, Object> toMap() {
        // An index is written as a number, as it always was; missing and categorical only when set, so that files
        // without them keep their ids and hashes.
        Keys.Writer w = Csv.KEYS.writer()
                .put(Csv.TRAIN_FILE, trainFile)
                .put(Csv.TEST_FILE, testFile)
                .put(Csv.LABEL_COLUMN, isIndex(labelColumn) ? (Object) Integer.valueOf(labelColumn) : labelColumn)
                .put(Csv.HEADER, header)
                .put(Csv.DELIMITER, String.valueOf(delimiter))
                .put(Csv.NUM_CLASSES, numClasses);
        return w.putIf(targetColumn != null, Csv.TARGET_COLUMN, targetColumn)
                .putIf(missing != Missing.ERROR, Csv.MISSING, missing)
                .putIf(!categorical.isEmpty(), Csv.CATEGORICAL, categorical.stream()
                        .map(c -> isIndex(c) ? (Object) Integer.valueOf(c) : c).toList())
                .toMap();
    }
}
