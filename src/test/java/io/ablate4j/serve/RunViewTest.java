package io.ablate4j.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ablate4j.report.read.RunReader;
import io.ablate4j.results.CsvSchemas;
import io.ablate4j.results.TrialStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The state the page draws: the directory as the report reads it, and the live trials it has not recorded yet. */
class RunViewTest {
    @TempDir
    Path dir;

    static Path copyRun(String preset, Path to) throws IOException {
        Files.createDirectories(to);
        for (String f : List.of("manifest.json", "trials.csv", "epochs.csv", "diagnostics.csv")) {
            Path from = Path.of("results", preset, f);
            if (Files.exists(from)) {
                Files.copy(from, to.resolve(f));
            }
        }
        return to;
    }

    static Map<String, Double> cells(double trainAcc, double valAcc) {
        Map<String, Double> c = new HashMap<>();
        CsvSchemas.METRICS.forEach(m -> c.put(m, Double.NaN));
        c.put("train_loss", 1 - trainAcc);
        c.put("train_acc", trainAcc);
        c.put("val_loss", 1 - valAcc);
        c.put("val_acc", valAcc);
        c.put("test_loss", 1 - valAcc);
        c.put("test_acc", valAcc);
        c.put("epoch_seconds", 2.0);
        return c;
    }

    @Test
    void aRunningTrialsEpochsJoinItsVariantsCurve() throws IOException {
        Live live = new Live();
        Path run = copyRun("li-dropout-bn-order", dir.resolve("run"));
        JsonNode before = new ObjectMapper().readTree(new RunView(run).state(""));
        JsonNode counts = before.get("trials");
        live.started(run, counts.get("planned").asInt() + 1, counts.get("recorded").asInt());
        assertTrue(before.get("trials").get("running").isNull(), "a directory does not say what trains");
        String variant = RunReader.manifest(run).variants().get(1).variantId();
        int trialsBefore = before.get("curves").get("shown").get(1).get("trials").asInt();
        RunView view = new RunView(live);
        JsonNode s = new ObjectMapper().readTree(view.state(""));
        assertEquals("training", s.get("status").asText());
        assertTrue(s.get("curves").get("metrics").get(0).asText().startsWith("validation accuracy"), s.toString());
        assertNull(view.state(s.get("version").asText()), "unchanged: nothing to send");
        live.trialStarted("new", variant, 99);
        live.epoch("new", variant, 99, 1, cells(0.5, 0.4));
        JsonNode t = new ObjectMapper().readTree(view.state(s.get("version").asText()));
        assertEquals(1, t.get("trials").get("running").asInt());
        assertEquals(0, t.get("trials").get("queued").asInt());
        assertTrue(t.get("eta").get("seconds").isNumber(), t.get("eta").toString());
        JsonNode curve = t.get("curves").get("shown").get(1);
        assertEquals(trialsBefore + 1, curve.get("trials").asInt(), "the trial in training joins its variant");
        assertEquals(1, curve.get("training").asInt());

        live.trialFinished("new", variant, 99, TrialStatus.OK);
        JsonNode u = new ObjectMapper().readTree(view.state(t.get("version").asText()));
        assertEquals(counts.get("recorded").asInt() + 1, u.get("trials").get("recorded").asInt(),
                "written, not read yet: counted as the directory soon will");
        assertEquals(0, u.get("trials").get("running").asInt());
        assertEquals(trialsBefore + 1, u.get("curves").get("shown").get(1).get("trials").asInt());
        live.ended(run, false);
        JsonNode v = new ObjectMapper().readTree(view.state(u.get("version").asText()));
        assertEquals("finished", v.get("status").asText());
        assertTrue(v.get("report").isNull(), "no report.html: none to show");
    }

    @Test
    void aRowBeingWrittenIsLeftOutAndAPlannedRunShowsWhatItPlans() throws IOException {
        Path run = copyRun("li-dropout-bn-order", dir.resolve("run"));
        String trials = Files.readString(run.resolve("trials.csv"));
        // An append cut short: the first cells of a new trial's row without its line end, as a reader may meet one
        // mid-write.
        Files.writeString(run.resolve("trials.csv"), trials + "0123456789ab,v01,4,,ok,0.");
        JsonNode s = new ObjectMapper().readTree(new RunView(run).state(""));
        assertEquals(12, s.get("trials").get("recorded").asInt(), s.get("trials").toString());
        assertEquals("finished", s.get("status").asText());
        assertTrue(s.get("sections").asText().contains("did not verify"), "listed as the report lists it");

        Path planned = Files.createDirectories(dir.resolve("planned"));
        Files.copy(Path.of("results", "li-dropout-bn-order", "manifest.json"), planned.resolve("manifest.json"));
        JsonNode p = new ObjectMapper().readTree(new RunView(planned).state(""));
        assertEquals(0, p.get("trials").get("recorded").asInt());
        assertEquals(12, p.get("trials").get("planned").asInt());
        assertTrue(p.get("sections").isNull(), "no statistics before the first trial");

        JsonNode none = new ObjectMapper().readTree(new RunView(dir.resolve("empty")).state(""));
        assertEquals("waiting", none.get("status").asText());
    }
}
