package io.ablate4j.report.render;

import io.ablate4j.report.read.Claim;
import io.ablate4j.report.read.Manifest;
import io.ablate4j.report.read.Score;
import io.ablate4j.report.read.VariantCells;
import io.ablate4j.report.stats.Claims;
import io.ablate4j.report.stats.Comparison;
import io.ablate4j.report.stats.Completeness;
import io.ablate4j.report.stats.FactorEffects;
import io.ablate4j.report.stats.Fmt;
import io.ablate4j.report.stats.Stats;
import io.ablate4j.report.stats.Summary;
import io.ablate4j.report.stats.Verdict;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The report's verdict as a few plain ASCII lines for the console (what {@code report} prints):
 * completeness, each claim, the baseline comparisons with the largest differences, the selected variant and the
 * warnings.
 */
public final class ConsoleVerdict {
    private static final int CONSOLE_ROWS = 5;
    private static final int WARNING_CHARS = 200;

    private ConsoleVerdict() {
    }

    /** One console line per row: {@code model.dropout=0.5: test acc +2.10 pts vs baseline (p_holm=0.003, …)}. */
    static String line(Verdict.Row row, Score score) {
        Summary.Row s = row.stats();
        if (s.n() == 0 || !Double.isFinite(s.delta())) {
            return row.shortChange() + ": no results";
        }
        Comparison.Result k = s.comparison();
        String significance = k.defined()
                ? Fmt.interval(k.ci(), y -> Fmt.plainDifference(score, y)) + ", " + k.test() + " p_adj="
                + Fmt.p(s.pAdjusted()) + ": " + row.outcome().text()
                + (Double.isFinite(s.decision().seedsNeeded()) ? ", ≈" + (long) s.decision().seedsNeeded()
                + " seeds would decide it" : "")
                : "not tested";
        Comparison.Result g = s.gapComparison();
        String gap = g.defined() ? " " + Fmt.interval(g.ci(), y -> Fmt.gap(score, y)) + ", p_adj="
                + Fmt.p(s.gapPAdjusted()) + ": " + s.gapOutcome().text() : "";
        return row.shortChange() + ": test " + score.key() + " " + Fmt.difference(score, s.delta())
                + " vs baseline (" + significance + "); gap " + Fmt.gap(score, s.gapDelta())
                + (score.fraction() ? " pts" : "") + gap;
    }

    /**
     * The console summary, 3–10 ASCII lines plus one per claim: completeness, the claims' verdicts, baseline, the
     * strongest verdict rows (by absolute difference), the selected variant and the number of warnings.
     */
    public static String text(Manifest m, Completeness c, Optional<VariantCells> baseline, List<Claims.Result> claims,
                              List<Summary.Row> summary, List<Verdict.Row> rows, List<FactorEffects.MainEffect> main,
                              Score score) {
        List<String> lines = new ArrayList<>();
        String name = m.experiment() == null ? "run" : m.experiment();
        lines.add(name + ": " + c.ok() + " of " + c.planned() + " trials ok, " + c.failed() + " failed, "
                + c.diverged() + " diverged" + (c.missing() > 0 ? ", " + c.missing() + " missing" : ""));
        claims.forEach(r -> lines.add(claimLine(r)));
        Optional<Summary.Row> base = summary.stream().filter(Summary.Row::baseline).findFirst();
        if (baseline.isEmpty()) {
            lines.add("no baseline: " + Blocks.whyNoBaseline(m));
            main.stream().filter(e -> Double.isFinite(e.etaSquared()))
                    .max(Comparator.comparingDouble(FactorEffects.MainEffect::etaSquared))
                    .ifPresent(e -> lines.add("largest factor effect on " + score.label("test") + ": " + e.axis()
                            + " (eta2=" + Fmt.eta(e.etaSquared()) + ")"));
        } else {
            base.ifPresent(b -> lines.add("baseline " + b.variant().label() + ": " + (b.n() == 0 ? "no results"
                    : "test " + score.key() + " " + Fmt.value(score, b.testMean()) + " (n=" + b.n() + ")")
                    + (m.baselineSource() != null ? " (" + m.baselineSource().text() + ")" : "")));
            List<Verdict.Row> strongest = rows.stream()
                    .sorted(Comparator.comparingDouble((Verdict.Row r) -> Double.isFinite(r.stats().delta())
                            ? -Math.abs(r.stats().delta()) : 0))
                    .limit(CONSOLE_ROWS).toList();
            // Print them in table order so that one axis's levels stay together.
            rows.stream().filter(strongest::contains).forEach(r -> lines.add(line(r, score)));
            if (rows.size() > CONSOLE_ROWS) {
                lines.add("... " + (rows.size() - CONSOLE_ROWS) + " more comparison(s) in report.html");
            }
        }
        summary.stream().filter(Summary.Row::selected).findFirst().ifPresentOrElse(
                s -> lines.add("selected by " + score.label("val") + ": " + s.variant().label() + " (val "
                        + Fmt.value(score, s.valMean()) + ", test " + Fmt.value(score, s.testMean())
                        + (!Double.isFinite(s.testCi().low()) ? "" : s.testCiClipped() ? " 95% CI "
                        + Fmt.interval(s.testCi(), y -> Fmt.plain(score, y)) + " (cut at the "
                        + (score.fraction() ? "100% bound" : "bound") + ")" : " +/- " + (score.fraction()
                        ? Fmt.num(100 * s.testCi().halfWidth(), 2) + " pts" : Fmt.sig(s.testCi().halfWidth()))
                        + " 95% CI") + ")"),
                () -> lines.add("no variant selected: no " + score.label("val") + " in the results"));
        if (!c.warnings().isEmpty()) {
            String first = c.warnings().get(0);
            if (first.length() > WARNING_CHARS) {
                first = first.substring(0, WARNING_CHARS) + "...";
            }
            lines.add(c.warnings().size() + " warning(s): " + first
                    + (c.warnings().size() > 1 ? " (all in report.html)" : ""));
        }
        return String.join("\n", lines.stream().map(Fmt::ascii).toList());
    }

    /** "=0.012" or "<0.001". */
    private static String pEquals(double p) {
        return (p < 0.001 ? "" : "=") + Fmt.p(p);
    }

    /**
     * One console line: {@code confirmed: dropout helps (test_acc: 85.10% vs 82.00%, +3.10 pts [+1.2, +5.0], paired
     * t p=0.004)}, and for an undecided claim the seeds that would decide it.
     */
    public static String claimLine(Claims.Result r) {
        Claim c = r.claim();
        Comparison.Result k = r.comparison();
        String numbers = r.subject().n() == 0 || r.than().n() == 0 ? r.note()
                : Claims.metricLabel(c) + ": " + Claims.value(c, r.subject().mean()) + " vs "
                + Claims.value(c, r.than().mean()) + ", " + Claims.difference(c, r.difference())
                + (k.defined() ? " " + Fmt.interval(k.ci(), d -> Claims.difference(c, d)) + ", " + k.test() + " p"
                + pEquals(r.pAdjusted()) + (r.pAdjusted() != r.p() ? " " + Stats.correctionName(r.correction()) : "")
                : "");
        String seeds = Double.isFinite(r.decision().seedsNeeded())
                ? "; ≈" + (long) r.decision().seedsNeeded() + " seeds would decide it" : "";
        return r.verdict().text() + ": " + c.claim() + " (" + numbers + seeds + ")";
    }
}
