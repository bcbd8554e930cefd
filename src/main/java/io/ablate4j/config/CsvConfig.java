package io.ablate4j.config;

import java.util.LinkedHashMap;
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
    public CsvConfig {
        if (trainFile == null || trainFile.isBlank()) {
            throw new IllegalArgumentException("csv.trainFile is required");
        }
    }

    /** A classification file. */
    public CsvConfig(String trainFile, String testFile, int labelColumn, boolean header, char delimiter,
                     int numClasses) {
        this(trainFile, testFile, labelColumn, header, delimiter, numClasses, null);
    }

    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("trainFile", trainFile);
        m.put("testFile", testFile);
        m.put("labelColumn", labelColumn);
        m.put("header", header);
        m.put("delimiter", String.valueOf(delimiter));
        m.put("numClasses", numClasses);
        if (targetColumn != null) {
            m.put("targetColumn", targetColumn);
        }
        return m;
    }
}
