package io.ablate4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.ablate4j.bench.BenchResult;
import io.ablate4j.bench.Benchmark;
import io.ablate4j.config.Enums;
import io.ablate4j.config.Rule;
import io.ablate4j.data.DataCache;
import io.ablate4j.run.Provenance;
import io.ablate4j.run.RunOptions;
import io.ablate4j.training.lean.StepMode;
import io.ablate4j.training.lean.StepProfile;
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
        description = {"Train a reference network with DL4J and with PyTorch (Adam 1e-3, both sides initialized as "
                + "PyTorch does by default), one trial and parallel trials, and print samples/s (median over epochs "
                + "after the first), ratios and peak memory. The default workload is the MLP 784-256-256-10, ReLU, "
                + "dropout 0.5, on all 60000 Fashion-MNIST training images.",
                "Workloads: --model mlp | --model mlp --batch-norm | --model cnn --train-size 10000 | "
                        + "--model cnn --batch-norm --train-size 10000 (the CNN trains ~100x slower per sample) | "
                        + "--model cifar10-cnn [--batch-norm] --train-size 10000 (Keras' cifar10_cnn on 32x32x3, "
                        + "~5x slower again).",
                "Needs the full Fashion-MNIST files (apt-get install dataset-fashion-mnist) for mlp and cnn; "
                        + "cifar10-cnn reads CIFAR-10 where source: auto finds it, else generated CIFAR-format "
                        + "files; the reference needs python3 with torch (apt-get install python3-torch)."})
final class BenchCommand implements Callable<Integer> {
    @Option(names = "--model", paramLabel = "MODEL", description = "mlp: 784-256-256-10; cnn: conv32-pool-conv64-"
            + "pool-dense128 (3x3 Same convolutions, 2x2 max pooling); cifar10-cnn: Keras' cifar10_cnn as "
            + "configs/keras/cifar10-cnn.json has it (conv32, conv32 + pool, conv64, conv64 + pool, dense 512).")
    String model = Benchmark.Model.MLP.yamlName();

    @Option(names = "--batch-norm", description = "Batch norm before each hidden activation: weights without bias "
            + "→ BN → ReLU (→ pool) → dropout.")
    boolean batchNorm;

    @Option(names = "--dropout", paramLabel = "RATE", description = "Drop probability after every hidden block, in "
            + "[0, 1); 0 = no dropout layers (cifar10-cnn: the rate of each of its three dropout layers). Default: "
            + Benchmark.Workload.MLP_DROP_RATE + " for mlp, " + Benchmark.Workload.CNN_DROP_RATE + " for cnn, the "
            + "file's 0.25/0.25/0.5 for cifar10-cnn.")
    Double dropout;

    @Option(names = "--train-size", paramLabel = "N", description = "Training images per epoch: a stratified draw "
            + "from the training files (DL4J), the same number per class (PyTorch). Default: all of them ("
            + Benchmark.FULL_TRAIN_SIZE + " Fashion-MNIST, " + Benchmark.CIFAR10_TRAIN_SIZE + " CIFAR-10).")
    Integer trainSize;

    @Option(names = "--data", paramLabel = "DIR", description = "Directory of the data files: the full Fashion-MNIST "
            + "IDX files, or CIFAR-10's binary batches for cifar10-cnn (default: searched as for source: auto; "
            + "cifar10-cnn without them trains on generated CIFAR-format files).")
    Path data;

    @Option(names = "--epochs", description = "Epochs per trial; the first is warm-up.")
    int epochs = 3;

    @Option(names = "--batch", description = "Minibatch size.")
    int batch = 128;

    @Option(names = "--trials", description = "Concurrent trials in the parallel layout; 1 runs the single-trial "
            + "layout only.")
    int trials = 2;

    @Option(names = "--python", description = "Python with torch for the reference (Debian's python3-torch); "
            + "'none' skips it.")
    String python = java.nio.file.Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";

