package io.ablate4j.report.stats;

/**
 * What a comparison decides, for a claim ("A is higher than B") or a baseline comparison (is the change better,
 * worse or equivalent?).
 *
 * <ul>
 *   <li>confirmed: the difference points the claimed way and its adjusted p is below α — for a single
 *       comparison that is the 95% CI lying wholly beyond 0 on the claimed side;</li>
 *   <li>refuted: the 95% CI lies wholly inside the region of practical equivalence [−rope, +rope] (any
 *       effect is too small to matter; this wins over a significant but negligible difference), or the difference
 *       points the other way with adjusted p below α;</li>
 *   <li>inconclusive otherwise, with the seeds per variant that would give {@value Comparison#POWER}
 *       power for a difference of the ROPE's size (of the observed difference when there is no ROPE), from the
 *       observed variance, at the Bonferroni level α/m of a family of m comparisons (conservative for Holm).</li>
 * </ul>
 *
 * @param verdict     what it concludes
 * @param reason      why, in words ("the 95% CI lies inside the ROPE ±0.50 pts")
 * @param seedsNeeded seeds per variant that would decide an inconclusive one; NaN when decided or unknown
 * @param equivalent  refuted because the CI lies inside the ROPE (not because it points the other way)
 */
public record Decision(Conclusion verdict, String reason, double seedsNeeded, boolean equivalent) {
    Decision(Conclusion verdict, String reason, double seedsNeeded) {
        this(verdict, reason, seedsNeeded, false);
    }

    /**
     * @param r         the comparison of the claim's subject (a) with what it is compared with (b)
     * @param pAdjusted r's p adjusted over its family
     * @param higher    whether a is claimed higher than b
     * @param rope      the ROPE's half-width in the metric's units; NaN or 0 for none
     * @param family    how many comparisons share the adjustment
     * @param perSeed   comparisons (pairs) one seed contributes: 1, or the pooled variants per side
     * @param units     how a difference of the metric is written for people
     */
    static Decision of(Comparison.Result r, double pAdjusted, boolean higher, double rope, int family, int perSeed,
                       java.util.function.DoubleFunction<String> units) {
        if (!r.defined()) {
            return new Decision(Conclusion.INCONCLUSIVE, "needs at least 2 values on each side", Double.NaN);
        }
        boolean claimedWay = higher ? r.difference() > 0 : r.difference() < 0;
        boolean otherWay = higher ? r.difference() < 0 : r.difference() > 0;
        boolean hasRope = rope > 0;
        if (hasRope && r.ci().low() > -rope && r.ci().high() < rope) {
            return new Decision(Conclusion.REFUTED, "the 95% CI " + Fmt.interval(r.ci(), units)
                    + " lies inside the ROPE ±" + units.apply(rope).replace("+", ""), Double.NaN, true);
        }
        if (pAdjusted < Stats.ALPHA && claimedWay) {
            return new Decision(Conclusion.CONFIRMED, "p" + (family > 1 ? " (adjusted)" : "") + " " + Fmt.p(pAdjusted)
                    + " < " + Stats.ALPHA + ", the 95% CI " + Fmt.interval(r.ci(), units) + " lies beyond 0",
                    Double.NaN);
        }
        if (pAdjusted < Stats.ALPHA && otherWay) {
            return new Decision(Conclusion.REFUTED, "the difference points the other way, p"
                    + (family > 1 ? " (adjusted)" : "") + " " + Fmt.p(pAdjusted), Double.NaN);
        }
        double effect = hasRope ? rope : Math.abs(r.difference());
        double pairs = r.seedsFor(effect, Stats.ALPHA / Math.max(1, family));
        double seeds = Double.isFinite(pairs) ? Math.max(Math.ceil(pairs / Math.max(1, perSeed)),
                Math.ceil((double) r.n() / Math.max(1, perSeed)) + 1) : Double.NaN;
        String why = Double.isNaN(seeds)
                ? "no difference and no ROPE: no number of seeds would decide it; state a rope:"
                : seeds > Comparison.MAX_SEEDS ? "more than " + Comparison.MAX_SEEDS + " seeds would be needed"
                : "≈" + (long) seeds + " seeds would decide it (" + (int) (100 * Comparison.POWER) + "% power for a "
                + "difference of " + units.apply(effect).replace("+", "") + (hasRope ? ", the ROPE" : ", as observed")
                + ")";
        return new Decision(Conclusion.INCONCLUSIVE, why, seeds);
    }
}
