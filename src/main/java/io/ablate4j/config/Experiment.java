package io.ablate4j.config;

import io.ablate4j.config.Schema.Top;
import java.util.List;
import java.util.Map;

/**
 * One loaded experiment file: the base variant, the seeds, the sweep and the baseline, plus the raw tree
 * that sweep values are applied to.
 *
 * @param name        experiment name (used in run directory names)
 * @param description free text, shown in the report
 * @param base        the variant the file describes before sweeping
 * @param seeds       replicate seeds
 * @param sweep       the sweep axes
 * @param baseline    axis → value of the baseline variant as {@code baseline:} writes it; empty when it writes
 *                    none (the sweep then resolves the baseline by {@link BaselineSource}'s rule)
 * @param raw         the parsed file
 * @param expectations the claims the run is expected to confirm ({@code expect:}), in file order
 * @param statistics  how the report decides ({@code statistics:})
 * @param adaptive    {@code seeds: {initial, max, step}}: more seeds where undecided; null for a fixed seed list
 *                    ({@link #seeds} then holds the initial seeds)
 * @param noBaseline  {@code baseline: none}: no variant is the baseline and nothing is compared with one
 */
public record Experiment(String name, String description, VariantConfig base, List<Long> seeds, SweepConfig sweep,
                         Map<String, Object> baseline, RawConfig raw,
                         List<Expectation> expectations, StatisticsConfig statistics, AdaptiveSeeds adaptive,
                         boolean noBaseline) {
    /** @throws ConfigException naming the key, the value and what is allowed */
    public Experiment {
        if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,79}")) {
            throw new ConfigException(Top.NAME.path(), name, "must be " + Top.NAME.allowed() + " (it names the run "
                    + "directory)");
        }
        java.util.Objects.requireNonNull(statistics, "statistics");
        seeds = List.copyOf(seeds);
        if (seeds.isEmpty()) {
            throw new ConfigException(Top.SEEDS.path(), seeds, "needs at least one seed, e.g. [1, 2, 3]");
        }
        for (int i = 0; i < seeds.size(); i++) {
            if (seeds.subList(0, i).contains(seeds.get(i))) {
                throw new ConfigException(Top.SEEDS.path() + "[" + i + "]", seeds.get(i), "duplicate seed; replicates "
                        + "need distinct seeds");
            }
        }
        expectations = List.copyOf(expectations);
        baseline = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(baseline));
    }

    /** An experiment whose baseline the sweep resolves (from {@code baseline}, else by the rule). */
    public Experiment(String name, String description, VariantConfig base, List<Long> seeds, SweepConfig sweep,
                      Map<String, Object> baseline, RawConfig raw, List<Expectation> expectations,
                      StatisticsConfig statistics, AdaptiveSeeds adaptive) {
        this(name, description, base, seeds, sweep, baseline, raw, expectations, statistics, adaptive, false);
    }

    /** An experiment with a fixed seed list. */
    public Experiment(String name, String description, VariantConfig base, List<Long> seeds, SweepConfig sweep,
                      Map<String, Object> baseline, RawConfig raw, List<Expectation> expectations,
                      StatisticsConfig statistics) {
        this(name, description, base, seeds, sweep, baseline, raw, expectations, statistics, null);
    }

    /** An experiment with the default statistics. */
    public Experiment(String name, String description, VariantConfig base, List<Long> seeds, SweepConfig sweep,
                      Map<String, Object> baseline, RawConfig raw, List<Expectation> expectations) {
        this(name, description, base, seeds, sweep, baseline, raw, expectations, StatisticsConfig.DEFAULT);
    }

    /** Every seed a variant may be trained with: the list, or the adaptive sequence up to {@code max}. */
    public List<Long> allSeeds() {
        return adaptive == null ? seeds : adaptive.sequence();
    }

    public String source() {
        return raw.source();
    }
}
