package io.ablate4j.report.read;

import io.ablate4j.results.CsvTable;
import io.ablate4j.results.ResultsCheck;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** The verified rows of a CSV file, read by column name with the messages the report wants. */
final class CsvFile implements Iterable<CsvTable.Row> {
    private final Path file;
    private final List<String> header;
    private final Map<String, Integer> index = new HashMap<>();
    private final List<CsvTable.Row> rows;

    CsvFile(ResultsCheck.Checked checked) {
        this.file = checked.table().file();
        this.header = checked.table().columns();
        this.rows = checked.rows();
        for (int i = 0; i < header.size(); i++) {
            index.putIfAbsent(header.get(i), i);
        }
    }

    Path file() {
        return file;
    }

    String name() {
        return file.getFileName().toString();
    }

    List<String> header() {
        return header;
    }

    boolean has(String column) {
        return index.containsKey(column);
    }

    void require(List<String> columns) {
        List<String> missing = columns.stream().filter(c -> !has(c)).toList();
        if (!missing.isEmpty()) {
            throw new ReportException(file + ": missing column(s) " + String.join(", ", missing)
                    + "; the header is: " + String.join(",", header()));
        }
    }

    void warnMissing(List<String> columns, List<String> warnings) {
        List<String> missing = columns.stream().filter(c -> !has(c)).toList();
        if (!missing.isEmpty()) {
            warnings.add(name() + " has no column(s) " + String.join(", ", missing)
                    + "; the values are treated as missing");
        }
    }

    String text(CsvTable.Row r, String column) {
        Integer i = index.get(column);
        return i == null ? "" : r.cells().get(i).trim();
    }

    /** A cell as a number; empty or absent is NaN, {@code NaN}/{@code Infinity} are kept. */
    double number(CsvTable.Row r, String column) {
        String s = text(r, column);
        if (s.isEmpty()) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new ReportException(file + ":" + r.line() + ": column " + column + " = '" + s
                    + "' is not a number", e);
        }
    }

    long integer(CsvTable.Row r, String column) {
        String s = text(r, column);
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new ReportException(file + ":" + r.line() + ": column " + column + " = '" + s
                    + "' is not a whole number", e);
        }
    }

    @Override
    public Iterator<CsvTable.Row> iterator() {
        return rows.iterator();
    }
}
