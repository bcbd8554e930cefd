package io.ablate4j.data;

import io.ablate4j.config.CsvConfig;
import io.ablate4j.config.Enums.Missing;
import io.ablate4j.config.Schema;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.datavec.api.records.Record;
import org.datavec.api.records.metadata.RecordMetaDataLine;
import org.datavec.api.records.reader.impl.csv.CSVRecordReader;
import org.datavec.api.split.InputStreamInputSplit;
import org.datavec.api.writable.Writable;

/**
 * Tabular files read through DataVec's {@link CSVRecordReader}, each file's bytes read once: a class column
 * (indices, or names sorted into indices) or a regression target, numeric feature columns, text feature columns
 * one-hot encoded where {@code csv.categorical} lists them, missing cells handled as {@code csv.missing} says. Blank
 * lines are skipped. Every problem is a {@link DataException} naming the file, line, column (and its header name)
 * and the cell, with the config key that fixes it.
 */
final class CsvSource {
    /** Cells read as missing: pandas' default {@code na_values}, and {@code ?} (UCI's). */
    static final Set<String> MISSING = Set.of("", "#N/A", "#N/A N/A", "#NA", "-1.#IND", "-1.#QNAN", "-NaN", "-nan",
            "1.#IND", "1.#QNAN", "<NA>", "N/A", "NA", "NULL", "NaN", "None", "n/a", "nan", "null", "?");
    private static final String TRAIN_KEY = Schema.Csv.TRAIN_FILE.path();
    private static final String TEST_KEY = Schema.Csv.TEST_FILE.path();

    private CsvSource() {
    }

    /** Where a file's text comes from: a path, or bytes (a resource) shown under a name. */
    record Input(Path file, byte[] bytes) {
        static Input of(Path file) {
            return new Input(file, null);
        }
    }

    /** One file's cells (trimmed), row by row, with each row's line number and the header's names. */
    record Rows(Path file, DataOrigin.SourceFile source, List<String> header, List<String[]> cells, int[] lines,
                int columns, String key) {
        String where(int row, int column) {
            return file + ": line " + lines[row] + ", column " + (column + 1) + (header.isEmpty() ? ""
                    : " (\"" + header.get(column) + "\")");
        }
    }

    /**
     * Reads the training file and the test file (or null) of a CSV dataset into tables with the same columns,
     * classes and categories.
     *
     * @param regression whether the label column is a real-valued target ({@code csv.targetColumn})
     */
    static Table.Pair read(Input train, Input test, CsvConfig cfg, boolean regression) {
        Rows trainRows = parse(train, cfg, 0, "trainFile", TRAIN_KEY);
        Rows testRows = test == null ? null : parse(test, cfg, trainRows.columns(), "testFile", TEST_KEY);
        return new Reading(cfg, regression, trainRows).tables(testRows);
    }

