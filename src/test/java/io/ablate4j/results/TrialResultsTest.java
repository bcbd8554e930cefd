package io.ablate4j.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a run's opening of its directory does to the result files, and the golden files of the format. */
class TrialResultsTest {
    @TempDir
    Path dir;

    private void writeRun() throws IOException {
        ResultsFile trials = ResultsFile.open(dir.resolve("trials.csv"), CsvSchemas.trials(ResultsCheckTest.AXES));
        ResultsFile epochs = ResultsFile.open(dir.resolve("epochs.csv"), CsvSchemas.EPOCHS);
        for (int t = 1; t <= 3; t++) {
            epochs.append(List.of(ResultsCheckTest.epochRow(t, 1), ResultsCheckTest.epochRow(t, 2)));
            trials.append(List.of(ResultsCheckTest.trialRow(t)));
        }
    }

    @Test
    void openingMovesADamagedRowAndItsTrialsRowsToDamagedCsvWordForWord() throws IOException {
        writeRun();
        List<String> lines = new ArrayList<>(Files.readAllLines(dir.resolve("trials.csv")));
        String cut = lines.get(2).substring(0, 45);
        lines.set(2, cut);
        Files.writeString(dir.resolve("trials.csv"), String.join("\r\n", lines) + "\r\n");
        List<String> epochLines = Files.readAllLines(dir.resolve("epochs.csv"));

        TrialResults opened = TrialResults.open(dir, ResultsCheckTest.AXES);
        assertEquals(Set.of("t1", "t3"), opened.finished());
        assertEquals(List.of("trials.csv:3", "epochs.csv:4", "epochs.csv:5"),
                opened.quarantined().stream().map(Damaged::where).toList());
        List<String> damaged = Files.readAllLines(dir.resolve("damaged.csv"));
        assertEquals("moved_at,file,line,trial_id,kind,reason,text", damaged.get(0));
        assertEquals(4, damaged.size());
        List<Quarantine.Entry> entries = Quarantine.read(dir, new ArrayList<>());
        assertEquals(cut, entries.get(0).row().text());
        assertEquals(Damaged.Kind.DAMAGED, entries.get(0).row().kind());
        assertEquals(epochLines.get(3), entries.get(1).row().text());
        assertEquals(Damaged.Kind.WITH_TRIAL, entries.get(2).row().kind());
        assertEquals(List.of("t1", "t3"), ResultsFile.open(dir.resolve("trials.csv"),
                CsvSchemas.trials(ResultsCheckTest.AXES)).rows().stream().map(r -> r.get(0)).toList());
        assertEquals(4, ResultsFile.open(dir.resolve("epochs.csv"), CsvSchemas.EPOCHS).rows().size());

        TrialResults again = TrialResults.open(dir, ResultsCheckTest.AXES);
        assertEquals(List.of(), again.quarantined());
        assertEquals(4, Files.readAllLines(dir.resolve("damaged.csv")).size(), "nothing is moved twice");
    }

    @Test
    void failedRowsAreRetriedNotQuarantined() throws IOException {
        writeRun();
        List<String> failed = new ArrayList<>(ResultsCheckTest.trialRow(4));
        List<String> columns = CsvSchemas.trials(ResultsCheckTest.AXES);
        failed.set(columns.indexOf("status"), "failed");
        failed.set(columns.indexOf("epochs_run"), "0");
        ResultsFile.open(dir.resolve("trials.csv"), CsvSchemas.trials(ResultsCheckTest.AXES)).append(List.of(failed));
        TrialResults opened = TrialResults.open(dir, ResultsCheckTest.AXES);
        assertEquals(Set.of("t1", "t2", "t3"), opened.finished());
        assertEquals(List.of(), opened.quarantined());
        assertTrue(Files.notExists(dir.resolve("damaged.csv")));
    }

    @Test
    void filesWrittenBeforeChecksumsAreSealedWhenARunOpensThem() throws IOException {
        writeRun();
        List<List<String>> before = ResultsFile.open(dir.resolve("epochs.csv"), CsvSchemas.EPOCHS).rows();
        for (String name : List.of("trials.csv", "epochs.csv")) {
            List<String> lines = new ArrayList<>();
            for (String l : Files.readAllLines(dir.resolve(name))) {
                lines.add(l.substring(0, l.lastIndexOf(',')));
            }
            Files.writeString(dir.resolve(name), String.join("\r\n", lines) + "\r\n");
        }
        assertTrue(!ResultsFile.open(dir.resolve("epochs.csv"), CsvSchemas.EPOCHS).sealed());
        TrialResults opened = TrialResults.open(dir, ResultsCheckTest.AXES);
        assertEquals(Set.of("t1", "t2", "t3"), opened.finished());
        ResultsFile epochs = ResultsFile.open(dir.resolve("epochs.csv"), CsvSchemas.EPOCHS);
        assertTrue(epochs.sealed());
        assertEquals(before, epochs.rows());
        assertTrue(Files.readAllLines(dir.resolve("trials.csv")).get(0).endsWith(",error,checksum"));
    }
}
