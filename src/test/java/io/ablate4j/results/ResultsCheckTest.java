package io.ablate4j.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which rows count: damaged, foreign and incomplete rows are rejected with file and line, and take their trial. */
class ResultsCheckTest {
    static final List<String> AXES = List.of("model.dropout");

    @TempDir
    Path dir;

    /** Three trials t1..t3 of two epochs each: trials.csv lines 2-4, epochs.csv lines 2-7. */
    @BeforeEach
    void writeRun() throws IOException {
        ResultsFile trials = ResultsFile.open(dir.resolve("trials.csv"), CsvSchemas.trials(AXES));
        ResultsFile epochs = ResultsFile.open(dir.resolve("epochs.csv"), CsvSchemas.EPOCHS);
        for (int t = 1; t <= 3; t++) {
            epochs.append(List.of(epochRow(t, 1), epochRow(t, 2)));
            trials.append(List.of(trialRow(t)));
        }
    }

    static List<String> trialRow(int t) {
        return row(CsvSchemas.trials(AXES), "trial_id", "t" + t, "variant_id", "v1", "seed", Integer.toString(t),
                "status", "ok", "model.dropout", "0.5", "epochs_run", "2", "best_epoch", "2", "train_acc", "0.900000",
                "val_acc", "0.810000", "test_acc", "0.800000", "train_loss", "0.300000", "val_loss", "0.400000",
                "test_loss", "0.410000", "gap_acc", "0.090000", "gap_loss", "0.100000", "train_seconds", "1.000",
                "samples_per_second", "100.0");
    }

    static List<String> epochRow(int t, int epoch) {
        return row(CsvSchemas.EPOCHS, "trial_id", "t" + t, "variant_id", "v1", "seed", Integer.toString(t), "epoch",
                Integer.toString(epoch), "train_loss", "0.500000", "train_acc", "0.800000", "val_loss", "0.600000",
                "val_acc", "0.700000", "test_loss", "0.600000", "test_acc", "0.700000", "gap_acc", "0.100000",
                "gap_loss", "0.100000", "epoch_seconds", "0.500", "samples_per_second", "100.0");
    }

    /** A row of these columns from column, cell pairs; the columns not named are empty. */
    static List<String> row(List<String> columns, String... cells) {
        java.util.Map<String, String> byColumn = new java.util.HashMap<>();
        for (int i = 0; i < cells.length; i += 2) {
            byColumn.put(cells[i], cells[i + 1]);
        }
        assertTrue(columns.containsAll(byColumn.keySet()), byColumn.keySet().toString());
        return columns.stream().map(c -> byColumn.getOrDefault(c, "")).toList();
    }

    private void edit(String file, int line, String text) throws IOException {
        Path f = dir.resolve(file);
        List<String> lines = new ArrayList<>(Files.readAllLines(f, StandardCharsets.UTF_8));
        if (text == null) {
            lines.remove(line - 1);
        } else {
            lines.set(line - 1, text);
        }
        Files.writeString(f, String.join("\r\n", lines) + "\r\n", StandardCharsets.UTF_8);
    }

    private String line(String file, int line) throws IOException {
        return Files.readAllLines(dir.resolve(file), StandardCharsets.UTF_8).get(line - 1);
    }

    private static List<String> ids(ResultsCheck.Checked checked) {
        return checked.rows().stream().map(r -> r.cells().get(0) + "@" + r.line()).toList();
    }

    @Test
    void aCleanRunHasNothingToReject() throws IOException {
        ResultsCheck.Result r = ResultsCheck.check(dir, null);
        assertEquals(List.of(), r.rejected());
        assertEquals(List.of("t1@2", "t2@3", "t3@4"), ids(r.file("trials.csv")));
        assertFalse(r.file("trials.csv").changed());
    }

    @Test
    void aMiddleRowCutTo45CharactersIsRejectedAndItsEpochRowsGoWithIt() throws IOException {
        String cut = line("trials.csv", 3).substring(0, 45);
        edit("trials.csv", 3, cut);
        ResultsCheck.Result r = ResultsCheck.check(dir, null);
        Damaged d = r.rejected().get(0);
        assertEquals(new Damaged("trials.csv", 3, "t2", Damaged.Kind.DAMAGED, "has 11 cells where the header has 29",
                cut), d);
        assertEquals(List.of("epochs.csv:4", "epochs.csv:5"), r.rejected().stream().skip(1).map(Damaged::where).toList());
        assertTrue(r.rejected().stream().skip(1).allMatch(x -> x.kind() == Damaged.Kind.WITH_TRIAL
                && x.trialId().equals("t2") && x.reason().equals("goes with trials.csv:3, which is damaged")));
        assertEquals(List.of("t1@2", "t3@4"), ids(r.file("trials.csv")));
        assertEquals(List.of("t1@2", "t1@3", "t3@6", "t3@7"), ids(r.file("epochs.csv")));
        assertTrue(r.file("trials.csv").changed());
    }

