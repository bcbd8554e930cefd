package io.ablate4j.results;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A result CSV read line by line, each line verified on its own. The writers never put a line break inside a cell
 * ({@link ResultsFile#append}), so one line is one record, and a damaged line (a cut, an unbalanced quote) can
 * never swallow the lines after it. A data line is good when it parses as one RFC 4180 record with exactly as many
 * cells as the header and, in a sealed file (header ending in {@link Checksum#COLUMN}), when its checksum matches
 * its other cells. Files without the checksum column (schema version 1) get the cell count check only. Blank lines
 * are skipped. An unterminated last line is a row that was being written when the writer stopped; in a sealed file
 * it is kept when it verifies (an editor dropped the final line end), in an unsealed one it is always bad.
 */
public final class CsvTable {
    /**
     * A verified row.
     *
     * @param line  its line number in the file (the header is line 1)
     * @param cells its cells in header order, without the checksum
     * @param text  the line exactly as it stands, without its line end
     */
    public record Row(long line, List<String> cells, String text) {
        public Row {
            cells = List.copyOf(cells);
        }
    }

    /**
     * A line that is not a good row.
     *
     * @param line      its line number in the file (the header is line 1)
     * @param text      the line exactly as it stood, without its line end
     * @param firstCell what its first cell seems to be (a trial id in the result files), or "" when unknown
     * @param reason    why it is not a good row
     */
    public record BadLine(long line, String text, String firstCell, String reason) {
    }

    private static final String TORN = "unterminated last line (a run was writing it, or stopped while writing it)";
    private final Path file;
    private final List<String> columns;
    private final boolean sealed;
    private final List<Row> rows;
    private final List<BadLine> bad;
    private final boolean clean;

    private CsvTable(Path file, List<String> columns, boolean sealed, List<Row> rows, List<BadLine> bad,
                     boolean clean) {
        this.file = file;
        this.columns = List.copyOf(columns);
        this.sealed = sealed;
        this.rows = List.copyOf(rows);
        this.bad = List.copyOf(bad);
        this.clean = clean;
    }

    /**
     * Reads and verifies {@code file}. Bytes that are not UTF-8 are read as U+FFFD.
     *
     * @throws ResultsException when the header line is not a CSV record
     */
    public static CsvTable read(Path file) throws IOException {
        String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        String[] lines = text.split("\n", -1);
        // A file that ends in a line end splits into a last, empty element; anything else there was cut off.
        int count = lines.length;
        boolean terminated = lines[count - 1].isEmpty();
        if (terminated) {
            count--;
        }
        if (count == 0) {
            return new CsvTable(file, List.of(), false, List.of(), List.of(), true);
        }
        List<String> header = parse(strip(lines[0]));
        if (header == null) {
            throw new ResultsException(file + ":1: the header is not a CSV record; use --fresh to start over or "
                    + "another --out directory");
        }
        boolean sealed = !header.isEmpty() && header.get(header.size() - 1).equals(Checksum.COLUMN);
        List<String> columns = sealed ? header.subList(0, header.size() - 1) : header;
        List<Row> rows = new ArrayList<>();
        List<BadLine> bad = new ArrayList<>();
        boolean clean = terminated;
        for (int i = 1; i < count; i++) {
            long line = i + 1L;
            String s = strip(lines[i]);
            if (s.isEmpty()) {
                clean = false;
                continue;
            }
            boolean last = i == count - 1 && !terminated;
            List<String> cells = parse(s);
            String reason = cells == null ? "not a CSV record (an unbalanced quote)"
                    : cells.size() != header.size() ? "has " + cells.size() + (cells.size() == 1 ? " cell" : " cells")
                    + " where the header has " + header.size()
                    : sealed && !verifies(cells) ? "its checksum does not match its cells (the row was changed after "
                    + "it was written)"
                    : last && !sealed ? TORN : null;
            if (reason == null) {
                rows.add(new Row(line, sealed ? cells.subList(0, cells.size() - 1) : cells, s));
                continue;
            }
            if (last) {
                reason = TORN;
            }
            bad.add(new BadLine(line, s, firstCell(s, cells), reason));
            clean = false;
        }
        return new CsvTable(file, columns, sealed, rows, bad, clean);
    }

    public Path file() {
        return file;
    }

    /** The columns, without the checksum column. */
    public List<String> columns() {
        return columns;
    }

    /** Whether the file has the checksum column (schema version 2 and later). */
    public boolean sealed() {
        return sealed;
    }

    /** The good rows, in file order. */
    public List<Row> rows() {
        return rows;
    }

    /** The lines that are not good rows, in file order. */
    public List<BadLine> bad() {
        return bad;
    }

    /** Whether every line is a good row, there is no blank line and the file ends in a line end. */
    public boolean clean() {
        return clean;
    }

    /** The index of a column in {@link #columns()}, or -1. */
    public int column(String name) {
        return columns.indexOf(name);
    }

    private static boolean verifies(List<String> cells) {
        return cells.get(cells.size() - 1).equals(Checksum.of(cells.subList(0, cells.size() - 1)));
    }

    private static String strip(String line) {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }

    /** The cells of a line that holds exactly one record, or null. */
    private static List<String> parse(String line) {
        try (CSVParser parser = ResultsFile.FORMAT.parse(new StringReader(line))) {
            List<CSVRecord> records = parser.getRecords();
            return records.size() == 1 ? records.get(0).toList() : null;
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            return null;
        }
    }

    private static String firstCell(String line, List<String> cells) {
        if (cells != null && !cells.isEmpty()) {
            return cells.get(0);
        }
        int comma = line.indexOf(',');
        String first = comma < 0 ? line : line.substring(0, comma);
        return first.startsWith("\"") ? "" : first;
    }
}
