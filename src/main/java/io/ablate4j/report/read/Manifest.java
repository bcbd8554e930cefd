package io.ablate4j.report.read;

import io.ablate4j.config.BaselineSource;
import io.ablate4j.config.Enums;
import io.ablate4j.results.ManifestKeys;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parts of {@code manifest.json} the report uses. Absent text fields are null, absent counts 0.
 *
 * @param axes     sweep axis key paths in sweep order
 * @param baseline axis → value of the baseline variant; empty when the experiment names none
 * @param config   the resolved base config as nested maps and lists
 * @param variants every planned variant in sweep order
 * @param expectations the claims of the config's {@code expect:}, in file order; empty when it has none
 * @param statistics   how the report decides ({@code statistics:} of the config; defaults for older manifests)
 * @param adaptive     the adaptive seed design ({@code seeds: {initial, max, step}}); null for a fixed seed list
 * @param provenance   the fields of {@link ManifestKeys#PROVENANCE} the manifest has, as text (a value as written,
 *                     an object as compact JSON), in that order; absent and null fields are left out
 * @param baselineSource how the run chose its baseline; null for a manifest older than the rule (its empty
 *                       baseline means the config named none)
 * @param classNames     a classification's class names by index (a table's text labels sorted, the image sets'
 *                       own); empty when the manifest has none
 * @param dataDescription what the data is and how it was split, as {@code validate} prints it; null when the
 *                       manifest does not say (older runs)
 * @param race         the race's settings ({@code sweep.race}); null for a run without a race (or a manifest older
 *                     than the {@code race} key)
 */
