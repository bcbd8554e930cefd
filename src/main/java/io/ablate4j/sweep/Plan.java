package io.ablate4j.sweep;

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
 */
public record Plan(Experiment experiment, List<Variant> variants, List<Trial> trials, List<Trial> reserve,
                   String configHash) {
    public Plan {
        variants = List.copyOf(variants);
        trials = List.copyOf(trials);
        reserve = List.copyOf(reserve);
    }

    /** A plan with a fixed seed list. */
    public Plan(Experiment experiment, List<Variant> variants, List<Trial> trials, String configHash) {
        this(experiment, variants, trials, List.of(), configHash);
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

    public Optional<Variant> baseline() {
        return variants.stream().filter(Variant::baseline).findFirst();
    }

    public List<String> axes() {
        return experiment.sweep().axisNames();
    }
}
