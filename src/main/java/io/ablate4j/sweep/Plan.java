package io.ablate4j.sweep;

import io.ablate4j.config.BaselineSource;
import io.ablate4j.config.Experiment;
import java.util.List;
import java.util.Optional;

/**
 * An experiment expanded into variants and trials.
 *
 * @param experiment the loaded experiment
 * @param variants   variants in sweep order
 * @param trials     variants × seeds, variant-major (with adaptive seeds: the initial seeds)
 * @param reserve    with adaptive seeds, the trials of the seeds after the initial ones, variant-major, which a run
 *                   trains only where the statistics ask for them; empty otherwise
 * @param configHash hash of everything that decides the trials; a run directory resumes only under the same hash
 * @param baselineSource how the baseline variant was chosen ({@link BaselineSource#NONE}: there is none)
 */
public record Plan(Experiment experiment, List<Variant> variants, List<Trial> trials, List<Trial> reserve,
                   String configHash, BaselineSource baselineSource) {
    public Plan {
        variants = List.copyOf(variants);
        trials = List.copyOf(trials);
        reserve = List.copyOf(reserve);
    }

    /** Every trial the run may train: the planned ones, then the reserve. */
    public List<Trial> allTrials() {
        if (reserve.isEmpty()) {
            return trials;
        }
        List<Trial> all = new java.util.ArrayList<>(trials);
        all.addAll(reserve);
        return all;
    }

    /** "5 variants × 3 seeds", with "× 5 folds" under k-fold cross-validation: what multiplies to the trials. */
    public String shape() {
        int folds = experiment.base().dataset().folds();
        return variants.size() + " variants × " + experiment.seeds().size() + " seeds"
                + (experiment.adaptive() != null ? " (adaptive: up to " + experiment.adaptive().max() + ")" : "")
                + (folds > 0 ? " × " + folds + " folds" : "");
    }

    /** The baseline variant; empty with {@code baseline: none}. */
    public Optional<Variant> baseline() {
        return variants.stream().filter(Variant::baseline).findFirst();
    }

    /**
     * The baseline for the console: {@code baseline: model.dropout=0, model.batchNorm=none (the base config's
     * values)}, or {@code baseline: none (...)}.
     */
    public String baselineLine() {
        return "baseline: " + baseline().map(Variant::label).map(l -> l + " (" + baselineSource.text() + ")")
                .orElse("none (" + baselineSource.text() + ")");
    }

    public List<String> axes() {
        return experiment.sweep().axisNames();
    }
}
