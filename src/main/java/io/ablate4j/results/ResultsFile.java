package io.ablate4j.results;

import io.ablate4j.files.AtomicFiles;
import io.ablate4j.files.PathErrors;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;

/**
 * One append-only CSV file with a fixed header (RFC 4180, UTF-8, CRLF). A sealed file (the result files of schema
 * version 2) ends every row in a {@link Checksum} cell; a file written before checksums existed opens unsealed
 * and is appended to as it is. Rows are appended in one write followed by fsync; when that fails (a full disk) the
 * file is cut back to its length before, so that it never keeps half a row. Reading verifies every line
 * ({@link CsvTable}); {@link TrialResults} moves bad lines aside when a run opens its directory.
 */
public final class ResultsFile {
    static final CSVFormat FORMAT = CSVFormat.RFC4180;
    private static final Pattern LINE_BREAK = Pattern.compile("\r\n|[\r\n]");
    private final Path path;
    private final List<String> columns;
    private final boolean sealed;

    private ResultsFile(Path path, List<String> columns, boolean sealed) {
        this.path = path;
        this.columns = List.copyOf(columns);
        this.sealed = sealed;
    }

    /**
     * Opens a result file with these columns, creating it (sealed: {@code columns} + {@link Checksum#COLUMN}) when
     * it is absent or empty. An existing file may have the columns with or without the checksum column.
     *
     * @param columns the columns, without the checksum column
     * @throws ResultsException when the existing header is neither
     */
    public static ResultsFile open(Path path, List<String> columns) throws IOException {
        return open(path, columns, true);
    }

    /** Like {@link #open(Path, List)}; a file it creates has the checksum column only when {@code seal} is set. */
    static ResultsFile open(Path path, List<String> columns, boolean seal) throws IOException {
        if (!Files.exists(path) || Files.size(path) == 0) {
            write(path, columns, seal, List.of());
            return new ResultsFile(path, columns, seal);
        }
        List<String> header = readHeader(path);
        if (header.equals(sealedHeader(columns))) {
            return new ResultsFile(path, columns, true);
        }
        if (header.equals(columns)) {
            return new ResultsFile(path, columns, false);
        }
        throw new ResultsException(path + ": its columns " + header + " differ from this run's "
                + sealedHeader(columns) + "; use --fresh to start over or another --out directory");
    }

    /**
     * Rewrites a file of an older schema (version 1: no checksum column, and a subset of {@code columns}, e.g. without
     * {@code fold} and the regression metrics) in {@code columns}, each cell moved to its column by name and the
     * new columns left empty; still unsealed, so that opening it trusts its rows as before and a run then seals it.
     * Does nothing to a file of the current layout, to one whose columns are not a subset, or to one with lines that
     * do not parse (opening it then says its columns differ).
     *
     * @return whether the file was rewritten
     */
    public static boolean upgrade(Path path, List<String> columns) throws IOException {
        if (!Files.exists(path) || Files.size(path) == 0) {
            return false;
        }
        List<String> header = readHeader(path);
        if (header.isEmpty() || header.equals(columns) || header.equals(sealedHeader(columns))
                || header.contains(Checksum.COLUMN) || !columns.containsAll(header)
                || !header.get(0).equals(columns.get(0))) {
            return false;
        }
        CsvTable table = CsvTable.read(path);
        if (!table.bad().isEmpty()) {
            return false;
        }
        List<List<String>> rows = new ArrayList<>();
        for (CsvTable.Row row : table.rows()) {
            List<String> cells = new ArrayList<>();
            for (String column : columns) {
                int i = header.indexOf(column);
                cells.add(i < 0 ? "" : row.cells().get(i));
            }
            rows.add(cells);
        }
        write(path, columns, false, rows);
        return true;
    }

    public Path path() {
        return path;
    }

    /** Whether the rows of this file carry a checksum. */
    public boolean sealed() {
        return sealed;
    }

