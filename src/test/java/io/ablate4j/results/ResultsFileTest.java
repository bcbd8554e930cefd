package io.ablate4j.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsFileTest {
    @TempDir
    Path tmp;

    /** Golden headers: these strings are the CSV contract of DESIGN.md; changing them needs a new schema version. */
    @Test
    void trialsAndEpochsHeadersAreSealed() throws IOException {
        Path t = tmp.resolve("trials.csv");
        Path e = tmp.resolve("epochs.csv");
        ResultsFile.open(t, CsvSchemas.trials(List.of("model.dropout", "regularization.l2")));
        ResultsFile.open(e, CsvSchemas.EPOCHS);
        assertEquals("trial_id,variant_id,seed,fold,status,model.dropout,regularization.l2,epochs_run,best_epoch,"
                + "train_loss,train_acc,val_loss,val_acc,test_loss,test_acc,gap_acc,gap_loss,train_rmse,val_rmse,"
                + "test_rmse,train_mae,val_mae,test_mae,train_r2,val_r2,test_r2,train_seconds,samples_per_second,"
                + "error,checksum\r\n", Files.readString(t));
        assertEquals("trial_id,variant_id,seed,fold,epoch,train_loss,train_acc,val_loss,val_acc,test_loss,test_acc,"
                + "gap_acc,gap_loss,train_rmse,val_rmse,test_rmse,train_mae,val_mae,test_mae,train_r2,val_r2,test_r2,"
                + "epoch_seconds,samples_per_second,checksum\r\n", Files.readString(e));
        assertEquals(2, CsvSchemas.VERSION);
    }

    /** Vectors computed independently with Python: hashlib.sha256("\x1f".join(cells).encode()).hexdigest()[:16]. */
    @Test
    void checksumsMatchTheDocumentedDefinition() {
        assertEquals("035d21974e358bad", Checksum.of(List.of("1", "has, comma and \"quote\"")));
        assertEquals("e3b0c44298fc1c14", Checksum.of(List.of()));
        assertEquals("ffe679bb831c95b6", Checksum.of(List.of("", "")));
        assertEquals("dc42b42b2ab846d4", Checksum.of(List.of("t1", "v1", "1", "ok", "0.5", "2", "2", "0.9")));
        assertEquals("6068727961c61351", Checksum.of(List.of("µ-Ünïcode", "[8, 4]")));
    }

    @Test
    void cellsAreQuotedPerRfc4180AndEndInTheirChecksum() throws IOException {
        Path f = tmp.resolve("x.csv");
        ResultsFile file = ResultsFile.open(f, List.of("a", "b"));
        file.append(List.of(List.of("1", "has, comma and \"quote\"")));
        assertEquals("a,b,checksum\r\n1,\"has, comma and \"\"quote\"\"\",035d21974e358bad\r\n", Files.readString(f));
        assertEquals(List.of(List.of("1", "has, comma and \"quote\"")), file.rows());
    }

    @Test
    void lineBreaksInCellsAreWrittenAsSpacesSoThatEveryRecordIsOneLine() throws IOException {
        Path f = tmp.resolve("x.csv");
        ResultsFile file = ResultsFile.open(f, List.of("a", "b"));
        file.append(List.of(List.of("1", "two\r\nlines\nand\rmore")));
        assertEquals(List.of(List.of("1", "two lines and more")), file.rows());
        assertEquals(2, Files.readAllLines(f).size());
    }

    @Test
    void aFileWithoutTheChecksumColumnOpensAndStaysAsItIs() throws IOException {
        Path f = tmp.resolve("x.csv");
        Files.writeString(f, "a,b\r\n1,2\r\n");
        ResultsFile file = ResultsFile.open(f, List.of("a", "b"));
        assertTrue(!file.sealed());
        file.append(List.of(List.of("3", "4")));
        assertEquals("a,b\r\n1,2\r\n3,4\r\n", Files.readString(f));
        assertEquals(List.of(List.of("1", "2"), List.of("3", "4")), file.rows());
    }

    @Test
    void readingNamesTheFirstLineThatDoesNotVerify() throws IOException {
        Path f = tmp.resolve("x.csv");
        ResultsFile.open(f, List.of("a", "b")).append(List.of(List.of("1", "2")));
        Files.writeString(f, "3,4", StandardCharsets.UTF_8, StandardOpenOption.APPEND); // killed mid-write
        ResultsException e = assertThrows(ResultsException.class, () -> ResultsFile.open(f, List.of("a", "b")).rows());
        assertTrue(e.getMessage().endsWith("x.csv:3: unterminated last line (a run was writing it, or stopped while "
                + "writing it)"), e.getMessage());
    }

    @Test
    void aDifferentHeaderIsRefused() throws IOException {
        Path f = tmp.resolve("x.csv");
        ResultsFile.open(f, List.of("a", "b"));
        ResultsException e = assertThrows(ResultsException.class, () -> ResultsFile.open(f, List.of("a", "c")));
        assertTrue(e.getMessage().contains("--fresh"), e.getMessage());
    }

    @Test
    void diagnosticsRowsOfUnfinishedTrialsAreDroppedOnOpening() throws IOException {
        ResultsFile trials = ResultsFile.open(tmp.resolve("trials.csv"), CsvSchemas.trials(List.of()));
        List<String> done = new java.util.ArrayList<>(List.of("t1", "v1", "1", "ok"));
        while (done.size() < CsvSchemas.trials(List.of()).size()) {
            done.add("");
        }
        done.set(CsvSchemas.trials(List.of()).indexOf("epochs_run"), "0");
        trials.append(List.of(done));
        ResultsFile diagnostics = ResultsFile.open(tmp.resolve("diagnostics.csv"), CsvSchemas.DIAGNOSTICS);
        diagnostics.append(List.of(List.of("t1", "v1", "1", "1", "0.8", "0.7", "-0.1", "0.5", "0.5"),
                List.of("t2", "v1", "2", "1", "0.8", "0.7", "-0.1", "0.5", "0.5")));
        TrialResults.open(tmp, List.of());
        List<List<String>> kept = ResultsFile.open(tmp.resolve("diagnostics.csv"), CsvSchemas.DIAGNOSTICS).rows();
        assertEquals(1, kept.size());
        assertEquals("t1", kept.get(0).get(0));
    }

    @Test
    void noDiagnosticsFileIsCreatedByOpening() throws IOException {
        TrialResults.open(tmp, List.of());
        assertTrue(Files.exists(tmp.resolve("epochs.csv")));
        assertTrue(Files.notExists(tmp.resolve("diagnostics.csv")));
    }
}