    @Test
    void anEditedCellFailsTheChecksum() throws IOException {
        edit("trials.csv", 2, line("trials.csv", 2).replace("0.800000", "0.990000"));
        ResultsCheck.Result r = ResultsCheck.check(dir, null);
        assertEquals(Damaged.Kind.DAMAGED, r.rejected().get(0).kind());
        assertEquals("its checksum does not match its cells (the row was changed after it was written)",
                r.rejected().get(0).reason());
        assertEquals(List.of("t2@3", "t3@4"), ids(r.file("trials.csv")));
        assertEquals(2, r.file("epochs.csv").rows().size() - 2, "t1's epochs went with it");
    }

    @Test
    void aDamagedEpochRowMakesItsTrialNotDone() throws IOException {
        edit("epochs.csv", 7, line("epochs.csv", 7).replace(",2,", ",3,"));
        ResultsCheck.Result r = ResultsCheck.check(dir, null);
        assertEquals(List.of("epochs.csv:7", "trials.csv:4", "epochs.csv:6"),
                r.rejected().stream().map(Damaged::where).toList());
        assertEquals(List.of("t1@2", "t2@3"), ids(r.file("trials.csv")));
    }

    @Test
    void aLostEpochRowMakesItsTrialIncomplete() throws IOException {
        edit("epochs.csv", 4, null); // t2 epoch 1
        ResultsCheck.Result r = ResultsCheck.check(dir, null);
        Damaged trial = r.rejected().get(0);
        assertEquals(Damaged.Kind.INCOMPLETE, trial.kind());
        assertEquals("trials.csv:3", trial.where());
        assertEquals("epochs.csv holds epochs [2] of the 2 this trial ran (a row was lost or damaged)", trial.reason());
        assertEquals(Damaged.Kind.WITH_TRIAL, r.rejected().get(1).kind());
        assertEquals(List.of("t1@2", "t3@4"), ids(r.file("trials.csv")));
    }

    @Test
    void rowsOfTrialsTheRunDoesNotPlanAreForeign() throws IOException {
        ResultsCheck.Result r = ResultsCheck.check(dir, (trial, variant, seed) -> !trial.equals("t3"));
        assertEquals(List.of("trials.csv:4", "epochs.csv:6", "epochs.csv:7"),
                r.rejected().stream().map(Damaged::where).toList());
        assertTrue(r.rejected().stream().allMatch(d -> d.kind() == Damaged.Kind.FOREIGN));
        assertEquals(List.of("t1@2", "t2@3"), ids(r.file("trials.csv")));
    }

    @Test
    void anUnbalancedQuoteSpoilsOnlyItsOwnLine() throws IOException {
        edit("trials.csv", 2, "t1,\"v1,1,ok");
        ResultsCheck.Result r = ResultsCheck.check(dir, null);
        assertEquals("not a CSV record (an unbalanced quote)", r.rejected().get(0).reason());
        assertEquals("t1", r.rejected().get(0).trialId());
        assertEquals(List.of("t2@3", "t3@4"), ids(r.file("trials.csv")));
    }

    @Test
    void aTornLastLineIsRejectedButAVerifiedOneWithoutLineEndIsKept() throws IOException {
        Path trials = dir.resolve("trials.csv");
        String text = Files.readString(trials);
        Files.writeString(trials, text.substring(0, text.length() - 2)); // only the final CRLF lost
        ResultsCheck.Result kept = ResultsCheck.check(dir, null);
        assertEquals(List.of(), kept.rejected());
        assertTrue(kept.file("trials.csv").changed(), "rewritten with its line end");
        Files.writeString(trials, text.substring(0, text.length() - 20)); // killed mid-write
        ResultsCheck.Result torn = ResultsCheck.check(dir, null);
        assertEquals("unterminated last line (a run was writing it, or stopped while writing it)",
                torn.rejected().get(0).reason());
        assertEquals("trials.csv:4", torn.rejected().get(0).where());
    }

    @Test
    void blankLinesAreSkipped() throws IOException {
        edit("trials.csv", 3, line("trials.csv", 3) + "\r\n");
        ResultsCheck.Result r = ResultsCheck.check(dir, null);
        assertEquals(List.of(), r.rejected());
        assertEquals(List.of("t1@2", "t2@3", "t3@5"), ids(r.file("trials.csv")));
        assertTrue(r.file("trials.csv").changed());
    }

    @Test
    void filesWithoutChecksumsAreTrustedApartFromTheirCellCount() throws IOException {
        for (String name : List.of("trials.csv", "epochs.csv")) {
            List<String> lines = new ArrayList<>();
            for (String l : Files.readAllLines(dir.resolve(name))) {
                lines.add(l.substring(0, l.lastIndexOf(',')));
            }
            Files.writeString(dir.resolve(name), String.join("\r\n", lines) + "\r\n");
        }
        edit("trials.csv", 2, line("trials.csv", 2).replace("0.800000", "0.990000"));
        edit("trials.csv", 3, line("trials.csv", 3).substring(0, 45));
        edit("epochs.csv", 6, null); // no epoch count check without checksums
        ResultsCheck.Result r = ResultsCheck.check(dir, null);
        assertFalse(r.file("trials.csv").table().sealed());
        assertEquals(List.of("trials.csv:3", "epochs.csv:4", "epochs.csv:5"),
                r.rejected().stream().map(Damaged::where).toList());
        assertEquals(List.of("t1@2", "t3@4"), ids(r.file("trials.csv")));
    }
}
