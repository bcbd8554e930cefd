package io.ablate4j.report;

import io.ablate4j.report.read.RunData;
import io.ablate4j.report.read.Score;
import io.ablate4j.report.read.TrialRow;
import io.ablate4j.report.read.VariantCells;
import io.ablate4j.report.stats.Comparison;
import io.ablate4j.report.stats.Race;
import io.ablate4j.report.stats.Stats;
import io.ablate4j.report.stats.Summary;
import io.ablate4j.results.TrialStatus;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code compare} when a run is a race ({@code sweep.race}): what the race saved and whether its selection holds.
 *
 * <ul>
 *   <li><b>Compute</b>: each run's trial-epochs ({@link Race#trialEpochs}, as the report's Race section counts
 *       them), and B's as a fraction of A's.</li>
 *   <li><b>Selection</b>: each run's variant selected by validation ({@link Summary#selected}). It holds when both
 *       runs select the same variant, or when the judging run's own results cannot tell the two apart: B's pick
 *       against A's in the judging run's validation score, paired by seed ({@link Summary#compare}), p ≥ α
 *       (two-sided); otherwise it differs, and the runs do not reproduce. The judging run is the one that trained both picks to the end: A when it did (the reference),
 *       else B. When neither did (two races that each pruned the other's pick) the selection cannot be checked, which
 *       is said and does not decide the outcome.</li>
 * </ul>
 * A variant that left a race is not compared variant by variant ({@link VariantResult#PRUNED_IN_B},
 * {@link VariantResult#PRUNED_IN_A}): leaving is what a race does; whether it left the right ones is the selection's
 * question.
 *
 * @param trialEpochsA A's trial-epochs
 * @param trialEpochsB B's trial-epochs
 * @param pickA        A's selected variant; null when it has none
 * @param pickB        B's selected variant; null when it has none
 * @param judge        "A" or "B", the run whose results judge the selection; null when neither can
 * @param comparison   B's pick − A's pick in the judge's validation score ({@link Comparison.Result#NONE} when the
 *                     picks are the same variant or cannot be compared)
 * @param score        the runs' score, whose validation column the selection is made in
 */
record RaceReproduction(double trialEpochsA, double trialEpochsB, VariantCells pickA, VariantCells pickB,
                        String judge, Comparison.Result comparison, Score score) {
    /** Whether the selection holds, fails, or cannot be checked. */
    enum Selection { SAME_VARIANT, CANNOT_TELL_APART, DIFFERS, UNCHECKED }

    /** The race check of two runs; empty when neither is a race. */
    static Optional<RaceReproduction> of(RunData a, RunData b) {
        if (!raced(a) && !raced(b)) {
            return Optional.empty();
        }
        VariantCells pickA = Summary.selected(a).orElse(null);
        VariantCells pickB = Summary.selected(b).orElse(null);
        String judge = null;
        Comparison.Result comparison = Comparison.Result.NONE;
        if (pickA != null && pickB != null && !pickA.variantId().equals(pickB.variantId())) {
            // The judge trained both picks to the end (at least 2 seeds each): A, the reference, when it did
            for (RunData judgedIn : List.of(a, b)) {
                Map<Long, Double> x = Summary.bySeed(judgedIn, pickB.variantId(), TrialRow::valScore);
                Map<Long, Double> y = Summary.bySeed(judgedIn, pickA.variantId(), TrialRow::valScore);
                if (x.size() >= 2 && y.size() >= 2) {
                    judge = judgedIn == a ? "A" : "B";
                    comparison = Summary.compare(x, y, values(x), values(y));
                    break;
                }
            }
        }
        return Optional.of(new RaceReproduction(Race.trialEpochs(a.trials()), Race.trialEpochs(b.trials()), pickA,
                pickB, judge, comparison, a.score()));
    }

    /** Whether the run is a race: its manifest says so, or it has pruned trials. */
    static boolean raced(RunData run) {
        return run.manifest().race() != null
                || run.trials().stream().anyMatch(t -> t.status() == TrialStatus.PRUNED);
    }

    /** Whether the variant left the run's race: it has pruned trials and no ok one. */
    static boolean pruned(RunData run, String variantId) {
        return run.trials().stream().anyMatch(t -> t.variantId().equals(variantId)
                && t.status() == TrialStatus.PRUNED)
                && run.trials().stream().noneMatch(t -> t.variantId().equals(variantId) && t.ok());
    }

    /** The epochs the variant's trials reached before they left the race (the most of them). */
    static int prunedAfter(RunData run, String variantId) {
        return (int) run.trials().stream().filter(t -> t.variantId().equals(variantId))
                .mapToDouble(TrialRow::epochsRun).filter(Double::isFinite).max().orElse(0);
    }

    /** B's trial-epochs as a fraction of A's; NaN when A has none. */
    double fraction() {
        return trialEpochsA > 0 ? trialEpochsB / trialEpochsA : Double.NaN;
    }

    Selection selection() {
        if (pickA == null || pickB == null) {
            return Selection.UNCHECKED;
        }
        if (pickA.variantId().equals(pickB.variantId())) {
            return Selection.SAME_VARIANT;
        }
        if (judge == null || !comparison.defined()) {
            return Selection.UNCHECKED;
        }
        return comparison.p() >= Stats.ALPHA ? Selection.CANNOT_TELL_APART : Selection.DIFFERS;
    }

    /**
     * Whether the selection lets the runs reproduce: the same variant, or two the judging run cannot tell apart (or
     * none to check). It does not when the judging run puts one pick behind the other beyond seed noise: the judge's
     * own pick has the best mean there, so the other run's race (or selection) chose worse.
     */
    boolean holds() {
        return selection() != Selection.DIFFERS;
    }

    private static double[] values(Map<Long, Double> bySeed) {
        return bySeed.values().stream().mapToDouble(Double::doubleValue).toArray();
    }
}
