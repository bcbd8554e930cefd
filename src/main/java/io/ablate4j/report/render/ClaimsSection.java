package io.ablate4j.report.render;

import static io.ablate4j.report.render.Blocks.h2;
import static io.ablate4j.report.render.Blocks.para;
import static io.ablate4j.report.render.ScoreCells.interval;

import io.ablate4j.report.read.Claim;
import io.ablate4j.report.stats.Claims;
import io.ablate4j.report.stats.Comparison;
import io.ablate4j.report.stats.Conclusion;
import io.ablate4j.report.stats.Fmt;
import io.ablate4j.report.stats.Stats;
import java.util.ArrayList;
import java.util.List;

/**
 * The claims of {@code expect:} in full: each side's values, the difference with its test and ROPE, the verdict and
 * why, and the comparisons in more ways (bootstrap, permutation, effect size, MDE).
 */
final class ClaimsSection {
    private ClaimsSection() {
    }

    static void add(List<Doc.Block> d, ReportDocument.Content c) {
        if (c.claims().isEmpty()) {
            return;
        }
        d.add(h2("Claims", "claims"));
        String correction = Stats.correctionName(c.manifest().statistics().correction());
        d.add(para("The expectations stated in the config, checked against the ok trials. Each side pools the "
                + "variants its selector matches (axes it leaves out are pooled); values are means with 95% "
                + "confidence intervals and the number of values. Trials with the same seed share the data split, "
                + "the minibatch order and the augmentation draws, so the two sides are compared as pairs, matched "
                + "by seed and by the axes neither side names (paired t-test); sides that do not match one to one "
                + "are compared by Welch's test. p is adjusted across the " + c.claims().size() + " claim(s) by "
                + correction + ". \"confirmed\": the difference points the claimed way with adjusted p < "
                + Stats.ALPHA + " (the 95% CI lies beyond 0); \"refuted\": the 95% CI lies inside the claim's "
                + "region of practical equivalence (rope:), or the difference points the other way with adjusted p < "
                + Stats.ALPHA + "; \"inconclusive\": neither, with the seeds per variant that would give "
                + (int) (100 * Comparison.POWER) + "% power for a difference of the ROPE's size (of the observed "
                + "difference without a ROPE), from the observed variance. " + (c.score().regression()
                ? "RMSE and MAE are in the target's units (lower is better), R² is unit-free (higher is better); "
                + "gap_loss is validation − train loss at the best epoch."
                : "gap_acc is train − validation accuracy at the best epoch, gap_final_acc at the last epoch; "
                + "epochs_to_val_acc is the first epoch whose validation accuracy reaches the threshold; a trial that "
                + "never does counts as its epochs run + 1.") + (c.crossValidated() ? " With cross-validation a "
                + "side's values are one per variant and seed, the mean over its folds." : "")));
        List<List<String>> rows = new ArrayList<>();
        List<String> classes = new ArrayList<>();
        List<List<String>> details = new ArrayList<>();
        for (Claims.Result r : c.claims()) {
            Claim k = r.claim();
            Comparison.Result x = r.comparison();
            rows.add(List.of(k.claim(), Claims.metricLabel(k), expected(r), side(k, r.subject()),
                    side(k, r.than()), difference(r),
                    x.defined() ? x.test() + ", " + Fmt.p(r.pAdjusted()) : "–",
                    Double.isFinite(k.rope()) ? "±" + Claims.difference(k, k.ropeInUnits()).replace("+", "") : "–",
                    r.verdict().text(), r.decision().reason()));
            classes.add(claimClass(r));
            details.add(List.of(k.claim(), x.defined() ? Integer.toString(x.n()) + (x.paired() ? " pairs" : "")
                    : "–", interval(x.bootstrapCi(), v -> Claims.difference(k, v)),
                    ScoreCells.permutation(x, "pairs"), ScoreCells.hedges(x, "pairs"), Fmt.num(r.pClaimedWay(), 2),
                    x.defined() ? Claims.difference(k, x.mde()).replace("+", "") : "–", Fmt.p(r.p())));
        }
        d.add(new Doc.Table("Expected outcomes", List.of("claim", "metric", "expected", "subject", "than",
                "difference [95% CI]", "test, p (" + correction + ")", "ROPE", "verdict", "why"), rows, classes));
        d.add(new Doc.Table("How sure: the claims' comparisons in more ways", List.of("claim", "n",
                "bootstrap 95% CI", "p (permutation)", "Hedges' g", "P(claimed way)", "MDE (80% power)",
                "p (unadjusted)"), details, null));
        d.add(para("Bootstrap: percentile interval of the mean difference, " + Comparison.RESAMPLES + " resamples "
                + "(pairs resampled when paired), seed " + Comparison.BOOTSTRAP_SEED + ". Permutation: exact sign "
                + "flips of the differences (paired) or splits of the pooled values (Welch), two-sided. Hedges' g: "
                + "the difference in standard deviations (g_av for pairs, g_s otherwise), small-sample corrected. "
                + "P(claimed way): the share of pairs (or of all cross pairs) in which the subject lies the claimed "
                + "way, ties counting half. MDE: the smallest difference these seeds find with 80% power."));
        List<String> notes = c.claims().stream().filter(r -> !r.note().isEmpty())
                .map(r -> r.claim().claim() + ": " + r.note()).toList();
        if (!notes.isEmpty()) {
            d.add(new Doc.Bullets(notes, Doc.Style.NOTE));
        }
    }

    static String expected(Claims.Result r) {
        return r.claim().direction() + ": " + r.subject().label() + " than " + r.than().label();
    }

    static String difference(Claims.Result r) {
        Claim k = r.claim();
        Comparison.Result x = r.comparison();
        return Claims.difference(k, r.difference())
                + (x.defined() ? " " + Fmt.interval(x.ci(), v -> Claims.difference(k, v)) : "");
    }

    static String claimClass(Claims.Result r) {
        return r.verdict() == Conclusion.CONFIRMED ? "good" : r.verdict() == Conclusion.REFUTED ? "bad" : null;
    }

    /** "87.10% [86.20, 88.00] (n=3)". */
    static String side(Claim c, Claims.Side s) {
        if (s.n() == 0) {
            return "no results";
        }
        Stats.Interval ci = s.ci();
        String interval = Double.isFinite(ci.low())
                ? " [" + (c.isFraction() ? Fmt.pct(ci.low()) + ", " + Fmt.pct(ci.high()) : c.isEpochs()
                ? Fmt.num(ci.low(), 1) + ", " + Fmt.num(ci.high(), 1) : Fmt.sig(ci.low()) + ", " + Fmt.sig(ci.high()))
                + "]" : "";
        return Claims.value(c, s.mean()) + interval + " (n=" + s.n() + ")";
    }
}
