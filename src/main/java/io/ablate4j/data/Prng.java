package io.ablate4j.data;

/**
 * SplitMix64 (Steele, Lea &amp; Flood 2014), written out here so that every subset, split and generated
 * example depends only on the seed: not on the JDK's choice of algorithm, the platform or the thread.
 * Gaussians use {@link StrictMath}, whose results are specified bit for bit, unlike {@link Math}'s.
 */
final class Prng {
    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;
    private long state;

    Prng(long seed) {
        this.state = seed;
    }

    /** An independent stream for a purpose, so that adding draws to one purpose never shifts another. */
    static Prng stream(long seed, long purpose) {
        return new Prng(mix(seed ^ mix(purpose + GOLDEN_GAMMA)));
    }

    long nextLong() {
        state += GOLDEN_GAMMA;
        return mix(state);
    }

    /** Uniform in [0, bound), without modulo bias (rejection on the top bits). */
    int nextInt(int bound) {
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

    /** Uniform in [0, 1) with 53 random bits. */
    double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Standard normal by Box-Muller; one value per call (the partner is discarded to keep no state). */
    double nextGaussian() {
        double u1 = 1.0 - nextDouble(); // in (0, 1]: log never sees 0
        double u2 = nextDouble();
        return StrictMath.sqrt(-2.0 * StrictMath.log(u1)) * StrictMath.cos(2.0 * StrictMath.PI * u2);
    }

    /** Fisher-Yates shuffle in place. */
    void shuffle(int[] a) {
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
