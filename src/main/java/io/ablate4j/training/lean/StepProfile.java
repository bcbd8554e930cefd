package io.ablate4j.training.lean;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a training step's time goes, per layer and pass, for the benchmark's {@code --profile}: off unless the
 * system property {@value #PROPERTY} is {@code true}, and then only the lean step's {@code fit} is timed (one
 * {@code System.nanoTime} pair per stage and pass). Totals are per JVM, summed over every trial in it after the first {@value #WARM_UP_STEPS} steps.
 */
public final class StepProfile {
    /** System property that turns the profile on. */
    public static final String PROPERTY = "ablate4j.profile";
    static final boolean ON = Boolean.getBoolean(PROPERTY);
    private static final Map<String, long[]> TOTALS = new LinkedHashMap<>();
    private static long steps;
    /** Steps not counted at the start of the JVM: the JIT's warm-up (the vector kernels run interpreted at first). */
    public static final int WARM_UP_STEPS = 100;
    private static long seen;

    private StepProfile() {
    }

    /** Adds {@code nanos} to the part named {@code part} (e.g. "1 ConvStage forward"). */
    static synchronized void add(String part, long nanos) {
        if (seen < WARM_UP_STEPS) {
            return;
        }
        TOTALS.computeIfAbsent(part, k -> new long[1])[0] += nanos;
    }

    static synchronized void step() {
        if (seen++ >= WARM_UP_STEPS) {
            steps++;
        }
    }

    /** Milliseconds per step of each part timed so far, in the order first seen; empty when the profile is off. */
    public static synchronized Map<String, Double> millisPerStep() {
        Map<String, Double> out = new LinkedHashMap<>();
        if (steps > 0) {
            TOTALS.forEach((k, v) -> out.put(k, v[0] / 1e6 / steps));
        }
        return out;
    }
}
