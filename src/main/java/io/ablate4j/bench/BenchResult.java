package io.ablate4j.bench;

import java.util.List;

/**
 * Throughput of one system in one layout.
 *
 * @param system           "dl4j" or "pytorch"
 * @param layout           "single" (one trial) or "parallel" (concurrent trials, one native thread each)
 * @param perTrial         median samples/s of each trial over the epochs after the first (warm-up)
 * @param aggregate        sum of the per-trial medians
 * @param testAccuracy     test accuracy after the last epoch (sanity check: both sides learn)
 * @param peakRssMib       peak resident memory of the process(es), MiB
 * @param setupMillis      per-trial set-up (network build and init, data views), median over trials; NaN if not measured
 * @param trainedBy        DL4J: which code trained the layers ({@code Benchmark.trainingPath}); null for PyTorch
 */
public record BenchResult(String system, String layout, List<Double> perTrial, double aggregate, double testAccuracy,
                          double peakRssMib, double setupMillis, String trainedBy) {
    public BenchResult {
        perTrial = List.copyOf(perTrial);
    }

    public double perTrialMedian() {
        return Benchmark.median(perTrial);
    }
}
