package io.ablate4j.bench;

import io.ablate4j.results.TrialStatus;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ablate4j.config.ConfigLoader;
import io.ablate4j.config.Enums.BatchNorm;
import io.ablate4j.config.Enums.ModelType;
import io.ablate4j.config.Rule;
import io.ablate4j.data.DataCache;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Trial throughput of one workload (see {@link Workload}; the default is the reference workload of DESIGN.md: MLP
 * 784-256-256-10, ReLU, dropout 0.5, full Fashion-MNIST), Adam 1e-3, measured as training samples per second per
 * epoch, median over the epochs after the first. DL4J runs through the same code path as {@code ablate4j run}
 * (TrialRunner) on the config {@link #yaml} builds; PyTorch runs {@code bench/pytorch_reference.py} with the same
 * workload flags, which builds the same layer sequence.
 */
public final class Benchmark {
    private Benchmark() {
    }

    /** Images in the Fashion-MNIST training file: the most {@code trainSize} can ask for. */
    public static final int FULL_TRAIN_SIZE = 60_000;

    /**
     * The network and data one bench measures.
     *
     * @param model     mlp: 784-256-256-10; cnn: conv32-pool-conv64-pool-dense128 (3×3 Same convolutions with
     *                  stride 1, 2×2 max pooling with stride 2)
     * @param batchNorm BN before each hidden activation (weights without bias → BN → ReLU), else none
     * @param dropRate  drop probability after every hidden block, after its BN and pooling; 0 = no dropout layers
     * @param trainSize training images per epoch, in [1, {@value Benchmark#FULL_TRAIN_SIZE}]
     */
    public record Workload(ModelType model, boolean batchNorm, double dropRate, int trainSize) {
        /** The reference workload's rate (Srivastava et al.'s for hidden layers). */
        public static final double MLP_DROP_RATE = 0.5;
        /** The rate DESIGN.md's CNN reference numbers were measured with. */
        public static final double CNN_DROP_RATE = 0.25;

        public Workload {
            if (!Rule.DROP.allows(dropRate)) {
                throw new IllegalArgumentException("dropRate " + dropRate + ": " + Rule.DROP.allowed());
            }
            if (trainSize < 1 || trainSize > FULL_TRAIN_SIZE) {
                throw new IllegalArgumentException("trainSize " + trainSize + " outside [1, " + FULL_TRAIN_SIZE + "]");
            }
        }

        /** The drop probability a model gets when {@code --dropout} is not given. */
        public static double defaultDropRate(ModelType model) {
            return model == ModelType.CNN ? CNN_DROP_RATE : MLP_DROP_RATE;
        }

        /**
         * One line for the header, e.g. {@code MLP 784-256-256-10, ReLU, BN before each activation, dropout 0.5,
         * 60000 training images}.
         */
        public String describe() {
            return (model == ModelType.CNN ? "CNN conv32-pool-conv64-pool-dense128 (3x3 Same, max-pool 2)"
                    : "MLP 784-256-256-10") + ", ReLU, " + (batchNorm ? "BN before each activation" : "no BN")
                    + ", dropout " + plain(dropRate) + ", " + trainSize + " training images";
        }

        /** The JSON form: the same keys and spellings as the YAML the DL4J side trains. */
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("model", model.yamlName());
            m.put("batchNorm", batchNormName());
            m.put("dropout", dropRate);
            m.put("trainSize", trainSize);
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
     * @param dataDir  directory of the full IDX files, or null to search the standard places
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
     * builds from it is the contract the PyTorch reference mirrors: per hidden block W(act) → [MaxPool] → D without
     * BN, W(identity, no bias) → BN → ReLU → [MaxPool] → D with it (dropoutPosition after-bn), then softmax.
     * Training images are a stratified draw (splitSeed 0) from the training file; the whole test file is the test set.
     */
    static String yaml(Settings s, int seeds) {
        StringBuilder seedList = new StringBuilder();
        for (int i = 1; i <= seeds; i++) {
            seedList.append(i > 1 ? ", " : "").append(i);
        }
        Workload w = s.workload();
        String source = s.dataDir() == null ? "source: auto" : "source: path, path: '" + s.dataDir() + "'";
        String network = w.model() == ModelType.CNN
                ? "type: cnn, conv: [{filters: 32, kernel: 3, stride: 1, pool: 2}, {filters: 64, kernel: 3, stride: 1, "
                        + "pool: 2}], hidden: [128]"
                : "type: mlp, hidden: [256, 256]";
        return "name: bench\n"
                + "dataset: {name: fashion-mnist, " + source + ", trainSize: " + w.trainSize()
                + ", validationSize: 0, testSize: 0}\n"
                + "model: {" + network + ", activation: relu, dropout: " + plain(w.dropRate()) + ", batchNorm: "
                + w.batchNormName() + ", dropoutPosition: after-bn}\n"
                + "training: {epochs: " + s.epochs() + ", batchSize: " + s.batch()
                + ", optimizer: {type: adam, learningRate: 1e-3}, trainEvalSamples: 1000}\n"
                + "seeds: [" + seedList + "]\n";
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
                    perTrial.stream().mapToDouble(Double::doubleValue).sum(), accuracy, peakRssMib(), median(setup));
        } finally {
            pool.shutdownNow();
        }
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
                "--model", w.model().yamlName(), "--dropout", plain(w.dropRate()),
                "--train-size", Integer.toString(w.trainSize())));
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
        String asked = w.model().yamlName() + ", batch norm " + w.batchNorm() + ", dropout " + plain(w.dropRate())
                + ", " + w.trainSize() + " images";
        String ran = json.path("model").asText("?") + ", batch norm " + json.path("batch_norm").asText("?")
                + ", dropout " + (json.has("dropout") ? plain(json.path("dropout").asDouble()) : "?") + ", "
                + json.path("train_size").asText("?") + " images";
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
                json.path("test_accuracy").asDouble(Double.NaN), json.path("peak_rss_mib").asDouble(Double.NaN), Double.NaN);
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
