package io.ablate4j.config;

import io.ablate4j.config.Schema.Seeds;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code seeds: {initial, max, step}}: seeds added only where the statistics have not decided yet.
 *
 * <p>Every variant is trained with the {@code initial} seeds first. After each round (a "look") the claims
 * ({@code expect:}) and the baseline comparisons are decided on the trials so far; the variants of each undecided
 * one get {@code step} more seeds, up to {@code max} seeds per variant, until nothing is undecided or every
 * undecided comparison's variants are at {@code max}. The statistics of such a run are sequentially valid (the
 * report package's {@code Sequential}).
 *
 * @param initial the seeds every variant starts with (at least 2)
 * @param max     the most seeds a variant gets (more than {@code initial.size()})
 * @param step    seeds added to an undecided comparison's variants per look (at least 1)
 */
public record AdaptiveSeeds(List<Long> initial, int max, int step) {
    /** The most seeds per variant a config may ask for. */
    public static final int MAX_SEEDS = 100;

    /** @throws ConfigException naming the key, the value and what is allowed */
    public AdaptiveSeeds {
        initial = List.copyOf(initial);
        if (initial.size() < Seeds.MIN_INITIAL) {
            throw new ConfigException(Seeds.INITIAL.path(), initial, "needs at least " + Seeds.MIN_INITIAL + " seeds: "
                    + "a comparison needs 2 per side");
        }
        for (int i = 0; i < initial.size(); i++) {
            if (initial.subList(0, i).contains(initial.get(i))) {
                throw new ConfigException(Seeds.INITIAL.path() + "[" + i + "]", initial.get(i), "duplicate seed; "
                        + "replicates need distinct seeds");
            }
        }
        Seeds.MAX.check(max);
        if (max <= initial.size()) {
            throw new ConfigException(Seeds.MAX.path(), max, "must be more than the " + initial.size() + " initial "
                    + "seeds (at most " + MAX_SEEDS + ")");
        }
        Seeds.STEP.check(step, 1, max - initial.size());
    }

    /**
     * The seeds in the order variants receive them: the initial ones, then the integers after the largest initial
     * seed, {@code max} in all.
     */
    public List<Long> sequence() {
        List<Long> out = new ArrayList<>(initial);
        long next = initial.stream().mapToLong(Long::longValue).max().orElse(0) + 1;
        while (out.size() < max) {
            out.add(next++);
        }
        return out;
    }

    /** The seed counts a variant can have: initial, initial + step, ..., capped at max. */
    public List<Integer> looks() {
        List<Integer> out = new ArrayList<>();
        for (int n = initial.size(); n < max; n += step) {
            out.add(n);
        }
        out.add(max);
        return out;
    }
}
