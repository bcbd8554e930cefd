package io.ablate4j.report;

import io.ablate4j.report.read.Claim;
import io.ablate4j.report.read.RunData;
import io.ablate4j.report.read.VariantCells;
import io.ablate4j.report.stats.BaselineOutcome;
import io.ablate4j.report.stats.Claims;
import io.ablate4j.report.stats.Comparison;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What {@code compare} found, before any of it is written for people.
 *
 * @param dirA        run A's directory, as given
 * @param dirB        run B's directory, as given
 * @param a           run A
 * @param b           run B, judged by A's claims and statistics when the runs are comparable
 * @param differences the keys that define the experiment and differ; empty when the runs are comparable
 * @param variants    one row per variant of A, then one per variant only B has; empty when not comparable
 * @param claims      A's claims checked on both runs; empty when not comparable
 * @param provenance  the seeds and the provenance fields that differ
 * @param original    B's own claims, before it is judged by A's
 * @param measure     what the variants are compared in
 * @param rope        the ROPE of the variants' B − A in the measure's units; NaN or 0 for none
 * @param race        what a race saved and whether its selection holds, when either run is a race; else empty
 */
record ReproductionResult(Path dirA, Path dirB, RunData a, RunData b, List<Reproduction.KeyDifference> differences,
                          List<VariantRow> variants, List<ClaimRow> claims,
                          List<Reproduction.KeyDifference> provenance, List<Claim> original, Measure measure,
                          double rope, Optional<RaceReproduction> race) {
    ReproductionResult {
        differences = List.copyOf(differences);
        variants = List.copyOf(variants);
        claims = List.copyOf(claims);
        provenance = List.copyOf(provenance);
        original = List.copyOf(original);
    }

    Reproduction.Outcome outcome() {
        if (!differences.isEmpty()) {
            return Reproduction.Outcome.NOT_COMPARABLE;
        }
        boolean ok = variants.stream().allMatch(VariantRow::reproduced)
                && claims.stream().allMatch(ClaimRow::reproduced) && race.map(RaceReproduction::holds).orElse(true);
        return ok ? Reproduction.Outcome.REPRODUCED : Reproduction.Outcome.NOT_REPRODUCED;
    }

    /**
     * One variant of A (or of B only, with {@code a} null).
     *
     * @param comparison B − A ({@link Comparison.Result#NONE} when a side has fewer than 2 values)
     * @param seeds      the seeds both runs have and how many of them hold the same trials
     * @param identical  whether both runs hold the same trials with the same cells
     * @param baselineA  A's outcome against the baseline
     * @param detail     what the result's text adds for this variant (where it left a race), or empty
     */
    record VariantRow(VariantCells a, VariantCells b, String note, int nA, int nB, double meanA, double meanB,
                      Comparison.Result comparison, double pAdjusted, SameSeeds seeds, boolean identical,
                      AgainstBaseline baselineA, AgainstBaseline baselineB, VariantResult result, String detail) {
        VariantCells variant() {
            return a != null ? a : b;
        }

        boolean reproduced() {
            return result.reproduces();
        }

        /** The result for people, with the shared seeds that are identical when the variant is not. */
        String resultText() {
            return result.text() + detail + (!identical && seeds.identical() > 0 ? " (" + seeds.identical() + " of "
                    + seeds.shared() + " shared seeds identical)" : "");
        }
    }

    /**
     * The seeds both runs have for a variant, how many of them hold the same trials (folds) with the same status,
     * epochs and metric cells, and whether that is all of them on both sides.
     */
    record SameSeeds(int shared, int identical, boolean all) {
        static final SameSeeds NONE = new SameSeeds(0, 0, false);
    }

    /**
     * A variant against its run's baseline: the baseline itself, or its {@link BaselineOutcome}
     * ({@link BaselineOutcome#NONE} when the run has no baseline to compare with).
     */
    record AgainstBaseline(boolean isBaseline, BaselineOutcome outcome) {
        static final AgainstBaseline NONE = new AgainstBaseline(false, BaselineOutcome.NONE);

        String text() {
            return isBaseline ? "baseline" : outcome.text();
        }

        boolean isEmpty() {
            return text().isEmpty();
        }
    }

    /** One claim of A checked on both runs; {@code change} is B's difference minus A's. */
    record ClaimRow(Claims.Result a, Claims.Result b, Comparison.Result change, double pAdjusted, ClaimResult result) {
        boolean reproduced() {
            return result.reproduces();
        }
    }
}
