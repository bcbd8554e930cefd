package io.ablate4j.config;

import io.ablate4j.config.Schema.Csv;
import java.math.BigInteger;
import java.util.Map;

/**
 * A tabular dataset in CSV files, read through DataVec: a classification (an integer class label column) or a
 * regression (a numeric target column).
 *
 * @param trainFile   the file the training and validation splits are drawn from
 * @param testFile    the file the test split is drawn from; null draws test from {@code trainFile} too
 * @param labelColumn zero-based index of the integer class label; negative counts from the end (-1 = last)
 * @param header      whether the first line is a header to skip
 * @param delimiter   the field separator
 * @param numClasses  the number of classes; 0 infers max(label) + 1 from the training file
 * @param targetColumn regression: the target column, a header name or a zero-based index (negative counts from
 *                    the end); null for classification, which uses {@code labelColumn}
 */
public record CsvConfig(String trainFile, String testFile, int labelColumn, boolean header, char delimiter,
                        int numClasses, String targetColumn) {
    /** @throws ConfigException naming the key, the value and what is allowed */
    public CsvConfig {
        if (trainFile == null || trainFile.isBlank()) {
            throw new ConfigException(Csv.TRAIN_FILE.path(), null, "required: the CSV file to train on");
        }
        Csv.LABEL_COLUMN.check(labelColumn);
        Csv.NUM_CLASSES.check(numClasses);
        if (targetColumn != null && targetColumn.matches("-?\\d+")) {
            // Clamped to a long, so that an index of any length stays out of range.
            long index = new BigInteger(targetColumn).max(BigInteger.valueOf(Long.MIN_VALUE))
                    .min(BigInteger.valueOf(Long.MAX_VALUE)).longValue();
            Csv.TARGET_COLUMN.check(index, -Csv.MAX_INDEX, Csv.MAX_INDEX);
        }
    }

    /** A classification file. */
    public CsvConfig(String trainFile, String testFile, int labelColumn, boolean header, char delimiter,
                     int numClasses) {
        this(trainFile, testFile, labelColumn, header, delimiter, numClasses, null);
    }

    Map<String, Object> toMap() {
        Keys.Writer w = Csv.KEYS.writer()
                .put(Csv.TRAIN_FILE, trainFile)
                .put(Csv.TEST_FILE, testFile)
                .put(Csv.LABEL_COLUMN, labelColumn)
                .put(Csv.HEADER, header)
                .put(Csv.DELIMITER, String.valueOf(delimiter))
                .put(Csv.NUM_CLASSES, numClasses);
        return w.putIf(targetColumn != null, Csv.TARGET_COLUMN, targetColumn).toMap();
    }
}
