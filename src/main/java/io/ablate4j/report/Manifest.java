package io.ablate4j.report;

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
 */
record Manifest(int schemaVersion, String experiment, String description, String configFile, String configHash,
                List<String> axes, Map<String, String> baseline, String sweepMode, List<Long> seeds, int trialCount,
                int variantCount, String toolVersion, String dl4jVersion, String java, String os, String arch,
                Integer cores, String gitCommit, String startedAt, String finishedAt, Map<String, Object> config,
                List<Variant> variants, List<Claims.Claim> expectations) {
    Manifest {
        expectations = List.copyOf(expectations);
        axes = List.copyOf(axes);
        baseline = Collections.unmodifiableMap(new LinkedHashMap<>(baseline));
        seeds = List.copyOf(seeds);
        config = Collections.unmodifiableMap(new LinkedHashMap<>(config));
        variants = List.copyOf(variants);
    }

    /** A manifest without expectations. */
    Manifest(int schemaVersion, String experiment, String description, String configFile, String configHash,
             List<String> axes, Map<String, String> baseline, String sweepMode, List<Long> seeds, int trialCount,
             int variantCount, String toolVersion, String dl4jVersion, String java, String os, String arch,
             Integer cores, String gitCommit, String startedAt, String finishedAt, Map<String, Object> config,
             List<Variant> variants) {
        this(schemaVersion, experiment, description, configFile, configHash, axes, baseline, sweepMode, seeds,
                trialCount, variantCount, toolVersion, dl4jVersion, java, os, arch, cores, gitCommit, startedAt,
                finishedAt, config, variants, List.of());
    }

    /** The trials the run planned: {@code trialCount}, or variants × seeds when the manifest omits it. */
    int plannedTrials() {
        return trialCount > 0 ? trialCount : variants.size() * seeds.size();
    }
}