public record Manifest(int schemaVersion, String experiment, String description, String configFile, String configHash,
                       List<String> axes, Map<String, String> baseline, String sweepMode, List<Long> seeds,
                       int trialCount, int variantCount, String startedAt, String finishedAt,
                       Map<String, Object> config, List<VariantCells> variants, List<Claim> expectations,
                       Statistics statistics, Adaptive adaptive, Map<String, String> provenance,
                       BaselineSource baselineSource, List<String> classNames, String dataDescription,
                       Race race) {
    /**
     * {@code adaptiveSeeds} of the manifest.
     *
     * @param sequence the seeds in the order variants receive them (max of them)
     * @param initial  how many each variant starts with
     * @param step     seeds added per look
     * @param planned  variant id → the seeds the looks gave it (the first that many of the sequence), replayed
     *                 from the trials (by the statistics' looks); a variant not in it has the initial seeds
     */
    public record Adaptive(List<Long> sequence, int initial, int step, Map<String, Integer> planned) {
        public Adaptive {
            sequence = List.copyOf(sequence);
            planned = Map.copyOf(planned);
        }

        public Adaptive withPlanned(Map<String, Integer> counts) {
            return new Adaptive(sequence, initial, step, counts);
        }

        /** The seeds the variant was planned with. */
        public List<Long> seedsOf(String variantId) {
            return first(planned.getOrDefault(variantId, initial));
        }

        public int max() {
            return sequence.size();
        }

        /** The first {@code count} seeds of the sequence. */
        public List<Long> first(int count) {
            return sequence.subList(0, Math.min(count, sequence.size()));
        }
    }

    /**
     * {@code race} of the manifest: how the race was run.
     *
     * @param rule  {@code test} or {@code top}
     * @param alpha rule test: the most probability that the truly best variant leaves
     * @param eta   the factor between rungs (rule top: the best 1/eta go on)
     * @param rungs the epochs after which the survivors were compared
     */
    public record Race(String rule, double alpha, int eta, List<Integer> rungs) {
        public Race {
            rungs = List.copyOf(rungs);
        }

        /** "rule test, alpha 0.05, rungs at epochs 1, 3" (eta only where it decides: rule top). */
        public String describe() {
            String at = rungs.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(", "));
            return "rule " + rule + ("top".equals(rule) ? ", eta " + eta : ", alpha " + alpha)
                    + ", rungs at epoch" + (rungs.size() == 1 ? " " : "s ") + at;
        }
    }

    /**
     * @param rope       ROPE half-width of the baseline comparisons in points of the score (percentage points of
     *                   accuracy, the target's units of RMSE), as the config states it; NaN for none
     * @param correction how p-values are adjusted across a family of comparisons
     */
    public record Statistics(double rope, Enums.Correction correction) {
        static final Statistics DEFAULT = new Statistics(Double.NaN, Enums.Correction.HOLM);

        /** The ROPE in the score's own units (fractions for accuracy); NaN for none. */
        public double rope(Score score) {
            return score.fraction() ? rope / 100 : rope;
        }
    }

    public Manifest {
        statistics = statistics == null ? Statistics.DEFAULT : statistics;
        expectations = List.copyOf(expectations);
        axes = List.copyOf(axes);
        baseline = Collections.unmodifiableMap(new LinkedHashMap<>(baseline));
        seeds = List.copyOf(seeds);
        config = Collections.unmodifiableMap(new LinkedHashMap<>(config));
        variants = List.copyOf(variants);
        provenance = Collections.unmodifiableMap(new LinkedHashMap<>(provenance));
        classNames = classNames == null ? List.of() : List.copyOf(classNames);
    }

    /** A manifest of a fixed seed list without expectations, default statistics or provenance (tests, fixtures). */
    public Manifest(int schemaVersion, String experiment, String description, String configFile, String configHash,
                    List<String> axes, Map<String, String> baseline, String sweepMode, List<Long> seeds,
                    int trialCount, int variantCount, String startedAt, String finishedAt, Map<String, Object> config,
                    List<VariantCells> variants) {
        this(schemaVersion, experiment, description, configFile, configHash, axes, baseline, sweepMode, seeds,
                trialCount, variantCount, startedAt, finishedAt, config, variants, List.of(), Statistics.DEFAULT, null,
                Map.of(), null, List.of(), null, null);
    }

    /** A provenance field ({@link ManifestKeys#PROVENANCE}) as text; null when the manifest lacks it. */
    public String provenance(String field) {
        return provenance.get(field);
    }

    /**
     * This manifest judged by other claims and statistics (a rerun checked by the original run's {@code expect:}); its
     * own seed design stays, since its trials were collected under it.
     */
    public Manifest judgedBy(List<Claim> claims, Statistics rules) {
        return new Manifest(schemaVersion, experiment, description, configFile, configHash, axes, baseline, sweepMode,
                seeds, trialCount, variantCount, startedAt, finishedAt, config, variants, claims, rules, adaptive,
                provenance, baselineSource, classNames, dataDescription, race);
    }

    /**
     * The sweep mode when it is not a full grid ({@code random}, {@code one-at-a-time}): its axes are not balanced
     * against each other; null for a grid or when the manifest does not say.
     */
    public String partialSweep() {
        return sweepMode == null || sweepMode.equals("grid") ? null : sweepMode;
    }

    /** The trials the run planned: {@code trialCount}, or variants × seeds when the manifest omits it. */
    public int plannedTrials() {
        if (adaptive != null) {
            int folds = seeds.isEmpty() || variants.isEmpty() || trialCount == 0 ? 1
                    : Math.max(1, trialCount / (variants.size() * seeds.size()));
            return folds * variants.stream().mapToInt(v -> seedsOf(v.variantId()).size()).sum();
        }
        return trialCount > 0 ? trialCount : variants.size() * seeds.size();
    }

    /** The seeds a variant was planned with: the seed list, or with adaptive seeds those its looks gave it. */
    public List<Long> seedsOf(String variantId) {
        return adaptive != null ? adaptive.seedsOf(variantId) : seeds;
    }

    /** The same manifest with another adaptive design (the replayed seeds per variant filled in). */
    public Manifest with(Adaptive a) {
        return new Manifest(schemaVersion, experiment, description, configFile, configHash, axes, baseline,
                sweepMode, seeds, trialCount, variantCount, startedAt, finishedAt, config, variants, expectations,
                statistics, a, provenance, baselineSource, classNames, dataDescription, race);
    }
}
