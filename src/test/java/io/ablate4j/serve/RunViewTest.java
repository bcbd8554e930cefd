package io.ablate4j.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ablate4j.results.CsvSchemas;
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
        String variant = before.get("curves").get("shown").get(0).get("label").asText();
        RunView view = new RunView(live);
        JsonNode s = new ObjectMapper().readTree(view.state(""));
        assertEquals("training", s.get("status").asText());
        assertTrue(s.get("curves").get("metrics").get(0).asText().startsWith("validation accuracy"), s.toString());
        assertNull(view.state(s.get("version").asText()), "unchanged: nothing to send");
        System.out.println(variant + " " + s.get("trials"));
        live.trialStarted("new", "x", 99);
        live.epoch("new", "x", 99, 1, cells(0.5, 0.4));
        JsonNode t = new ObjectMapper().readTree(view.state(s.get("version").asText()));
        assertEquals(1, t.get("trials").get("running").asInt());
        assertEquals(0, t.get("trials").get("queued").asInt());
        assertTrue(t.get("eta").get("seconds").isNumber(), t.get("eta").toString());
    }
}
