package io.ablate4j.sweep;

import io.ablate4j.config.Experiment;
import java.util.List;
import java.util.Optional;

/**
 * An experiment expanded into variants and trials.
 *
 * @param experiment the loaded experiment
 * @param variants   variants in sweep order
 * @param trials     variants × seeds, variant-major
 * @param configHash hash of everything that decides the trials; a run directory resumes only under the same hash
 */
public record Plan(Experiment experiment, List<Variant> variants, List<Trial> trials, String configHash) {
    public Plan {
        variants = List.copyOf(variants);
        trials = List.copyOf(trials);
    }

    /** "5 variants × 3 seeds", with "× 5 folds" under k-fold cross-validation: what multiplies to the trials. */
    public String shape() {
        int folds = experiment.base().dataset().folds();
        return variants.size() + " variants × " + experiment.seeds().size() + " seeds"
                + (folds > 0 ? " × " + folds + " folds" : "");
    }

    public Optional<Variant> baseline() {
        return variants.stream().filter(Variant::baseline).findFirst();
    }

    public List<String> axes() {
        return experiment.sweep().axisNames();
    }
}
