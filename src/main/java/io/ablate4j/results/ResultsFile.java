package io.ablate4j.results;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * One append-only CSV file with a fixed header. Rows are appended in one write followed by fsync, so a killed
 * process leaves at most a torn last line, which {@link #open} cuts off before anything else reads the file.
 */
public final class ResultsFile {
    static final CSVFormat FORMAT = CSVFormat.RFC4180;
    private final Path path;
    private final List<String> header;

    private ResultsFile(Path path, List<String> header) {
        this.path = path;
        this.header = header;
    }

    /**
     * Opens (creating with the header if absent) and repairs a torn last line.
     *
     * @throws IOException also when the existing header differs from {@code header}
     */
    public static ResultsFile open(Path path, List<String> header) throws IOException {
        ResultsFile file = new ResultsFile(path, List.copyOf(header));
        if (!Files.exists(path) || Files.size(path) == 0) {
            file.writeAtomically(List.of());
            return file;
        }
        file.cutTornLine();
        List<String> existing = readHeader(path);
        if (!existing.equals(file.header)) {
            throw new IOException(path + ": its columns " + existing + " differ from this run's " + file.header
                    + "; use --fresh to start over or another --out directory");
        }
        return file;
    }

    public Path path() {
        return path;
    }

    /** Appends rows in one write and forces them to disk. */
    public synchronized void append(List<List<String>> rows) throws IOException {
        if (rows.isEmpty()) {
            return;
        }
        byte[] bytes = format(rows).getBytes(StandardCharsets.UTF_8);
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(false);
        }
    }

    /** All data rows, each as a list of cells in header order. */
    public synchronized List<List<String>> rows() throws IOException {
        List<List<String>> rows = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8);
             CSVParser parser = FORMAT.builder().setHeader().setSkipHeaderRecord(true).build().parse(reader)) {
            for (CSVRecord record : parser) {
                rows.add(record.toList());
            }
        }
        return rows;
    }

    /** Keeps only the rows {@code keep} accepts, replacing the file atomically. */
    public synchronized void retain(Predicate<List<String>> keep) throws IOException {
        List<List<String>> rows = rows();
        List<List<String>> kept = rows.stream().filter(keep).toList();
        if (kept.size() != rows.size()) {
            writeAtomically(kept);
        }
    }

    private void writeAtomically(List<List<String>> rows) throws IOException {
        Path tmp = path.resolveSibling(path.getFileName() + ".tmp");
        List<List<String>> all = new ArrayList<>();
        all.add(header);
        all.addAll(rows);
        try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            channel.write(ByteBuffer.wrap(format(all).getBytes(StandardCharsets.UTF_8)));
            channel.force(false);
        }
        Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private void cutTornLine() throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = channel.size();
            long end = size;
            ByteBuffer one = ByteBuffer.allocate(1);
            while (end > 0) {
                one.clear();
                channel.read(one, end - 1);
                if (one.get(0) == '\n') {
                    break;
                }
                end--;
            }
            if (end < size) {
                channel.truncate(end);
                channel.force(false);
            }
        }
    }

    private static List<String> readHeader(Path path) throws IOException {
        try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8);
             CSVParser parser = FORMAT.parse(reader)) {
            return parser.iterator().hasNext() ? parser.iterator().next().toList() : List.of();
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
