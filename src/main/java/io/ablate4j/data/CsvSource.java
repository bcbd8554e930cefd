package io.ablate4j.data;

import io.ablate4j.config.CsvConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.datavec.api.records.Record;
import org.datavec.api.records.metadata.RecordMetaDataLine;
import org.datavec.api.records.reader.impl.csv.CSVRecordReader;
import org.datavec.api.split.FileSplit;
import org.datavec.api.writable.Writable;

/**
 * A tabular classification file read through DataVec's {@link CSVRecordReader}: every column but the
 * label is a numeric feature; the label is an integer class index. Blank lines are skipped.
 */
final class CsvSource {
    private CsvSource() {
    }

    /** The parsed file: features and labels, the label column resolved, the header if any. */
    record Table(Path file, float[] features, int[] labels, int rows, int numFeatures, int maxLabel) {
    }

    /** Resolves a configured path against the working directory. */
    static Path resolve(String file) {
        return Path.of(file).toAbsolutePath().normalize();
    }

    /**
     * Reads one file. {@code expectedColumns} (0 = any) is the training file's column count, which a
     * test file must match; {@code numClasses} (0 = unknown) bounds the labels, and {@code boundReason}
     * says in an error message where that bound comes from.
     */
    static Table read(Path file, CsvConfig cfg, int expectedColumns, int numClasses, String boundReason,
                      String role) {
        if (!Files.isRegularFile(file)) {
            throw new DataException(file + ": no such file (csv." + role + "; relative paths are resolved "
                    + "against the working directory " + Path.of("").toAbsolutePath() + ")");
        }
        CSVRecordReader reader = new CSVRecordReader(cfg.header() ? 1 : 0, cfg.delimiter());
        try {
            reader.initialize(new FileSplit(file.toFile()));
        } catch (IOException | InterruptedException | RuntimeException e) {
            throw new DataException(file + ": cannot read: " + e.getMessage(), e);
        }
        int columns = expectedColumns;
        int firstLine = 0;
        int labelIndex = -1;
        List<float[]> rows = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        int maxLabel = -1;
        try {
            while (reader.hasNext()) {
                Record record;
                try {
                    record = reader.nextRecord();
                } catch (RuntimeException e) {
                    throw new DataException(file + ": cannot parse after data row " + rows.size() + ": "
                            + e.getMessage(), e);
                }
                List<Writable> cells = record.getRecord();
                int line = ((RecordMetaDataLine) record.getMetaData()).getLineNumber() + 1;
                if (cells.isEmpty() || cells.size() == 1 && cells.get(0).toString().isBlank()) {
                    continue;
                }
                if (columns == 0) {
                    columns = cells.size();
                    firstLine = line;
                } else if (cells.size() != columns) {
                    throw new DataException(file + ": line " + line + " has " + cells.size() + " columns, expected "
                            + columns + (firstLine > 0 ? " (as on line " + firstLine + ")" : " (as in csv.trainFile)")
                            + "; check csv.delimiter ('" + cfg.delimiter() + "')");
                }
                if (labelIndex < 0) {
                    labelIndex = labelIndex(cfg.labelColumn(), columns, file);
                }
                if (columns < 2) {
                    throw new DataException(file + ": line " + line + " has a single column; a CSV dataset needs "
                            + "the label and at least one feature (is csv.delimiter '" + cfg.delimiter() + "' right?)");
                }
                float[] row = new float[columns - 1];
                int label = 0;
                for (int c = 0, f = 0; c < columns; c++) {
                    String cell = cells.get(c).toString().trim();
                    if (c == labelIndex) {
                        label = parseLabel(cell, file, line, c, numClasses, boundReason);
                    } else {
                        row[f++] = parseNumber(cell, file, line, c);
                    }
                }
                maxLabel = Math.max(maxLabel, label);
                rows.add(row);
                labels.add(label);
            }
        } finally {
            try {
                reader.close();
            } catch (IOException ignored) {
                // read-only file: nothing to flush
            }
        }
        if (rows.isEmpty()) {
            throw new DataException(file + ": holds no data rows" + (cfg.header() ? " after the header line" : ""));
        }
        int numFeatures = columns - 1;
        float[] features = new float[rows.size() * numFeatures];
        int[] labelArray = new int[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            System.arraycopy(rows.get(i), 0, features, i * numFeatures, numFeatures);
            labelArray[i] = labels.get(i);
        }
        return new Table(file, features, labelArray, rows.size(), numFeatures, maxLabel);
    }

    static int labelIndex(int labelColumn, int columns, Path file) {
        int index = labelColumn < 0 ? columns + labelColumn : labelColumn;
        if (index < 0 || index >= columns) {
            throw new DataException(file + ": csv.labelColumn " + labelColumn + " is out of range: the file has "
                    + columns + " columns (0.." + (columns - 1) + ", or -" + columns + "..-1 counting from the end)");
        }
        return index;
    }

    private static float parseNumber(String cell, Path file, int line, int column) {
        try {
            float v = Float.parseFloat(cell);
            if (!Float.isFinite(v)) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new DataException(file + ": line " + line + ", column " + (column + 1) + ": \"" + cell
                    + "\" is not a finite number; every column but the label must be numeric (encode "
                    + "categories as numbers first)");
        }
    }

    private static int parseLabel(String cell, Path file, int line, int column, int numClasses,
                                  String boundReason) {
        double v;
        try {
            v = Double.parseDouble(cell);
        } catch (NumberFormatException e) {
            throw new DataException(file + ": line " + line + ", column " + (column + 1) + " (the label column): \""
                    + cell + "\" is not an integer class index; labels must be 0, 1, … (map class names to "
                    + "indices first, or check csv.labelColumn)");
        }
        if (v != Math.rint(v) || v < 0 || v > Integer.MAX_VALUE) {
            throw new DataException(file + ": line " + line + ", column " + (column + 1) + " (the label column): \""
                    + cell + "\" is not a class index; labels must be integers 0, 1, … (check csv.labelColumn)");
        }
        int label = (int) v;
        if (numClasses > 0 && label >= numClasses) {
            throw new DataException(file + ": line " + line + ", column " + (column + 1) + ": label " + label
                    + " is out of range 0.." + (numClasses - 1) + " (" + boundReason + ")");
        }
        return label;
    }
}
