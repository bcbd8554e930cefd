package io.ablate4j.results;

import io.ablate4j.files.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code race.csv} of a racing run, in the columns of {@link CsvSchemas#RACE}: written whole (fsynced) after each
 * rung's decision, so that a resumed run knows who left the race and a report can show it.
 */
public final class RaceFile {
    public static final String FILE = "race.csv";

    private RaceFile() {
    }

    /** Writes the rows (cells in {@link CsvSchemas#RACE} order) as the whole file. */
    public static void write(Path runDir, List<List<String>> rows) throws IOException {
        for (List<String> row : rows) {
            if (row.size() != CsvSchemas.RACE.size()) {
                throw new IllegalArgumentException("a race row has " + CsvSchemas.RACE.size() + " cells: " + row);
            }
        }
        List<List<String>> all = new ArrayList<>();
        all.add(CsvSchemas.RACE);
        all.addAll(rows);
        AtomicFiles.writeSynced(runDir.resolve(FILE), ResultsFile.format(all).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The rows, each column → cell; empty when the run did not race.
     *
     * @throws ResultsException when the file is there but not race.csv as written
     */
    public static List<Map<String, String>> read(Path runDir) throws IOException {
        Path file = runDir.resolve(FILE);
        if (!Files.exists(file)) {
            return List.of();
        }
        CsvTable t = CsvTable.read(file);
        if (!t.columns().equals(CsvSchemas.RACE) || !t.bad().isEmpty()) {
            throw new ResultsException(file + ": not a race file as ablate4j writes it (columns "
                    + String.join(",", CsvSchemas.RACE) + "); use --fresh to start the run over");
        }
        List<Map<String, String>> out = new ArrayList<>();
        for (CsvTable.Row r : t.rows()) {
            Map<String, String> m = new LinkedHashMap<>();
            for (int i = 0; i < CsvSchemas.RACE.size(); i++) {
                m.put(CsvSchemas.RACE.get(i), r.cells().get(i));
            }
            out.add(m);
        }
        return out;
    }
}