    /**
     * Appends rows in one write and forces them to disk. Line breaks inside cells are written as spaces (one
     * record per line is what lets a reader verify each line on its own); a sealed file gets each row's checksum.
     *
     * @param rows each with exactly one cell per column
     * @throws IOException naming this file; the file is then as it was before
     */
    public synchronized void append(List<List<String>> rows) throws IOException {
        if (rows.isEmpty()) {
            return;
        }
        List<List<String>> lines = new ArrayList<>();
        for (List<String> row : rows) {
            lines.add(line(row));
        }
        byte[] bytes = format(lines).getBytes(StandardCharsets.UTF_8);
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            long before = channel.size();
            try {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(false);
            } catch (IOException e) {
                try {
                    channel.truncate(before);
                    channel.force(false);
                } catch (IOException again) {
                    e.addSuppressed(again);
                }
                throw e;
            }
        } catch (IOException e) {
            throw PathErrors.naming(path, e);
        }
    }

    /**
     * All data rows, each as a list of cells in column order (without the checksum).
     *
     * @throws ResultsException naming file and line of the first line that does not verify
     */
    public synchronized List<List<String>> rows() throws IOException {
        CsvTable table = CsvTable.read(path);
        if (!table.bad().isEmpty()) {
            CsvTable.BadLine bad = table.bad().get(0);
            throw new ResultsException(path + ":" + bad.line() + ": " + bad.reason());
        }
        return table.rows().stream().map(CsvTable.Row::cells).toList();
    }

    /**
     * Replaces {@code path} by a file with the header and {@code rows}, atomically and forced to the device
     * ({@link AtomicFiles#writeSynced}).
     */
    static void write(Path path, List<String> columns, boolean seal, List<List<String>> rows) throws IOException {
        ResultsFile file = new ResultsFile(path, columns, seal);
        List<List<String>> all = new ArrayList<>();
        all.add(seal ? sealedHeader(columns) : columns);
        for (List<String> row : rows) {
            all.add(file.line(row));
        }
        AtomicFiles.writeSynced(path, format(all).getBytes(StandardCharsets.UTF_8));
    }

    static List<String> sealedHeader(List<String> columns) {
        List<String> header = new ArrayList<>(columns);
        header.add(Checksum.COLUMN);
        return header;
    }

    /** A row as written: line breaks replaced, the checksum appended when sealed. */
    private List<String> line(List<String> row) {
        if (row.size() != columns.size()) {
            throw new IllegalArgumentException(path + ": a row of " + row.size() + " cells for " + columns.size()
                    + " columns: " + row);
        }
        List<String> cells = new ArrayList<>(row.size() + 1);
        for (String cell : row) {
            cells.add(cell == null ? "" : LINE_BREAK.matcher(cell).replaceAll(" "));
        }
        if (sealed) {
            cells.add(Checksum.of(cells));
        }
        return cells;
    }

    private static List<String> readHeader(Path path) throws IOException {
        String first;
        try (BufferedReader reader = Files.newBufferedReader(path, StandardCharsets.ISO_8859_1)) {
            first = reader.readLine();
        }
        if (first == null) {
            return List.of();
        }
        // The header is ASCII; reading it as Latin-1 cannot fail on the bytes of a damaged file.
        try (CSVParser parser = FORMAT.parse(new StringReader(first))) {
            return parser.iterator().hasNext() ? parser.iterator().next().toList() : List.of();
        } catch (IOException | IllegalStateException | java.io.UncheckedIOException e) {
            throw new ResultsException(path + ":1: the header is not a CSV record; use --fresh to start over or "
                    + "another --out directory");
        }
    }

    static String format(List<List<String>> rows) throws IOException {
        StringWriter out = new StringWriter();
        try (CSVPrinter printer = new CSVPrinter(out, FORMAT)) {
            for (List<String> row : rows) {
                printer.printRecord(row);
            }
        }
        return out.toString();
    }
}
