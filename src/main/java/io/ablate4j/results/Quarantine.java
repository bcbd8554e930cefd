package io.ablate4j.results;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code damaged.csv}: the rows a run moved aside from its result files, never deleted. One row per moved row:
 * {@code moved_at, file, line, trial_id, kind, reason, text}, where {@code text} is the line exactly as it stood.
 * Written before the result file is rewritten without the row, so that a crash in between loses nothing (at worst
 * the next run moves the row again). Not sealed: it is a record of what was wrong, read by people and the report.
 */
public final class Quarantine {
    public static final String FILE = "damaged.csv";
    static final List<String> COLUMNS = List.of("moved_at", "file", "line", "trial_id", "kind", "reason", "text");

    private Quarantine() {
    }

    /**
     * A row of {@code damaged.csv}.
     *
     * @param movedAt when it was moved (ISO-8601)
     * @param row     what was moved, from where, why
     */
    public record Entry(String movedAt, Damaged row) {
    }

    /** Appends {@code rows} in one fsynced write (nothing when empty). */
    public static void add(Path runDir, List<Damaged> rows, Instant when) throws IOException {
        if (rows.isEmpty()) {
            return;
        }
        List<List<String>> lines = new ArrayList<>();
        for (Damaged d : rows) {
            lines.add(List.of(when.toString(), d.file(), Long.toString(d.line()), d.trialId(), d.kind().csvName(),
                    d.reason(), d.text()));
        }
        ResultsFile.open(runDir.resolve(FILE), COLUMNS, false).append(lines);
    }

    /** What {@code damaged.csv} holds; empty when it does not exist. Lines it cannot read become warnings. */
    public static List<Entry> read(Path runDir, List<String> warnings) throws IOException {
        Path file = runDir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        CsvTable table = CsvTable.read(file);
        if (!table.columns().equals(COLUMNS)) {
            warnings.add(FILE + " has the columns " + table.columns() + " instead of " + COLUMNS
                    + "; the rows moved there are not listed");
            return List.of();
        }
        table.bad().forEach(b -> warnings.add(FILE + ":" + b.line() + ": " + b.reason() + "; not listed"));
        List<Entry> entries = new ArrayList<>();
        for (CsvTable.Row r : table.rows()) {
            List<String> c = r.cells();
            long line;
            try {
                line = Long.parseLong(c.get(2));
            } catch (NumberFormatException e) {
                line = 0;
            }
            Damaged.Kind kind = Damaged.Kind.parse(c.get(4));
            entries.add(new Entry(c.get(0), new Damaged(c.get(1), line, c.get(3),
                    kind == null ? Damaged.Kind.DAMAGED : kind, c.get(5), c.get(6))));
        }
        return entries;
    }
}