    /** The bytes of a file, its cells and line numbers; the column count must be {@code expectedColumns} unless 0. */
    static Rows parse(Input input, CsvConfig cfg, int expectedColumns, String role, String key) {
        Path file = input.file();
        byte[] bytes = input.bytes();
        if (bytes == null) {
            if (!Files.isRegularFile(file)) {
                throw new DataException(key, file + ": no such file (csv." + role + "; a relative path is resolved "
                        + "against the config file's directory)");
            }
            try {
                bytes = Files.readAllBytes(file);
            } catch (IOException e) {
                throw new DataException(key, file + ": cannot read: " + e.getMessage(), e);
            }
        }
        CSVRecordReader reader = new CSVRecordReader(0, cfg.delimiter());
        try {
            reader.initialize(new InputStreamInputSplit(new ByteArrayInputStream(bytes)));
        } catch (IOException | InterruptedException | RuntimeException e) {
            throw new DataException(key, file + ": cannot read: " + e.getMessage(), e);
        }
        List<String> header = null;
        List<String[]> rows = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        int columns = expectedColumns;
        int firstLine = 0;
        try {
            while (reader.hasNext()) {
                Record record;
                try {
                    record = reader.nextRecord();
                } catch (RuntimeException e) {
                    throw new DataException(key, file + ": cannot parse after data row " + rows.size() + ": "
                            + e.getMessage(), e);
                }
                List<Writable> cells = record.getRecord();
                int line = ((RecordMetaDataLine) record.getMetaData()).getLineNumber() + 1;
                if (cells.isEmpty() || cells.size() == 1 && cells.get(0).toString().isBlank()) {
                    continue;
                }
                String[] text = new String[cells.size()];
                for (int c = 0; c < text.length; c++) {
                    text[c] = cells.get(c).toString().trim();
                }
                if (cfg.header() && header == null) {
                    header = List.of(text);
                    if (columns == 0) {
                        columns = text.length;
                        firstLine = line;
                    }
                    if (text.length != columns) {
                        throw new DataException(key, file + ": the header (line " + line + ") names " + text.length
                                + " columns, expected " + columns + " (as in csv.trainFile); check csv.delimiter ('"
                                + cfg.delimiter() + "')");
                    }
                    continue;
                }
                if (columns == 0) {
                    columns = text.length;
                    firstLine = line;
                } else if (text.length != columns) {
                    throw new DataException(key, file + ": line " + line + " has " + text.length + " columns, "
                            + "expected " + columns + (firstLine > 0 ? " (as on line " + firstLine + ")"
                            : " (as in csv.trainFile)") + "; check csv.delimiter ('" + cfg.delimiter() + "')");
                }
                rows.add(text);
                lines.add(line);
            }
        } finally {
            try {
                reader.close();
            } catch (IOException ignored) {
                // bytes in memory: nothing to release
            }
        }
        if (rows.isEmpty()) {
            throw new DataException(key, file + ": holds no data rows" + (cfg.header() ? " after the header line"
                    : ""));
        }
        if (columns < 2) {
            throw new DataException(key, file + ": line " + lines.get(0) + " has a single column; a CSV dataset "
                    + "needs the label and at least one feature (is csv.delimiter '" + cfg.delimiter() + "' right?)");
        }
        int[] lineArray = lines.stream().mapToInt(Integer::intValue).toArray();
        return new Rows(file, new DataOrigin.SourceFile(file, sha256(bytes), rows.size()),
                header == null ? List.of() : header, rows, lineArray, columns, key);
    }

    /** The column a config names: a header name (exact, else ignoring case), or an index (negative from the end). */
    static int column(String named, List<String> header, int columns, Path file, String key, String what) {
        if (CsvConfig.isIndex(named)) {
            int column = Integer.parseInt(named);
            int index = column < 0 ? columns + column : column;
            if (index < 0 || index >= columns) {
                throw new DataException(key, file + ": " + what + " " + named + " is out of range: the file has "
                        + columns + " columns (0.." + (columns - 1) + ", or -" + columns + "..-1 counting from the "
                        + "end" + (header.isEmpty() ? "" : ", or a name: " + String.join(", ", header)) + ")");
            }
            return index;
        }
        int index = header.indexOf(named);
        for (int i = 0; index < 0 && i < header.size(); i++) {
            if (header.get(i).equalsIgnoreCase(named)) {
                index = i;
            }
        }
        if (index < 0) {
            throw new DataException(key, file + ": " + what + " \"" + named + "\": no such column; the header names "
                    + String.join(", ", header) + " (or give a zero-based index)");
        }
        return index;
    }

    static boolean missing(String cell) {
        return MISSING.contains(cell);
    }

