package io.ablate4j.random;

import java.util.Random;

/**
 * The seeded random streams of ablate4j: SplitMix64 (Steele, Lea &amp; Flood 2014), written out here so that every
 * draw depends only on the seed, not on the JDK's choice of algorithm, the platform or the thread. Gaussians use
 * {@link StrictMath}, whose results are specified bit for bit, unlike {@link Math}'s.
 *
 * <p>Users: subsets, splits, folds and generated data ({@code data}), the report's bootstrap, permutation and
 * sign-flip resampling and its simulated sequential tables ({@code report}). Batch order, augmentation draws and
 * random sweeps draw from {@link #lcg}: {@link java.util.Random}, whose 48-bit linear congruential algorithm is
 * specified by the Java SE API and so pinned as well; they keep it because committed results depend on its draws.
 * Not thread-safe: one stream per user.
 */
public final class Prng {
    /** SplitMix64's increment, the odd integer closest to 2^64 / φ. */
    public static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;
    private long state;

    public Prng(long seed) {
        this.state = seed;
    }

    /** An independent stream for a purpose, so that adding draws to one purpose never shifts another. */
    public static Prng stream(long seed, long purpose) {
        return new Prng(mix(seed ^ mix(purpose + GOLDEN_GAMMA)));
    }

    /**
     * The pinned {@link java.util.Random} (a 48-bit LCG specified by the Java SE API) for the streams whose draws
     * committed results depend on: batch order and augmentation ({@code data.BatchIterator}), random sweeps
     * ({@code sweep}), the training step's probe data, and generated CIFAR-format images
     * ({@code data.GeneratedCifar}).
     */
    public static Random lcg(long seed) {
        return new Random(seed);
    }

    /**
     * {@code seed·γ + δ}: a seed spread over all 64 bits, so that the small consecutive trial seeds people write
     * (1, 2, 3) seed {@link #lcg} streams far apart.
     */
    public static long spread(long seed) {
        return seed * GOLDEN_GAMMA + 0x632BE59BD9B4E019L;
    }

    public long nextLong() {
        state += GOLDEN_GAMMA;
        return mix(state);
    }

    /** Uniform in [0, bound), without modulo bias (rejection on the top bits). */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive: " + bound);
        }
        long limit = (1L << 31) - ((1L << 31) % bound);
        long r;
        do {
            r = nextLong() >>> 33;
        } while (r >= limit);
        return (int) (r % bound);
    }

    /**
     * Uniform in [0, bound) by Lemire's multiply-shift of the top 32 bits: one draw per value, with a bias below
     * bound / 2^32 (immaterial for the resampling that uses it, which keeps it because its p-values are pinned).
     */
    public int below(int bound) {
        return (int) (((nextLong() >>> 32) * bound) >>> 32);
    }

    /** Uniform in [0, 1) with 53 random bits. */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform in (0, 1] with 53 random bits: {@code (k + 1) / 2^53}. */
    public double nextDoubleAboveZero() {
        return ((nextLong() >>> 11) + 1) * 0x1.0p-53;
    }

    /** Standard normal by Box-Muller with u1 = 1 − {@link #nextDouble()}; one value per call (no state kept). */
    public double nextGaussian() {
        double u1 = 1.0 - nextDouble(); // in (0, 1]: log never sees 0
        return boxMuller(u1, nextDouble());
    }

    /**
     * Box-Muller's cosine branch: √(−2 ln u1) · cos(2π u2), with StrictMath so that every platform computes the
     * same value. {@code u1} must be in (0, 1].
     */
    public static double boxMuller(double u1, double u2) {
        return StrictMath.sqrt(-2.0 * StrictMath.log(u1)) * StrictMath.cos(2.0 * StrictMath.PI * u2);
    }

    /** Fisher-Yates shuffle in place. */
    public void shuffle(int[] a) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
