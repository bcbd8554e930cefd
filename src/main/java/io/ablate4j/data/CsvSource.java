package io.ablate4j.data;

import io.ablate4j.config.CsvConfig;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.datavec.api.records.Record;
import org.datavec.api.records.metadata.RecordMetaDataLine;
import org.datavec.api.records.reader.impl.csv.CSVRecordReader;
import org.datavec.api.split.FileSplit;
import org.datavec.api.split.InputSplit;
import org.datavec.api.split.InputStreamInputSplit;
import org.datavec.api.writable.Writable;

/**
 * A tabular file read through DataVec's {@link CSVRecordReader}: every column but the label (classification: an
 * integer class index) or the target (regression: a number, {@code csv.targetColumn}) is a numeric feature. Blank
 * lines are skipped.
 */
final class CsvSource {
    private CsvSource() {
    }

    /** The parsed file: features and labels (regression: targets, every label 0), the label column resolved. */
    record Table(Path file, float[] features, int[] labels, float[] targets, int rows, int numFeatures,
                 int maxLabel) {
    }

    /** Where a file's text comes from: a path, or bytes (a resource) shown under a name. */
    record Input(Path file, byte[] bytes) {
        static Input of(Path file) {
            return new Input(file, null);
        }

        InputSplit split() {
            return bytes == null ? new FileSplit(file.toFile()) : new InputStreamInputSplit(new ByteArrayInputStream(bytes));
        }

        boolean exists() {
            return bytes != null || Files.isRegularFile(file);
        }

        /** The first non-blank line, for the header's column names. */
        String firstLine() throws IOException {
            try (BufferedReader r = bytes == null ? Files.newBufferedReader(file, StandardCharsets.UTF_8)
                    : new BufferedReader(new InputStreamReader(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    if (!line.isBlank()) {
                        return line;
                    }
                }
                return "";
            }
        }
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
        return read(Input.of(file), cfg, expectedColumns, numClasses, boundReason, role);
    }

    /** As {@link #read(Path, CsvConfig, int, int, String, String)}, from a path or from bytes. */
    static Table read(Input input, CsvConfig cfg, int expectedColumns, int numClasses, String boundReason,
                      String role) {
        Path file = input.file();
        boolean regression = cfg.targetColumn() != null;
        if (!input.exists()) {
            throw new DataException(file + ": no such file (csv." + role + "; relative paths are resolved "
                    + "against the working directory " + Path.of("").toAbsolutePath() + ")");
        }
        CSVRecordReader reader = new CSVRecordReader(cfg.header() ? 1 : 0, cfg.delimiter());
        try {
            reader.initialize(input.split());
        } catch (IOException | InterruptedException | RuntimeException e) {
            throw new DataException(file + ": cannot read: " + e.getMessage(), e);
        }
        List<String> header = List.of();
        if (cfg.header()) {
            try {
                header = Arrays.stream(input.firstLine().split(Pattern.quote(String.valueOf(cfg.delimiter())), -1))
                        .map(h -> h.trim().replaceAll("^\"|\"$", "")).toList();
            } catch (IOException e) {
                throw new DataException(file + ": cannot read: " + e.getMessage(), e);
            }
        }
        List<Float> targets = new ArrayList<>();
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
                    labelIndex = regression ? targetIndex(cfg.targetColumn(), header, columns, file)
                            : labelIndex(cfg.labelColumn(), columns, file);
                }
                if (columns < 2) {
                    throw new DataException(file + ": line " + line + " has a single column; a CSV dataset needs "
                            + "the " + (regression ? "target" : "label") + " and at least one feature (is "
                            + "csv.delimiter '" + cfg.delimiter() + "' right?)");
                }
                float[] row = new float[columns - 1];
                int label = 0;
                for (int c = 0, f = 0; c < columns; c++) {
                    String cell = cells.get(c).toString().trim();
                    if (c == labelIndex && regression) {
                        targets.add(parseTarget(cell, file, line, c));
                    } else if (c == labelIndex) {
                        label = parseLabel(cell, file, line, c, numClasses, boundReason);
                    } else {
                        row[f++] = parseNumber(cell, file, line, c, regression);
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
        float[] targetArray = regression ? new float[rows.size()] : null;
        for (int i = 0; i < rows.size(); i++) {
            System.arraycopy(rows.get(i), 0, features, i * numFeatures, numFeatures);
            labelArray[i] = labels.get(i);
            if (regression) {
                targetArray[i] = targets.get(i);
            }
        }
        return new Table(file, features, labelArray, targetArray, rows.size(), numFeatures, maxLabel);
    }

    /** The regression target's column: a header name, or an index (negative counts from the end). */
    static int targetIndex(String targetColumn, List<String> header, int columns, Path file) {
        if (targetColumn.matches("-?\\d+")) {
            int column = Integer.parseInt(targetColumn);
            int index = column < 0 ? columns + column : column;
            if (index < 0 || index >= columns) {
                throw new DataException(file + ": csv.targetColumn " + targetColumn + " is out of range: the file "
                        + "has " + columns + " columns (0.." + (columns - 1) + ", or -" + columns + "..-1 counting "
                        + "from the end" + (header.isEmpty() ? "" : ", or a name: " + String.join(", ", header)) + ")");
            }
            return index;
        }
        int index = header.indexOf(targetColumn);
        if (index < 0) {
            for (int i = 0; i < header.size(); i++) {
                if (header.get(i).equalsIgnoreCase(targetColumn)) {
                    index = i;
                }
            }
        }
        if (index < 0 || index >= columns) {
            throw new DataException(file + ": csv.targetColumn \"" + targetColumn + "\": no such column; the "
                    + "header names " + String.join(", ", header) + " (or give a zero-based index)");
        }
        return index;
    }

    private static float parseTarget(String cell, Path file, int line, int column) {
        try {
            float v = Float.parseFloat(cell);
            if (Float.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new DataException(file + ": line " + line + ", column " + (column + 1) + " (the target column, "
                + "csv.targetColumn): \"" + cell + "\" is not a finite number; a regression target must be "
                + "numeric (check csv.targetColumn, or use task: classification for class labels)");
    }

    static int labelIndex(int labelColumn, int columns, Path file) {
        int index = labelColumn < 0 ? columns + labelColumn : labelColumn;
        if (index < 0 || index >= columns) {
            throw new DataException(file + ": csv.labelColumn " + labelColumn + " is out of range: the file has "
                    + columns + " columns (0.." + (columns - 1) + ", or -" + columns + "..-1 counting from the end)");
        }
        return index;
    }

    private static float parseNumber(String cell, Path file, int line, int column, boolean regression) {
        try {
            float v = Float.parseFloat(cell);
            if (!Float.isFinite(v)) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new DataException(file + ": line " + line + ", column " + (column + 1) + ": \"" + cell
                    + "\" is not a finite number; every column but the " + (regression ? "target" : "label")
                    + " must be numeric (encode categories as numbers first)");
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
