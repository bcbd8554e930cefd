package io.ablate4j.report.render;

import static io.ablate4j.report.render.Blocks.h2;
import static io.ablate4j.report.render.Blocks.para;
import static io.ablate4j.report.render.ScoreCells.ci;
import static io.ablate4j.report.render.ScoreCells.gapUnit;
import static io.ablate4j.report.render.ScoreCells.gapValue;
import static io.ablate4j.report.render.ScoreCells.interval;
import static io.ablate4j.report.render.ScoreCells.meanSd;
import static io.ablate4j.report.render.ScoreCells.pts;

import io.ablate4j.report.read.Score;
import io.ablate4j.report.stats.BaselineOutcome;
import io.ablate4j.report.stats.Comparison;
import io.ablate4j.report.stats.Decision;
import io.ablate4j.report.stats.FactorEffects;
import io.ablate4j.report.stats.GapOutcome;
import io.ablate4j.report.stats.Fmt;
import io.ablate4j.report.stats.Stats;
import io.ablate4j.report.stats.Summary;
import io.ablate4j.report.stats.Verdict;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Each regularizer against the baseline: the verdict table with the difference, its test and outcome, the gap's
 * change, and the comparisons in more ways.
 */
final class VerdictSection {
    private VerdictSection() {
    }

    /** "≈5", "> 10000" or "–": the seeds that would decide an undecided comparison. */
    static String seeds(Decision d) {
        return Double.isFinite(d.seedsNeeded()) ? d.seedsNeeded() > Comparison.MAX_SEEDS
                ? "> " + Comparison.MAX_SEEDS : "≈" + (long) d.seedsNeeded() : "–";
    }

    /** The gap's verdict, "undecided" with the seeds that would decide it: {@code undecided (≈7 seeds)}. */
    static String gapOutcome(Summary.Row s) {
        GapOutcome o = s.gapOutcome();
        return o == GapOutcome.NONE ? "–" : o.text() + (o == GapOutcome.UNDECIDED
                && Double.isFinite(s.gapDecision().seedsNeeded()) ? " (" + seeds(s.gapDecision()) + " seeds)" : "");
    }

