package io.ablate4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.ablate4j.bench.BenchResult;
import io.ablate4j.bench.Benchmark;
import io.ablate4j.run.Provenance;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Trial throughput of DL4J and the PyTorch reference on this machine, in one run. */
@Command(name = "bench", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = {"Train the reference network (MLP 784-256-256-10, ReLU, dropout 0.5, Adam 1e-3) on full "
                + "Fashion-MNIST with DL4J and with PyTorch, one trial and parallel trials, and print samples/s "
                + "(median over epochs after the first), ratios and peak memory.",
                "Needs the full Fashion-MNIST files (apt-get install dataset-fashion-mnist) and, for the reference, "
                        + "python3 with torch (apt-get install python3-torch)."})
final class BenchCommand implements Callable<Integer> {
    @Option(names = "--data", paramLabel = "DIR", description = "Directory of the full IDX files (default: searched "
            + "as for source: auto).")
    Path data;

    @Option(names = "--epochs", description = "Epochs per trial; the first is warm-up.")
    int epochs = 3;

    @Option(names = "--batch", description = "Minibatch size.")
    int batch = 128;

    @Option(names = "--trials", description = "Concurrent trials in the parallel layout.")
    int trials = 2;

    @Option(names = "--python", description = "Python with torch for the reference (Debian's python3-torch); "
            + "'none' skips it.")
    String python = java.nio.file.Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";

    @Option(names = "--script", description = "The PyTorch reference script.")
    Path script = Path.of("bench", "pytorch_reference.py");

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the results as JSON.")
    Path json;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (epochs < 2 || batch < 1 || trials < 1) {
            throw new io.ablate4j.run.RunException("bench needs --epochs >= 2 (the first is warm-up), --batch >= 1, --trials >= 1");
        }
        boolean reference = !python.equals("none");
        if (reference && !Files.exists(script)) {
            throw new io.ablate4j.run.RunException(script + ": the PyTorch reference script is missing; run from the "
                    + "ablate4j directory, pass --script, or --python none to skip it");
        }
        Benchmark.Settings s = new Benchmark.Settings(data, epochs, batch, trials, python, script);
        PrintWriter out = spec.commandLine().getOut();
        List<BenchResult> results = new ArrayList<>();
        out.println("bench: " + Provenance.fields().get("cpu") + ", " + Runtime.getRuntime().availableProcessors()
                + " cores, OMP_NUM_THREADS=" + System.getenv("OMP_NUM_THREADS") + ", OPENBLAS_CORETYPE="
                + System.getenv("OPENBLAS_CORETYPE") + ", batch " + batch + ", " + epochs + " epochs");
        out.flush();
        results.add(Benchmark.dl4j(s, 1));
        results.add(Benchmark.dl4j(s, trials));
        if (reference) {
            try {
                results.add(Benchmark.pytorch(s, 1));
                results.add(Benchmark.pytorch(s, trials));
            } catch (java.io.IOException e) {
                spec.commandLine().getErr().println("warning: PyTorch reference skipped: " + e.getMessage());
                reference = false;
                results.removeIf(r -> r.system().startsWith("pytorch"));
            }
        }
        Benchmark.print(out, results);
        Map<String, Double> ratios = new LinkedHashMap<>();
        ratios.put("dl4j parallel / dl4j single (aggregate)", results.get(1).aggregate() / results.get(0).aggregate());
        if (reference) {
            ratios.put("dl4j / pytorch, one trial", results.get(0).perTrialMedian() / results.get(2).perTrialMedian());
            ratios.put("dl4j / pytorch, parallel (aggregate)", results.get(1).aggregate() / results.get(3).aggregate());
        }
        ratios.forEach((k, v) -> out.printf(Locale.ROOT, "%-42s %.2f%n", k, v));
        out.flush();
        if (json != null) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("settings", Map.of("epochs", epochs, "batch", batch, "trials", trials));
            doc.put("machine", Provenance.fields());
            doc.put("results", results);
            doc.put("ratios", ratios);
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), doc);
        }
        return Main.OK;
    }
}
