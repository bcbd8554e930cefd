package io.ablate4j.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ablate4j.config.ConfigLoader;
import io.ablate4j.config.VariantConfig;
import io.ablate4j.network.NetworkFactory;
import io.ablate4j.results.CsvSchemas;
import io.ablate4j.results.ResultsFile;
import io.ablate4j.sweep.Plan;
import io.ablate4j.sweep.SweepExpander;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** training.bnDiagnostics: diagnostics.csv, the variance shift's known direction, and nothing when off. */
class BnDiagnosticsTest {
    /** One BN block: dropout before BN feeds it directly; after BN it feeds only the output layer. */
    static final String BN = """
            name: bn
            dataset: {name: synthetic, trainSize: 600, validationSize: 300, testSize: 200,
                      synthetic: {shape: blobs, features: 10, classes: 3, noise: 1.0}}
            model: {type: mlp, hidden: [32], batchNorm: before-activation, dropout: 0.0}
            training: {epochs: 6, batchSize: 32, optimizer: {type: adam, learningRate: 0.01}, bnDiagnostics: true}
            seeds: [1]
            sweep:
              axes:
                model:
                  - {dropout: 0.0}
                  - {dropout: 0.5}
                  - {dropout: 0.5, dropoutPosition: before-bn}
            """;

    @TempDir
    Path tmp;

    private RunOptions options(Path out) {
        return new RunOptions(out, 2, RunOptions.Mode.AUTO, false,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), false);
    }

    @Test
    void dropoutBeforeBnShiftsTheVarianceAndDropoutAfterItDoesNot() throws IOException {
        Plan plan = SweepExpander.expand(ConfigLoader.parse("bn.yaml", BN));
        Path out = tmp.resolve("run");
        RunResult r = new Runner(options(out)).run(plan);
        assertEquals(3, r.ok());
        List<List<String>> rows = ResultsFile.open(out.resolve("diagnostics.csv"), CsvSchemas.DIAGNOSTICS).rows();
        assertEquals(18, rows.size());
        Map<String, List<String>> last = new HashMap<>();
        for (List<String> row : rows) {
            if (row.get(3).equals("6")) {
                last.put(row.get(1), row);
            }
            double inference = Double.parseDouble(row.get(4));
            double trainMode = Double.parseDouble(row.get(5));
            assertEquals(trainMode - inference, Double.parseDouble(row.get(6)), 1e-5, row.toString());
            assertEquals(row.get(7), row.get(8), "one BN layer: the mean is its only per-layer value");
        }
        assertEquals(3, last.size());
        for (var v : plan.variants()) {
            List<String> row = last.get(v.id());
            double shift = Double.parseDouble(row.get(7));
            var model = v.config().model();
            if (model.dropout() > 0 && model.dropoutPosition().name().equals("BEFORE_BN")) {
                // Inverted dropout with keep 0.5 at least doubles the second moment BN learns: ratio ≤ ~0.5.
                assertTrue(shift > 0.2 && shift < 0.75, "dropout before BN: " + row);
            } else {
                assertTrue(shift > 0.8 && shift < 1.25, "no dropout feeding BN: " + row);
            }
        }
        // The diagnostics add columns of their own and leave the regular files' schemas alone.
        assertEquals(18, ResultsFile.open(out.resolve("epochs.csv"), CsvSchemas.EPOCHS).rows().size());
    }

    @Test
    void offWritesNoDiagnosticsFile() throws IOException {
        Path out = tmp.resolve("off");
        RunResult r = new Runner(options(out)).run(SweepExpander.expand(ConfigLoader.parse("bn.yaml",
                BN.replace(", bnDiagnostics: true", ""))));
        assertEquals(3, r.ok());
        assertFalse(Files.exists(out.resolve("diagnostics.csv")));
        assertTrue(Files.exists(out.resolve("epochs.csv")));
    }

    @Test
    void batchNormParamNamesAreTheOnesTheProbeReads() {
        Plan plan = SweepExpander.expand(ConfigLoader.parse("bn.yaml", BN));
        VariantConfig v = plan.variants().get(0).config();
        MultiLayerNetwork net = new MultiLayerNetwork(NetworkFactory.build(v, 10, 3, 1));
        net.init();
        int found = 0;
        for (Layer layer : net.getLayers()) {
            if (layer instanceof BatchNormalization) {
                assertEquals(java.util.Set.of("gamma", "beta", "mean", "log10stdev"), layer.paramTable().keySet());
                found++;
            }
        }
        assertEquals(1, found);
    }
}