    @Option(names = "--script", description = "The PyTorch reference script.")
    Path script = Path.of("bench", "pytorch_reference.py");

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the results as JSON.")
    Path json;

    @Option(names = "--reference-coretype", paramLabel = "NAME", description = "OPENBLAS_CORETYPE for the PyTorch "
            + "reference only (default: the same as ablate4j's, which the launcher sets from the CPU flags): give the "
            + "reference its best kernels, e.g. Haswell on AMD CPUs with AVX-512.")
    String referenceCoreType;

    @Option(names = "--step", paramLabel = "STEP", description = "How DL4J's minibatches are trained: lean, exact "
            + "or dl4j, as run --step. The default is the system property " + RunOptions.STEP_PROPERTY + ", else lean.")
    String step = RunOptions.defaultStepName();

    @Option(names = "--profile", description = "Also print where the single trial's training steps spend their "
            + "time: ms per step for each layer's forward and backward pass and the update (the lean step only).")
    boolean profile;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (epochs < 2 || batch < 1 || trials < 1) {
            throw new io.ablate4j.run.RunException("bench needs --epochs >= 2 (the first is warm-up), --batch >= 1, --trials >= 1");
        }
        if (profile) {
            System.setProperty(StepProfile.PROPERTY, "true"); // read when the step first runs
        }
        Benchmark.Workload workload = workload();
        boolean reference = !python.equals("none");
        if (reference && !Files.exists(script)) {
            throw new io.ablate4j.run.RunException(script + ": the PyTorch reference script is missing; run from the "
                    + "ablate4j directory, pass --script, or --python none to skip it");
        }
        if (workload.model() == Benchmark.Model.CIFAR10_CNN && !Files.isRegularFile(Benchmark.CIFAR_KERAS_FILE)) {
            throw new io.ablate4j.run.RunException(Benchmark.CIFAR_KERAS_FILE + ": Keras' cifar10_cnn is missing; run "
                    + "bench from the ablate4j directory");
        }
        StepMode stepMode = RunCommand.stepMode(step);
        try (Benchmark.CifarData cifar = workload.model() == Benchmark.Model.CIFAR10_CNN
                ? Benchmark.CifarData.of(data, workload.trainSize()) : null) {
            Path dataDir = cifar != null ? cifar.dir() : data;
            String dataDescription = cifar != null ? cifar.description()
                    : data != null ? "Fashion-MNIST in " + data : "Fashion-MNIST (source: auto)";
            return measure(workload, new Benchmark.Settings(workload, dataDir, epochs, batch, trials, python, script,
                    referenceCoreType, stepMode), dataDescription, reference);
        }
    }

    private int measure(Benchmark.Workload workload, Benchmark.Settings s, String dataDescription, boolean reference)
            throws Exception {
        StepMode stepMode = s.step();
        DataCache loaded = new DataCache(); // both layouts train on the same loaded data
        boolean parallel = trials > 1;
        PrintWriter out = spec.commandLine().getOut();
        out.println("bench: " + workload.describe() + ", weightInit " + Benchmark.INIT.yamlName() + " on both sides, "
                + "batch " + batch + ", " + epochs + " epochs, "
                + (parallel ? "1 and " + trials + " trials" : "1 trial") + "; " + Provenance.fields(stepMode).get("cpu")
                + ", " + Runtime.getRuntime().availableProcessors() + " cores, OMP_NUM_THREADS="
                + System.getenv("OMP_NUM_THREADS") + ", OPENBLAS_CORETYPE=" + System.getenv("OPENBLAS_CORETYPE")
                + (referenceCoreType != null ? " (reference: " + referenceCoreType + ")" : ""));
        out.println("data: " + dataDescription);
        out.flush();
        List<BenchResult> results = new ArrayList<>();
        BenchResult dl4jSingle = Benchmark.dl4j(s, 1, loaded);
        results.add(dl4jSingle);
        out.println("DL4J trained by the " + dl4jSingle.trainedBy());
        out.flush();
        if (profile) {
            Map<String, Double> parts = StepProfile.millisPerStep();
            out.println("profile of the single trial's steps (ms per step after the first " + StepProfile.WARM_UP_STEPS + "):");
            parts.forEach((k, v) -> out.printf(Locale.ROOT, "  %-36s %8.2f%n", k, v));
            out.printf(Locale.ROOT, "  %-36s %8.2f%n", "total", parts.values().stream().mapToDouble(d -> d).sum());
            out.flush();
        }
        BenchResult dl4jParallel = null;
        if (parallel) {
            dl4jParallel = Benchmark.dl4j(s, trials, loaded);
            results.add(dl4jParallel);
        }
        BenchResult torchSingle = null;
        BenchResult torchParallel = null;
        if (reference) {
            try {
                torchSingle = Benchmark.pytorch(s, 1);
                torchParallel = parallel ? Benchmark.pytorch(s, trials) : null;
            } catch (java.io.IOException e) {
                // The DL4J numbers are still worth printing; no half of the reference is compared.
                spec.commandLine().getErr().println("warning: PyTorch reference skipped: " + e.getMessage());
                torchSingle = null;
                torchParallel = null;
            }
        }
        for (BenchResult r : new BenchResult[] {torchSingle, torchParallel}) {
            if (r != null) {
                results.add(r);
            }
        }
        Benchmark.print(out, results);
        Map<String, Double> ratios = new LinkedHashMap<>();
        if (parallel) {
            ratios.put("dl4j parallel / dl4j single (aggregate)", dl4jParallel.aggregate() / dl4jSingle.aggregate());
        }
        if (torchSingle != null) {
            ratios.put("dl4j / pytorch, one trial", dl4jSingle.perTrialMedian() / torchSingle.perTrialMedian());
        }
        if (torchParallel != null) {
            ratios.put("dl4j / pytorch, parallel (aggregate)", dl4jParallel.aggregate() / torchParallel.aggregate());
        }
        ratios.forEach((k, v) -> out.printf(Locale.ROOT, "%-42s %.2f%n", k, v));
        out.flush();
        if (json != null) {
            Map<String, Object> settings = new LinkedHashMap<>();
            settings.put("epochs", epochs);
            settings.put("batch", batch);
            settings.put("trials", trials);
            settings.put("referenceCoreType", referenceCoreType != null ? referenceCoreType : System.getenv("OPENBLAS_CORETYPE"));
            settings.put("layouts", parallel ? List.of("single", "parallel") : List.of("single"));
            settings.put("data", dataDescription);
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("workload", workload.toMap());
            doc.put("settings", settings);
            doc.put("machine", Provenance.fields(stepMode));
            doc.put("results", results);
            doc.put("ratios", ratios);
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), doc);
        }
        return Main.OK;
    }

    /** The workload the options name; a usage error (exit 2) when one is out of range. */
    Benchmark.Workload workload() {
        Benchmark.Model type = Enums.parse(Benchmark.Model.class, model);
        if (type == null) {
            throw new io.ablate4j.run.RunException("--model " + model + ": must be "
                    + Enums.allowed(Benchmark.Model.class));
        }
        double dropRate = dropout == null ? Benchmark.Workload.defaultDropRate(type) : dropout;
        if (dropout != null && !Rule.DROP.allows(dropRate)) {
            throw new io.ablate4j.run.RunException("--dropout " + dropout + ": " + Rule.DROP.allowed());
        }
        int size = trainSize == null ? type.fullTrainSize() : trainSize;
        if (size < 1 || size > type.fullTrainSize()) {
            throw new io.ablate4j.run.RunException("--train-size " + size + ": must be in [1, "
                    + type.fullTrainSize() + "], the size of the " + type.dataset().yamlName() + " training files");
        }
        return new Benchmark.Workload(type, batchNorm, dropRate, size);
    }
}
