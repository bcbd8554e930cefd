package io.ablate4j.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ablate4j.config.ConfigLoader;
import io.ablate4j.run.TrialRunner;
import io.ablate4j.sweep.Plan;
import io.ablate4j.sweep.SweepExpander;
import io.ablate4j.sweep.Trial;
import io.ablate4j.training.EpochMetrics;
import io.ablate4j.training.TrainingStep;
import io.ablate4j.training.TrialOutcome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The reference workload of DESIGN.md: MLP 784-256-256-10, ReLU, dropout 0.5, Adam 1e-3, full Fashion-MNIST
 * (60,000 training images), measured as training samples per second per epoch, median over the epochs after the
 * first. DL4J runs through the same code path as {@code ablate4j run} (TrialRunner); PyTorch runs
 * {@code bench/pytorch_reference.py} with the same settings.
 */
public final class Benchmark {
    private Benchmark() {
    }

    /**
     * What to measure.
     *
     * @param dataDir directory of the full IDX files, or null to search the standard places
     * @param epochs  epochs per trial (the first is warm-up)
     * @param batch   minibatch size
     * @param trials  concurrent trials in the parallel layout
     * @param python  python executable for the PyTorch reference, or null to skip it
     * @param script  the reference script
     */
    public record Settings(Path dataDir, int epochs, int batch, int trials, String python, Path script) {
    }

    static String yaml(Settings s, int seeds) {
        StringBuilder seedList = new StringBuilder();
        for (int i = 1; i <= seeds; i++) {
            seedList.append(i > 1 ? ", " : "").append(i);
        }
        String source = s.dataDir() == null ? "source: auto" : "source: path, path: '" + s.dataDir() + "'";
        return "name: bench\n"
                + "dataset: {name: fashion-mnist, " + source + ", trainSize: 60000, validationSize: 0, testSize: 0}\n"
                + "model: {type: mlp, hidden: [256, 256], activation: relu, dropout: 0.5}\n"
                + "training: {epochs: " + s.epochs() + ", batchSize: " + s.batch()
                + ", optimizer: {type: adam, learningRate: 1e-3}, trainEvalSamples: 1000}\n"
                + "seeds: [" + seedList + "]\n";
    }

    /** Trains {@code trials} trials at once on as many threads and reports each one's throughput. */
    public static BenchResult dl4j(Settings s, int trials) throws Exception {
        Plan plan = SweepExpander.expand(ConfigLoader.parse("bench", yaml(s, trials)));
        TrainingStep.prepare(); // once per JVM, as the local engine does before its first trial
        ExecutorService pool = Executors.newFixedThreadPool(trials);
        try {
            List<Future<TrialOutcome>> futures = new ArrayList<>();
            for (Trial t : plan.trials()) {
                futures.add(pool.submit(() -> TrialRunner.run(plan, t, null, () -> false, m -> { })));
            }
            List<Double> perTrial = new ArrayList<>();
            List<Double> setup = new ArrayList<>();
            double accuracy = 0;
            for (Future<TrialOutcome> f : futures) {
                TrialOutcome o = f.get();
                if (o.status() != TrialOutcome.Status.OK) {
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

    /** Runs the PyTorch reference script and reads its JSON line. */
    public static BenchResult pytorch(Settings s, int trials) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(s.python(), s.script().toString(), "--json", "--epochs",
                Integer.toString(s.epochs()), "--batch", Integer.toString(s.batch()), "--threads", "1"));
        if (trials > 1) {
            cmd.addAll(List.of("--layout", "parallel", "--trials", Integer.toString(trials)));
        }
        if (s.dataDir() != null) {
            cmd.addAll(List.of("--data", s.dataDir().toString()));
        }
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT);
        pb.environment().put("OMP_NUM_THREADS", "1");
        pb.environment().put("OPENBLAS_NUM_THREADS", "1");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int code = p.waitFor();
        if (code != 0) {
            throw new IOException("the PyTorch reference failed (exit " + code + "): " + String.join(" ", cmd));
        }
        JsonNode json = new ObjectMapper().readTree(out.lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b)
                .orElseThrow(() -> new IOException("no JSON from " + String.join(" ", cmd) + ": " + out)));
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
