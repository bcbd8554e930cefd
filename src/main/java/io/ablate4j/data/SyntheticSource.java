package io.ablate4j.data;

import io.ablate4j.random.Prng;
import io.ablate4j.config.Enums.SyntheticShape;
import io.ablate4j.config.SyntheticConfig;

/**
 * Generated classification and regression problems, all draws from {@code splitSeed}. Each split comes from its own
 * PRNG stream, so changing one split's size never changes the examples of another.
 *
 * <ul>
 *   <li>blobs: class centres drawn once from N(0, 1) per coordinate; an example is its class centre plus
 *       N(0, noise²) per coordinate.</li>
 *   <li>spirals: K arms interleaved in the first two dimensions, arm k at angle 2πk/K + 2π·TURNS·t and
 *       radius ARM_GAP·K·TURNS·t for t uniform in [0, 1), so neighbouring arms lie ARM_GAP apart along any
 *       ray; N(0, noise²) is added to every coordinate, and dimensions beyond the second are pure noise.</li>
 *   <li>friedman1 (Friedman 1991, as scikit-learn's {@code make_friedman1}): inputs uniform in [0, 1], of which the
 *       first five matter; the target is 10 sin(π x1 x2) + 20 (x3 − 0.5)² + 10 x4 + 5 x5 + N(0, noise²).</li>
 * </ul>
 * Classes are balanced in every split (largest remainder). {@code labelNoise} replaces that fraction of
 * the training labels (rounded) with a uniformly drawn other class; validation and test stay clean.
 */
final class SyntheticSource {
    static final double TURNS = 1.5;
    static final double ARM_GAP = 4.0;
    /** Examples in the test split when testSize is 0 (there is no "whole test file" to keep). */
    static final int DEFAULT_TEST_SIZE = 1000;

    private static final long CENTRES = 1;
    private static final long TRAIN = 2;
    private static final long VALIDATION = 3;
    private static final long TEST = 4;
    private static final long LABEL_NOISE = 5;

    private SyntheticSource() {
    }

    /** The three splits of a synthetic dataset (validation null when its size is 0). */
    record Generated(Examples train, Examples validation, Examples test) {
    }

    static Generated generate(SyntheticConfig cfg, int trainSize, int validationSize, int testSize, long seed) {
        double[][] centres = cfg.shape() == SyntheticShape.BLOBS ? centres(cfg, Prng.stream(seed, CENTRES)) : null;
        Examples train = split(cfg, centres, trainSize, Prng.stream(seed, TRAIN));
        if (!train.regression()) {
            flipLabels(train.labels, cfg.classes(), cfg.labelNoise(), Prng.stream(seed, LABEL_NOISE));
        }
        Examples validation = validationSize == 0 ? null
                : split(cfg, centres, validationSize, Prng.stream(seed, VALIDATION));
        int tests = testSize == 0 ? DEFAULT_TEST_SIZE : testSize;
        return new Generated(train, validation, split(cfg, centres, tests, Prng.stream(seed, TEST)));
    }

    private static double[][] centres(SyntheticConfig cfg, Prng rng) {
        double[][] c = new double[cfg.classes()][cfg.features()];
        for (double[] centre : c) {
            for (int j = 0; j < centre.length; j++) {
                centre[j] = rng.nextGaussian();
            }
        }
        return c;
    }

    private static Examples split(SyntheticConfig cfg, double[][] centres, int n, Prng rng) {
        if (cfg.shape() == SyntheticShape.FRIEDMAN1) {
            return friedman1(cfg, n, rng);
        }
        int k = cfg.classes();
        int d = cfg.features();
        long[] equal = new long[k];
        java.util.Arrays.fill(equal, 1);
        int[] perClass = Splits.allocate(n, equal);
        int[] labels = new int[n];
        for (int c = 0, i = 0; c < k; c++) {
            for (int j = 0; j < perClass[c]; j++) {
                labels[i++] = c;
            }
        }
        rng.shuffle(labels);
        float[] x = new float[n * d];
        for (int i = 0; i < n; i++) {
            int c = labels[i];
            int row = i * d;
            if (centres != null) {
                for (int j = 0; j < d; j++) {
                    x[row + j] = (float) (centres[c][j] + cfg.noise() * rng.nextGaussian());
                }
            } else {
                double t = rng.nextDouble();
                double angle = 2 * StrictMath.PI * (TURNS * t + (double) c / k);
                double radius = ARM_GAP * k * TURNS * t;
                x[row] = (float) (radius * StrictMath.cos(angle) + cfg.noise() * rng.nextGaussian());
                x[row + 1] = (float) (radius * StrictMath.sin(angle) + cfg.noise() * rng.nextGaussian());
                for (int j = 2; j < d; j++) {
                    x[row + j] = (float) (cfg.noise() * rng.nextGaussian());
                }
            }
        }
        return Examples.ofFloats(x, d, labels, k);
    }

    private static Examples friedman1(SyntheticConfig cfg, int n, Prng rng) {
        int d = cfg.features();
        float[] x = new float[n * d];
        float[] y = new float[n];
        double[] u = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                u[j] = rng.nextDouble();
                x[i * d + j] = (float) u[j];
            }
            double signal = 10 * StrictMath.sin(StrictMath.PI * u[0] * u[1]) + 20 * (u[2] - 0.5) * (u[2] - 0.5)
                    + 10 * u[3] + 5 * u[4];
            y[i] = (float) (signal + cfg.noise() * rng.nextGaussian());
        }
        return Examples.ofTargets(x, d, y);
    }

    /** Replaces round(fraction·n) labels, chosen without replacement, by a uniformly drawn other class. */
    static int flipLabels(int[] labels, int classes, double fraction, Prng rng) {
        int flips = (int) Math.round(fraction * labels.length);
        if (flips == 0) {
            return 0;
        }
        int[] order = Splits.range(labels.length);
        rng.shuffle(order);
        for (int i = 0; i < flips; i++) {
            int idx = order[i];
            int other = rng.nextInt(classes - 1);
            labels[idx] = other >= labels[idx] ? other + 1 : other;
        }
        return flips;
    }
}
