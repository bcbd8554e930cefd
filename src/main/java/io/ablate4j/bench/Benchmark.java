package io.ablate4j.bench;

import io.ablate4j.results.TrialStatus;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ablate4j.config.ConfigLoader;
import io.ablate4j.config.DatasetConfig;
import io.ablate4j.config.Enums;
import io.ablate4j.config.Enums.BatchNorm;
import io.ablate4j.config.Enums.DatasetName;
import io.ablate4j.config.Enums.WeightInit;
import io.ablate4j.config.Rule;
import io.ablate4j.data.DataCache;
import io.ablate4j.data.DataException;
import io.ablate4j.data.DataLoader;
import io.ablate4j.data.GeneratedCifar;
import io.ablate4j.network.Templates;
import io.ablate4j.run.TrialRunner;
import io.ablate4j.sweep.Plan;
import io.ablate4j.sweep.SweepExpander;
import io.ablate4j.sweep.Trial;
import io.ablate4j.training.EpochMetrics;
import io.ablate4j.training.TrialOutcome;
import io.ablate4j.training.lean.StepMode;
import io.ablate4j.training.lean.TrainingStep;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * Trial throughput of one workload (see {@link Workload}; the default is the reference workload of DESIGN.md: MLP
 * 784-256-256-10, ReLU, dropout 0.5, full Fashion-MNIST), Adam 1e-3, measured as training samples per second per
 * epoch, median over the epochs after the first. DL4J runs through the same code path as {@code ablate4j run}
 * (TrialRunner) on the config {@link #yaml} builds; PyTorch runs {@code bench/pytorch_reference.py} with the same
 * workload flags, which builds the same layer sequence. Both sides initialize every weight layer as PyTorch does by
 * default ({@link #INIT}: {@code model.weightInit: pytorch} on the DL4J side), so that the two sides train the same
 * model from the same distribution and their test accuracies can be compared.
 */
public final class Benchmark {
    private Benchmark() {
    }

    /** Images in the Fashion-MNIST training file: the most {@code trainSize} can ask for there. */
    public static final int FULL_TRAIN_SIZE = 60_000;
    /** Images in CIFAR-10's five training batches. */
    public static final int CIFAR10_TRAIN_SIZE = 50_000;
    /** Test images of the generated CIFAR-format files (the real test batch has 10,000). */
    public static final int GENERATED_TEST_SIZE = 2_000;
    /** The seed of the generated CIFAR-format files: every bench writes the same ones. */
    static final long GENERATED_SEED = 25;
    /**
     * The initialization of both sides: PyTorch's default for {@code nn.Linear} and {@code nn.Conv2d}
     * ({@code kaiming_uniform_(a=√5)}, i.e. weights U(±1/√fan_in), and biases U(±1/√fan_in), fan_in = inputs × kernel
     * area), which the reference applies explicitly and reports; BN's γ = 1 and β = 0 on both sides.
     */
    public static final WeightInit INIT = WeightInit.PYTORCH;
    /** Keras' cifar10_cnn as {@code model.to_json()} writes it: the preset's file, relative to the ablate4j directory. */
    public static final Path CIFAR_KERAS_FILE = Path.of("configs", "keras", "cifar10-cnn.json");

    /** The networks a bench can measure. */
    public enum Model implements Enums.Named {
        /** 784-256-256-10 on Fashion-MNIST. */
        MLP,
        /** conv32-pool-conv64-pool-dense128 (3×3 Same convolutions, 2×2 max pooling) on Fashion-MNIST. */
        CNN,
        /**
         * Keras' cifar10_cnn imported as written ({@link #CIFAR_KERAS_FILE}): conv32 same, conv32 valid + 2×2 max
         * pool, dropout 0.25, conv64 same, conv64 valid + pool, dropout 0.25, dense 512, dropout 0.5, on 32×32×3.
         */
        CIFAR10_CNN;

        @Override
        public String yamlName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        /** The most training images its data has. */
        public int fullTrainSize() {
            return this == CIFAR10_CNN ? CIFAR10_TRAIN_SIZE : FULL_TRAIN_SIZE;
        }

        /** Its dataset as configs name it. */
        public DatasetName dataset() {
            return this == CIFAR10_CNN ? DatasetName.CIFAR10 : DatasetName.FASHION_MNIST;
        }
    }

    /**
     * The network and data one bench measures.
     *
     * @param model     the network ({@link Model})
     * @param batchNorm BN before each hidden activation (weights without bias → BN → ReLU), else none
     * @param dropRate  mlp, cnn: the drop probability after every hidden block, after its BN and pooling; 0 = no
     *                  dropout layers. cifar10-cnn: the rate of each of the file's three dropout layers, or
     *                  {@link #AS_WRITTEN} for the file's own 0.25 / 0.25 / 0.5
     * @param trainSize training images per epoch, in [1, {@link Model#fullTrainSize()}]
     */
    public record Workload(Model model, boolean batchNorm, double dropRate, int trainSize) {
        /** The reference workload's rate (Srivastava et al.'s for hidden layers). */
        public static final double MLP_DROP_RATE = 0.5;
        /** The rate DESIGN.md's CNN reference numbers were measured with. */
        public static final double CNN_DROP_RATE = 0.25;
        /** cifar10-cnn's dropout as the Keras file has it (0.25, 0.25, 0.5). */
        public static final double AS_WRITTEN = Double.NaN;
        /** The Keras file's rates, in order. */
        public static final List<Double> CIFAR_RATES = List.of(0.25, 0.25, 0.5);

        public Workload {
            boolean asWritten = model == Model.CIFAR10_CNN && Double.isNaN(dropRate);
            if (!asWritten && !Rule.DROP.allows(dropRate)) {
                throw new IllegalArgumentException("dropRate " + dropRate + ": " + Rule.DROP.allowed());
            }
            if (trainSize < 1 || trainSize > model.fullTrainSize()) {
                throw new IllegalArgumentException("trainSize " + trainSize + " outside [1, " + model.fullTrainSize()
                        + "]");
            }
        }

        /** The drop probability a model gets when {@code --dropout} is not given. */
        public static double defaultDropRate(Model model) {
            return switch (model) {
                case MLP -> MLP_DROP_RATE;
                case CNN -> CNN_DROP_RATE;
                case CIFAR10_CNN -> AS_WRITTEN;
            };
        }

        /** The dropout as the header, the JSON and the reference name it: {@code 0.5}, or {@code 0.25/0.25/0.5}. */
        public String dropoutName() {
            return Double.isNaN(dropRate) ? String.join("/", CIFAR_RATES.stream().map(Benchmark::plain).toList())
                    : plain(dropRate);
        }

        /**
         * One line for the header, e.g. {@code MLP 784-256-256-10, ReLU, BN before each activation, dropout 0.5,
         * 60000 training images}.
         */
        public String describe() {
            String net = switch (model) {
                case MLP -> "MLP 784-256-256-10";
                case CNN -> "CNN conv32-pool-conv64-pool-dense128 (3x3 Same, max-pool 2)";
                case CIFAR10_CNN -> "Keras cifar10_cnn conv32-conv32-pool-conv64-conv64-pool-dense512 on 32x32x3";
            };
            return net + ", ReLU, " + (batchNorm ? "BN before each activation" : "no BN") + ", dropout "
                    + dropoutName() + ", " + trainSize + " training images";
        }

        /** The JSON form: the same keys and spellings as the YAML the DL4J side trains. */
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("model", model.yamlName());
            m.put("batchNorm", batchNormName());
            m.put("dropout", Double.isNaN(dropRate) ? dropoutName() : dropRate);
            m.put("trainSize", trainSize);
            m.put("weightInit", INIT.yamlName());
            m.put("description", describe());
            return m;
        }

        String batchNormName() {
            return (batchNorm ? BatchNorm.BEFORE_ACTIVATION : BatchNorm.NONE).yamlName();
        }
    }

    /**
     * What to measure.
     *
     * @param workload the network and data
     * @param dataDir  directory of the data files (the full IDX files; CIFAR-10's binary batches, real or generated),
     *                 or null to search the standard places
     * @param epochs   epochs per trial (the first is warm-up)
     * @param batch    minibatch size
     * @param trials   concurrent trials in the parallel layout; 1 runs the single layout only
     * @param python   python executable for the PyTorch reference, or null to skip it
     * @param script   the reference script
     * @param referenceCoreType OPENBLAS_CORETYPE for the reference only, or null: this process's
     * @param step     the path that trains DL4J's minibatches
     */
    public record Settings(Workload workload, Path dataDir, int epochs, int batch, int trials, String python,
                           Path script, String referenceCoreType, StepMode step) {
        /** Settings whose reference inherits this process's OPENBLAS_CORETYPE, with the lean step. */
        public Settings(Workload workload, Path dataDir, int epochs, int batch, int trials, String python, Path script) {
            this(workload, dataDir, epochs, batch, trials, python, script, null, StepMode.LEAN);
        }
    }

    /**
     * The experiment the DL4J side trains: {@code seeds} trials of the workload. The layer sequence NetworkFactory
     * builds from it is the contract the PyTorch reference mirrors: for mlp and cnn, per hidden block W(act) →
     * [MaxPool] → D without BN, W(identity, no bias) → BN → ReLU → [MaxPool] → D with it (dropoutPosition
     * after-bn), then softmax; for cifar10-cnn, the Keras file's layers as written, with BN between each weight
     * layer and its ReLU. Every weight layer is initialized by {@link #INIT}. Training images are a stratified draw
     * (splitSeed 0) from the training files; the whole test file is the test set.
     */
    static String yaml(Settings s, int seeds) {
        StringBuilder seedList = new StringBuilder();
        for (int i = 1; i <= seeds; i++) {
            seedList.append(i > 1 ? ", " : "").append(i);
        }
        Workload w = s.workload();
        String source = s.dataDir() == null ? "source: auto" : "source: path, path: '" + s.dataDir() + "'";
        String network = switch (w.model()) {
            case MLP -> "type: mlp, hidden: [256, 256], activation: relu, dropout: " + plain(w.dropRate());
            case CNN -> "type: cnn, conv: [{filters: 32, kernel: 3, stride: 1, pool: 2}, {filters: 64, kernel: 3, "
                    + "stride: 1, pool: 2}], hidden: [128], activation: relu, dropout: " + plain(w.dropRate());
            case CIFAR10_CNN -> "type: keras, file: '" + CIFAR_KERAS_FILE.toAbsolutePath() + "'"
                    + (Double.isNaN(w.dropRate()) ? "" : ", layerDropout: [" + String.join(", ",
                    java.util.Collections.nCopies(Workload.CIFAR_RATES.size(), plain(w.dropRate()))) + "]");
        };
        return "name: bench\n"
                + "dataset: {name: " + w.model().dataset().yamlName() + ", " + source + ", trainSize: "
                + w.trainSize() + ", validationSize: 0, testSize: 0"
                + (w.model() == Model.CIFAR10_CNN ? ", normalize: scale01" : "") + "}\n"
                + "model: {" + network + ", batchNorm: " + w.batchNormName() + ", dropoutPosition: after-bn, "
                + "weightInit: " + INIT.yamlName() + "}\n"
                + "training: {epochs: " + s.epochs() + ", batchSize: " + s.batch()
                + ", optimizer: {type: adam, learningRate: 1e-3}, trainEvalSamples: 1000}\n"
                + "seeds: [" + seedList + "]\n";
    }

    /**
     * CIFAR-10 for the cifar10-cnn workload: the directory given, else the real files where {@code source: auto}
     * finds them, else generated CIFAR-format files in a temporary directory ({@link GeneratedCifar}: enough
     * training images for {@code trainSize}, {@value #GENERATED_TEST_SIZE} test images), which {@link #close} deletes.
     * Both sides then read the same directory.
     *
     * @param dir         the directory of the batches
     * @param generated   whether the files were generated here
     * @param description what the header and the JSON say about them
     */
    public record CifarData(Path dir, boolean generated, String description) implements AutoCloseable {
        public static CifarData of(Path given, int trainSize) throws IOException {
            if (given != null) {
                return new CifarData(given, false, "CIFAR-format files in " + given);
            }
            try {
                DatasetConfig auto = ConfigLoader.parse("bench", "name: bench\ndataset: {name: cifar10, source: auto}\n"
                        + "model: {type: mlp}\ntraining: {epochs: 1}\n").base().dataset();
                Path found = DataLoader.files(auto).get(0).getParent();
                return new CifarData(found, false, "CIFAR-10 in " + found);
            } catch (DataException notFound) {
                Path dir = Files.createTempDirectory("ablate4j-bench-cifar");
                int perBatch = (trainSize + 4) / 5;
                GeneratedCifar.write(dir, DatasetName.CIFAR10, perBatch, GENERATED_TEST_SIZE, GENERATED_SEED,
                        new int[5 * perBatch + GENERATED_TEST_SIZE]);
                return new CifarData(dir, true, "generated CIFAR-format files (CIFAR-10 not found; " + 5 * perBatch
                        + " training, " + GENERATED_TEST_SIZE + " test images) in " + dir);
            }
        }

        @Override
        public void close() throws IOException {
            if (generated) {
                try (Stream<Path> files = Files.walk(dir)) {
                    for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(p);
                    }
                }
            }
        }
    }

    /** A rate as people and the reference script's flags read it: 0.5, 0.25, 0.0001, never Java's 1.0E-4. */
    static String plain(double v) {
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    /**
     * Trains {@code trials} trials at once on as many threads and reports each one's throughput; the data comes from
     * {@code data} (one cache for every layout of a bench, as the configs of one run share theirs).
     */
    public static BenchResult dl4j(Settings s, int trials, DataCache data) throws Exception {
        Plan plan = SweepExpander.expand(ConfigLoader.parse("bench", yaml(s, trials)));
        TrainingStep.prepare(); // once per JVM, as the local engine does before its first trial
        TrialRunner runner = new TrialRunner(data, Templates.fromEnvironment(), s.step());
        String path = trainingPath(runner, plan.trials().get(0), s.step());
        ExecutorService pool = Executors.newFixedThreadPool(trials);
        try {
            List<Future<TrialOutcome>> futures = new ArrayList<>();
            for (Trial t : plan.trials()) {
                futures.add(pool.submit(() -> runner.run(plan, t, null, () -> false, m -> { })));
            }
            List<Double> perTrial = new ArrayList<>();
            List<Double> setup = new ArrayList<>();
            double accuracy = 0;
            for (Future<TrialOutcome> f : futures) {
                TrialOutcome o = f.get();
                if (o.status() != TrialStatus.OK) {
                    throw new IllegalStateException("benchmark trial " + o.status() + ": " + o.error());
                }
                perTrial.add(medianAfterWarmUp(o.epochs()));
                setup.add(o.setupSeconds() * 1000);
                accuracy += o.epochs().get(o.epochs().size() - 1).testAcc() / trials;
            }
            return new BenchResult("dl4j", trials == 1 ? "single" : "parallel", perTrial,
                    perTrial.stream().mapToDouble(Double::doubleValue).sum(), accuracy, peakRssMib(), median(setup),
                    path);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Which code trains the trials' layers (the network of {@code trial}, built and initialized as the trial builds
     * it): e.g. {@code lean step: 14 layers, 9 by Java kernels, 5 by the step's own code, 0 by DL4J's layers}, or
     * {@code DL4J's fit (step mode dl4j)}.
     *
     * @throws IllegalStateException when the lean step was asked for and the network would fall back to
     *                               {@code fit} or leave a layer to DL4J's own code: the bench would not measure what
     *                               it names
     */
    static String trainingPath(TrialRunner runner, Trial trial, StepMode mode) {
        MultiLayerNetwork net = new MultiLayerNetwork(runner.network(trial));
        net.init();
        try (TrainingStep step = TrainingStep.of(net, mode)) {
            return trainingPath(step.fallbackReason(), step.layerPaths(), mode);
        } finally {
            net.close();
        }
    }

    static String trainingPath(String fallback, List<String> layers, StepMode mode) {
        if (fallback != null) {
            if (mode != StepMode.DL4J) {
                throw new IllegalStateException("the bench network goes through DL4J's fit, not the " + mode.value()
                        + " step: " + fallback);
            }
            return "DL4J's fit (" + fallback + ")";
        }
        List<Integer> delegated = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            if (layers.get(i).equals("dl4j")) {
                delegated.add(i);
            }
        }
        if (mode == StepMode.LEAN && !delegated.isEmpty()) {
            throw new IllegalStateException("the lean step would leave layers " + delegated + " of the bench network "
                    + "to DL4J's own code (" + layers + ")");
        }
        long kernels = layers.stream().filter("kernel"::equals).count();
        return mode.value() + " step: " + layers.size() + " layers, " + kernels + " by Java kernels, "
                + (layers.size() - kernels - delegated.size()) + " by the step's own code, " + delegated.size()
                + " by DL4J's layers";
    }

    /**
     * Runs the PyTorch reference script on the same workload and reads its JSON line.
     *
     * @throws IOException when the script fails, prints no JSON, or reports another workload than it was given
     *                     (its numbers would be compared against a different network)
     */
    public static BenchResult pytorch(Settings s, int trials) throws IOException, InterruptedException {
        Workload w = s.workload();
        List<String> cmd = new ArrayList<>(List.of(s.python(), s.script().toString(), "--json", "--epochs",
                Integer.toString(s.epochs()), "--batch", Integer.toString(s.batch()), "--threads", "1",
                "--model", w.model().yamlName(), "--train-size", Integer.toString(w.trainSize())));
        if (!Double.isNaN(w.dropRate())) {
            cmd.addAll(List.of("--dropout", plain(w.dropRate())));
        }
        if (w.batchNorm()) {
            cmd.add("--batch-norm");
        }
        if (trials > 1) {
            cmd.addAll(List.of("--layout", "parallel", "--trials", Integer.toString(trials)));
        }
        if (s.dataDir() != null) {
            cmd.addAll(List.of("--data", s.dataDir().toString()));
        }
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT);
        pb.environment().put("OMP_NUM_THREADS", "1");
        pb.environment().put("OPENBLAS_NUM_THREADS", "1");
        if (s.referenceCoreType() != null) {
            // the reference's own best OpenBLAS kernels, which need not be ours (PyTorch's OpenBLAS is 0.3.21)
            pb.environment().put("OPENBLAS_CORETYPE", s.referenceCoreType());
        }
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int code = p.waitFor();
        if (code != 0) {
            throw new IOException("the PyTorch reference failed (exit " + code + "): " + String.join(" ", cmd));
        }
        JsonNode json = new ObjectMapper().readTree(out.lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b)
                .orElseThrow(() -> new IOException("no JSON from " + String.join(" ", cmd) + ": " + out)));
        String asked = w.model().yamlName() + ", batch norm " + w.batchNorm() + ", dropout " + w.dropoutName()
                + ", " + w.trainSize() + " images, init " + INIT.yamlName();
        JsonNode dropout = json.path("dropout");
        String ran = json.path("model").asText("?") + ", batch norm " + json.path("batch_norm").asText("?")
                + ", dropout " + (dropout.isNumber() ? plain(dropout.asDouble()) : dropout.asText("?")) + ", "
                + json.path("train_size").asText("?") + " images, init " + json.path("init").asText("?");
        if (!ran.equals(asked)) {
            throw new IOException(s.script() + " reports it trained " + ran + ", not " + asked
                    + "; use the reference script of this checkout");
        }
        List<Double> perTrial = new ArrayList<>();
        json.path("per_trial_samples_per_second").forEach(n -> perTrial.add(n.asDouble()));
        if (perTrial.isEmpty()) {
            perTrial.add(json.path("samples_per_second_median").asDouble());
        }
        String blas = json.path("blas").asText("unknown");
        if (blas.equals("reference")) {
            System.err.println("warning: PyTorch runs on the unoptimized reference BLAS (" + json.path("blas_library").asText()
                    + "); the comparison is unfair to it. Install an optimized one: apt-get install libopenblas0-pthread");
        }
        return new BenchResult("pytorch " + json.path("version").asText() + "/" + blas, trials == 1 ? "single" : "parallel",
                perTrial, perTrial.stream().mapToDouble(Double::doubleValue).sum(),
                json.path("test_accuracy").asDouble(Double.NaN), json.path("peak_rss_mib").asDouble(Double.NaN), Double.NaN,
                null);
    }

    static double medianAfterWarmUp(List<EpochMetrics> epochs) {
        List<Double> rates = new ArrayList<>();
        for (EpochMetrics m : epochs.size() > 1 ? epochs.subList(1, epochs.size()) : epochs) {
            rates.add(m.samplesPerSecond());
        }
        return median(rates);
    }

    static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** Peak resident set of this process (VmHWM), MiB; NaN where /proc is not available. */
    static double peakRssMib() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"), StandardCharsets.UTF_8)) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }

    /** Prints the side-by-side table and the ratios the targets are stated in. */
    public static void print(java.io.PrintWriter out, List<BenchResult> results) {
        out.printf("%-24s %-9s %8s %14s %14s %9s %9s %9s%n", "system", "layout", "trials", "per-trial/s",
                "aggregate/s", "test acc", "peak MiB", "setup ms");
        for (BenchResult r : results) {
            out.printf("%-24s %-9s %8d %14.0f %14.0f %9.4f %9.0f %9.1f%n", r.system(), r.layout(), r.perTrial().size(),
                    r.perTrialMedian(), r.aggregate(), r.testAccuracy(), r.peakRssMib(), r.setupMillis());
        }
    }
}
