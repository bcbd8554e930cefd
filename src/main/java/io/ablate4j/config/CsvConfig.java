package io.ablate4j.config;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A tabular classification dataset in CSV files, read through DataVec.
 *
 * @param trainFile   the file the training and validation splits are drawn from
 * @param testFile    the file the test split is drawn from; null draws test from {@code trainFile} too
 * @param labelColumn zero-based index of the integer class label; negative counts from the end (-1 = last)
 * @param header      whether the first line is a header to skip
 * @param delimiter   the field separator
 * @param numClasses  the number of classes; 0 infers max(label) + 1 from the training file
 */
public record CsvConfig(String trainFile, String testFile, int labelColumn, boolean header, char delimiter,
                        int numClasses) {
    public CsvConfig {
        if (trainFile == null || trainFile.isBlank()) {
            throw new IllegalArgumentException("csv.trainFile is required");
        }
    }

    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("trainFile", trainFile);
        m.put("testFile", testFile);
        m.put("labelColumn", labelColumn);
        m.put("header", header);
        m.put("delimiter", String.valueOf(delimiter));
        m.put("numClasses", numClasses);
        return m;
    }
}