    static void add(List<Doc.Block> d, ReportDocument.Content c) {
        d.add(h2("Verdict", "verdict"));
        Optional<Summary.Row> base = c.summary().stream().filter(Summary.Row::baseline).findFirst();
        if (c.baseline().isEmpty() || base.isEmpty()) {
            String why = Blocks.whyNoBaseline(c.manifest());
            d.add(para(Character.toUpperCase(why.charAt(0)) + why.substring(1) + ", so no setting is compared "
                    + "with a reference. The factor effects below show which axes matter; the summary ranks the "
                    + "variants."));
            c.effects().main().stream().filter(e -> Double.isFinite(e.etaSquared()))
                    .max(Comparator.comparingDouble(FactorEffects.MainEffect::etaSquared))
                    .ifPresent(e -> d.add(para("Largest factor effect on " + c.score().label("test") + ": "
                            + e.axis() + " (η² = "
                            + Fmt.eta(e.etaSquared()) + ").")));
            return;
        }
        long family = c.summary().stream().filter(r -> Double.isFinite(r.p())).count();
        long gapFamily = c.summary().stream().filter(r -> r.gapComparison().defined()).count();
        Score sc = c.score();
        String correction = Stats.correctionName(c.manifest().statistics().correction());
        double rope = c.manifest().statistics().rope(sc);
        d.add(para("Each row changes the baseline (" + c.baseline().get().label() + ") in one setting, unless "
                + "marked otherwise. Δ test is the difference of mean " + sc.label("test")
                + (sc.fraction() ? " in percentage points" : " in the target's units (negative is better)")
                + " with its 95% CI; the variant and the baseline are compared seed by seed (paired t-test; "
                + "Welch's test where their seeds differ), p adjusted by " + correction + " across all " + family
                + " variant-vs-baseline comparisons. \"helped\" / \"hurt\": better / worse with adjusted p < "
                + Stats.ALPHA + "; " + (Double.isFinite(rope) ? "\"equivalent\": the 95% CI lies inside the "
                + "region of practical equivalence ±" + Fmt.difference(sc, rope).replace("+", "")
                + " (statistics.rope); "
                : "") + "\"undecided\": neither, with the seeds that would decide it. Δ gap is the change of the "
                + "overfitting gap (" + sc.gapName() + " at the best epoch; negative means less overfitting), tested "
                + "the same way, its p adjusted across the " + gapFamily + " comparisons of the gap: \"narrowed\" / "
                + "\"widened\" with adjusted p < " + Stats.ALPHA + (Double.isFinite(rope) && sc.fraction()
                ? ", \"equivalent\" inside the same ROPE" : "") + "."));
        List<List<String>> rows = new ArrayList<>();
        List<String> classes = new ArrayList<>();
        Summary.Row b = base.get();
        rows.add(List.of("baseline: " + b.variant().label(), Integer.toString(b.n()), meanSd(sc, b), ci(sc, b), "",
                "", "reference", gapValue(sc, b.gapMean()), "", "", "reference"));
        classes.add("baseline");
        List<List<String>> details = new ArrayList<>();
        for (Verdict.Row v : c.verdict()) {
            Summary.Row s = v.stats();
            Comparison.Result x = s.comparison();
            Decision dec = s.decision();
            String seeds = seeds(dec);
            String outcome = v.outcome().text() + (v.outcome() == BaselineOutcome.UNDECIDED
                    && Double.isFinite(dec.seedsNeeded()) ? " (" + seeds + " seeds)" : "");
            Comparison.Result g = s.gapComparison();
            rows.add(List.of(v.change(), Integer.toString(s.n()), meanSd(sc, s), ci(sc, s),
                    ScoreCells.difference(sc, s.delta(), x), x.defined() ? x.test() + ", " + Fmt.p(s.pAdjusted())
                    : "–", outcome, gapValue(sc, s.gapMean()), ScoreCells.gapDifference(sc, s.gapDelta(), g),
                    g.defined() ? Fmt.p(s.gapPAdjusted()) : "–", gapOutcome(s)));
            classes.add(Blocks.rowClass(v.outcome()));
            details.add(List.of(v.change(), interval(x.bootstrapCi(), y -> Fmt.plainDifference(sc, y)),
                    ScoreCells.permutation(x, "seeds"), ScoreCells.hedges(x, "seeds"),
                    Fmt.num(sc.higherIsBetter() ? x.pGreater() : 1 - x.pGreater(), 2),
                    x.defined() ? Fmt.plain(sc, x.mde()) : "–", seeds, Fmt.p(s.p())));
        }
        d.add(new Doc.Table("Regularizers against the baseline", List.of("change", "n", "test " + sc.key() + sc.unit(),
                "95% CI" + sc.unit(), "Δ test [95% CI]" + pts(sc), "test, p (" + correction + ")",
                "verdict", "gap" + gapUnit(sc), "Δ gap [95% CI]" + gapUnit(sc), "gap: p (" + correction + ")",
                "gap verdict"), rows, classes));
        SummarySection.clippedNote(d, c);
        if (!details.isEmpty()) {
            d.add(new Doc.Table("How sure: the comparisons in more ways", List.of("change", "bootstrap 95% CI"
                    + pts(sc), "p (permutation)", "Hedges' g", "P(better)", "MDE (80% power)" + pts(sc),
                    "seeds to decide", "p (unadjusted)"), details, null));
            d.add(para("The minimum detectable effect (MDE) is the smallest difference these seeds find with "
                    + "80% power; a real effect below it is likely to come out undecided. Bootstrap, permutation, "
                    + "Hedges' g and P(better) as in the claims' notes: " + Comparison.RESAMPLES + " percentile "
                    + "bootstrap resamples (seed " + Comparison.BOOTSTRAP_SEED + "), exact permutations, P(better) "
                    + "the share of seeds in which the change scored better."));
        }
    }
}