    static boolean numeric(String cell) {
        try {
            return Float.isFinite(Float.parseFloat(cell));
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    /** The reading of one dataset's files: what the training file decides (columns, classes, categories) and the test file follows. */
    private static final class Reading {
        private final CsvConfig cfg;
        private final boolean regression;
        private final Rows train;
        private final int label;
        private final Map<Integer, List<String>> categories = new TreeMap<>();
        /** Classification: the class names (sorted text, or "0".."k-1"); whether the labels are text. */
        private List<String> classNames;
        private boolean textLabels;

        Reading(CsvConfig cfg, boolean regression, Rows train) {
            this.cfg = cfg;
            this.regression = regression;
            this.train = train;
            String labelKey = regression ? Schema.Csv.TARGET_COLUMN.path() : Schema.Csv.LABEL_COLUMN.path();
            this.label = column(regression ? cfg.targetColumn() : cfg.labelColumn(), train.header(), train.columns(),
                    train.file(), labelKey, regression ? "csv.targetColumn" : "csv.labelColumn");
            String categoricalKey = Schema.Csv.CATEGORICAL.path();
            for (String c : cfg.categorical()) {
                int index = column(c, train.header(), train.columns(), train.file(), categoricalKey,
                        "csv.categorical");
                if (index == label) {
                    throw new DataException(categoricalKey, train.file() + ": csv.categorical lists " + c + ", the "
                            + (regression ? "target" : "label") + " column; list only feature columns (class names "
                            + "are mapped to indices without it)");
                }
                categories.put(index, List.of());
            }
        }

        Table.Pair tables(Rows test) {
            checkFeatureColumns(train);
            if (test != null) {
                checkFeatureColumns(test);
            }
            List<Integer> keptTrain = kept(train);
            List<Integer> keptTest = test == null ? null : kept(test);
            if (!regression) {
                labels(keptTrain);
            }
            for (int c : categories.keySet()) {
                Set<String> values = new TreeSet<>();
                for (int r : keptTrain) {
                    String cell = train.cells().get(r)[c];
                    if (!missing(cell)) {
                        values.add(cell);
                    }
                }
                categories.put(c, List.copyOf(values));
            }
            Table trainTable = table(train, keptTrain, train.cells().size() - keptTrain.size());
            Table testTable = test == null ? null : table(test, keptTest, test.cells().size() - keptTest.size());
            return new Table.Pair(trainTable, testTable);
        }

        /**
         * Every feature column that is not categorical holds numbers (or missing cells). A column of text only is a
         * category not listed in {@code csv.categorical} (all such columns named at once); a text cell in a column of
         * numbers is a bad cell.
         */
        private void checkFeatureColumns(Rows rows) {
            Map<Integer, Integer> textOnly = new TreeMap<>();
            int badRow = -1;
            int badColumn = -1;
            for (int c = 0; c < rows.columns(); c++) {
                if (c == label || categories.containsKey(c)) {
                    continue;
                }
                int numbers = 0;
                int firstText = -1;
                for (int r = 0; r < rows.cells().size(); r++) {
                    String cell = rows.cells().get(r)[c];
                    if (missing(cell)) {
                        continue;
                    }
                    if (numeric(cell)) {
                        numbers++;
                    } else if (firstText < 0) {
                        firstText = r;
                    }
                }
                if (firstText < 0) {
                    continue;
                }
                if (numbers == 0 && rows == train) {
                    textOnly.put(c, firstText);
                } else if (badRow < 0 || firstText < badRow) {
                    badRow = firstText;
                    badColumn = c;
                }
            }
            if (badRow >= 0) {
                throw new DataException(rows.key(), rows.where(badRow, badColumn) + ": \""
                        + rows.cells().get(badRow)[badColumn] + "\" is not a number, and the column's other cells "
                        + "are numbers; fix the cell (a missing value is an empty cell or NA, handled as csv.missing says)");
            }
            if (!textOnly.isEmpty()) {
                List<String> named = new ArrayList<>();
                List<String> listed = new ArrayList<>();
                textOnly.forEach((c, r) -> {
                    String name = rows.header().isEmpty() ? String.valueOf(c) : rows.header().get(c);
                    named.add((rows.header().isEmpty() ? "column " + c : "\"" + name + "\"") + " (line "
                            + rows.lines()[r] + ": \"" + rows.cells().get(r)[c] + "\")");
                    listed.add(name);
                });
                throw new DataException(Schema.Csv.CATEGORICAL.path(), rows.file() + ": "
                        + (named.size() == 1 ? "column " : "columns ") + String.join(", ", named)
                        + (named.size() == 1 ? " holds" : " hold") + " text, not numbers; list "
                        + (named.size() == 1 ? "it" : "them") + " in csv.categorical to one-hot encode "
                        + (named.size() == 1 ? "it" : "them") + " (csv: {categorical: [" + String.join(", ", listed)
                        + "]}), or make " + (named.size() == 1 ? "it" : "them") + " numeric"
                        + (regression ? "" : "; if one is the class, name it with csv.labelColumn"));
            }
        }

        /** The rows kept under {@code csv.missing}; under error the first missing cell is refused. */
        private List<Integer> kept(Rows rows) {
            List<Integer> kept = new ArrayList<>();
            for (int r = 0; r < rows.cells().size(); r++) {
                String[] cells = rows.cells().get(r);
                boolean keep = true;
                for (int c = 0; c < cells.length && keep; c++) {
                    if (!missing(cells[c])) {
                        continue;
                    }
                    if (cfg.missing() == Missing.ERROR) {
                        throw new DataException(rows.key(), rows.where(r, c) + ": " + (cells[c].isEmpty()
                                ? "an empty cell" : "\"" + cells[c] + "\"") + " is a missing value, and "
                                + "csv.missing is error; fill it in, or set csv.missing: drop-rows (leave out the "
                                + "rows with missing values) or mean (fill a feature with its training-split mean)");
                    }
                    keep = cfg.missing() == Missing.MEAN && c != label;
                }
                if (keep) {
                    kept.add(r);
                }
            }
            if (kept.isEmpty()) {
                throw new DataException(Schema.Csv.MISSING.path(), rows.file() + ": every one of its "
                        + rows.cells().size() + " rows has a missing value (csv.missing: " + cfg.missing().yamlName()
                        + "), so none is left");
            }
            return kept;
        }

        /** The training file's labels decide: all numbers are class indices, else the sorted texts are class names. */
        private void labels(List<Integer> kept) {
            textLabels = false;
            for (int r : kept) {
                if (!numeric(train.cells().get(r)[label])) {
                    textLabels = true;
                    break;
                }
            }
            if (textLabels) {
                Set<String> names = new TreeSet<>();
                kept.forEach(r -> names.add(train.cells().get(r)[label]));
                classNames = List.copyOf(names);
                if (cfg.numClasses() > 0 && cfg.numClasses() != classNames.size()) {
                    throw new DataException(Schema.Csv.NUM_CLASSES.path(), train.file() + ": csv.numClasses is "
                            + cfg.numClasses() + ", but the label column holds " + classNames.size() + " class names: "
                            + String.join(", ", classNames) + " (remove numClasses: the names are the classes)");
                }
            } else {
                int max = -1;
                for (int r : kept) {
                    max = Math.max(max, classIndex(train, r, cfg.numClasses(), "csv.numClasses is "
                            + cfg.numClasses()));
                }
                int k = cfg.numClasses() > 0 ? cfg.numClasses() : max + 1;
                List<String> names = new ArrayList<>();
                for (int i = 0; i < k; i++) {
                    names.add(Integer.toString(i));
                }
                classNames = names;
            }
            if (classNames.size() < 2) {
                throw new DataException(Schema.Csv.LABEL_COLUMN.path(), train.file() + ": every label is "
                        + (textLabels ? "\"" + classNames.get(0) + "\"" : "0") + ", so there is only one class; a "
                        + "classifier needs at least two (check csv.labelColumn" + (textLabels ? ")"
                        : ", or set csv.numClasses)"));
            }
        }

        private int classIndex(Rows rows, int r, int bound, String boundReason) {
            String cell = rows.cells().get(r)[label];
            double v;
            try {
                v = Double.parseDouble(cell);
            } catch (NumberFormatException e) {
                throw new DataException(rows.key(), rows.where(r, label) + " (the label column): \"" + cell
                        + "\" is a class name, but the training file's labels are class indices 0, 1, …; use the "
                        + "same kind of label in both files");
            }
            if (v != Math.rint(v) || v < 0 || v > Integer.MAX_VALUE) {
                throw new DataException(rows.key(), rows.where(r, label) + " (the label column): \"" + cell
                        + "\" is not a class index; numeric labels must be integers 0, 1, … (class names are "
                        + "mapped to indices; a real-valued target needs dataset.task: regression)");
            }
            int index = (int) v;
            if (bound > 0 && index >= bound) {
                throw new DataException(rows.key(), rows.where(r, label) + ": label " + index + " is out of range 0.."
                        + (bound - 1) + " (" + boundReason + ")");
            }
            return index;
        }

        /** The kept rows of a file as a table: features (one-hot where categorical, NaN where missing), labels. */
        private Table table(Rows rows, List<Integer> kept, int dropped) {
            List<String> names = new ArrayList<>();
            List<Integer> layout = new ArrayList<>();
            for (int c = 0; c < rows.columns(); c++) {
                if (c == label) {
                    continue;
                }
                String name = train.header().isEmpty() ? "x" + c : train.header().get(c);
                layout.add(c);
                if (categories.containsKey(c)) {
                    categories.get(c).forEach(v -> names.add(name + "=" + v));
                } else {
                    names.add(name);
                }
            }
            int d = names.size();
            int n = kept.size();
            float[] features = new float[n * d];
            int[] labels = new int[n];
            float[] targets = regression ? new float[n] : null;
            boolean anyMissing = false;
            for (int i = 0; i < n; i++) {
                int r = kept.get(i);
                String[] cells = rows.cells().get(r);
                int f = i * d;
                for (int c : layout) {
                    String cell = cells[c];
                    List<String> values = categories.get(c);
                    if (values != null) {
                        int hot = missing(cell) ? -2 : values.indexOf(cell);
                        if (hot == -1) {
                            throw new DataException(rows.key(), rows.where(r, c) + ": \"" + cell + "\" is not a "
                                    + "category of the training file's column (" + String.join(", ", values) + "); "
                                    + "the one-hot columns are the training file's categories");
                        }
                        for (int v = 0; v < values.size(); v++) {
                            features[f++] = hot == -2 ? Float.NaN : v == hot ? 1f : 0f;
                        }
                        anyMissing |= hot == -2;
                    } else if (missing(cell)) {
                        features[f++] = Float.NaN;
                        anyMissing = true;
                    } else {
                        features[f++] = Float.parseFloat(cell);
                    }
                }
                if (regression) {
                    targets[i] = target(rows, r);
                } else if (textLabels) {
                    labels[i] = classNames.indexOf(cells[label]);
                    if (labels[i] < 0) {
                        throw new DataException(rows.key(), rows.where(r, label) + " (the label column): class \""
                                + cells[label] + "\" does not occur in the training file, whose classes are "
                                + String.join(", ", classNames));
                    }
                } else {
                    labels[i] = classIndex(rows, r, classNames.size(), rows == train ? "csv.numClasses is "
                            + cfg.numClasses() : cfg.numClasses() > 0 ? "csv.numClasses is " + cfg.numClasses()
                            : "the training file's labels are 0.." + (classNames.size() - 1) + "; set "
                            + "csv.numClasses to cover both files");
                }
            }
            return new Table("the CSV file " + rows.file(), features, n, d, names, labels, targets,
                    regression ? List.of() : classNames, anyMissing, rows.source(), dropped);
        }

        private float target(Rows rows, int r) {
            String cell = rows.cells().get(r)[label];
            try {
                float v = Float.parseFloat(cell);
                if (Float.isFinite(v)) {
                    return v;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new DataException(rows.key(), rows.where(r, label) + " (the target column, csv.targetColumn): \""
                    + cell + "\" is not a finite number; a regression target must be numeric (check "
                    + "csv.targetColumn, or use task: classification for class labels)");
        }
    }
}
