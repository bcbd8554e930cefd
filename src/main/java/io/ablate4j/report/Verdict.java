package io.ablate4j.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The answer up front: what each regularizer setting did against the baseline.
 *
 * <p>A row compares one variant with the baseline. Preferred rows are the <em>single changes</em>: for each
 * axis and each of its levels other than the baseline's, the variant equal to the baseline on every other axis
 * (in a grid or one-at-a-time sweep this isolates one regularizer). When the sweep has no such variants
 * (random sweeps) every non-baseline variant gets a row. The variant selected by validation accuracy is added
 * when it is not already a row. The outcome is the {@link Decision} of {@link Summary}'s comparison (paired by
 * seed where possible, its p adjusted over every non-baseline variant, α = {@value Stats#ALPHA}, the ROPE of
 * {@code statistics.rope}); the gap change is descriptive, not tested.
 */
final class Verdict {
    private static final int CONSOLE_ROWS = 5;
    private static final int WARNING_CHARS = 200;

    private Verdict() {
    }

    /**
     * @param change      what differs from the baseline ({@code model.dropout: 0.0 → 0.5}, or the variant label)
     * @param shortChange the same for the console ({@code model.dropout=0.5}, or the variant label)
     * @param outcome     what the change did against the baseline ({@link BaselineOutcome#NO_RESULTS} when there
     *                    is nothing to compare)
     */
    record Row(String change, String shortChange, Summary.Row stats, BaselineOutcome outcome) {
        String gapOutcome() {
            double d = stats.gapDelta();
            if (!Double.isFinite(d)) {
                return "–";
            }
            return d < 0 ? "reduced" : d > 0 ? "increased" : "unchanged";
        }
    }

    static List<Row> rows(Manifest manifest, Optional<VariantCells> baseline, List<Summary.Row> summary, Score score) {
        if (baseline.isEmpty()) {
            return List.of();
        }
        VariantCells base = baseline.get();
        List<Row> rows = new ArrayList<>();
        for (String axis : manifest.axes()) {
            for (Summary.Row r : summary) {
                Map<String, String> axes = r.variant().axes();
                boolean onlyThisAxis = !r.baseline() && manifest.axes().stream().allMatch(a -> a.equals(axis)
                        || Objects.equals(axes.get(a), base.axes().get(a)));
                if (onlyThisAxis) {
                    rows.add(row(axis + ": " + base.axes().get(axis) + " → " + axes.get(axis),
                            axis + "=" + axes.get(axis), r, score));
                }
            }
        }
        if (rows.isEmpty()) {
            summary.stream().filter(r -> !r.baseline())
                    .forEach(r -> rows.add(row(r.variant().label(), r.variant().label(), r, score)));
        }
        summary.stream().filter(Summary.Row::selected).filter(s -> !s.baseline())
                .filter(s -> rows.stream().noneMatch(r -> r.stats() == s))
                .forEach(s -> rows.add(row(s.variant().label() + " (selected)", s.variant().label(), s, score)));
        return rows;
    }

    /**
     * "helped" when the decision confirms a better score (higher accuracy, lower RMSE), "hurt" when it points
     * the other way, "equivalent" when the CI lies inside the ROPE, "undecided" otherwise.
     */
    private static Row row(String change, String shortChange, Summary.Row r, Score score) {
        return new Row(change, shortChange, r, Double.isFinite(r.delta()) ? outcome(r) : BaselineOutcome.NO_RESULTS);
    }

    /** The outcome of a summary row; {@link BaselineOutcome#NONE} for the baseline and when there is none to compare with. */
    static BaselineOutcome outcome(Summary.Row r) {
        Decision d = r.decision();
        if (r.baseline()) {
            return BaselineOutcome.NONE;
        } else if (r.n() == 0) {
            return BaselineOutcome.NO_RESULTS;
        } else if (!Double.isFinite(r.delta())) {
            return BaselineOutcome.NONE;
        } else if (!r.comparison().defined()) {
            return BaselineOutcome.NOT_TESTED;
        } else if (d.verdict() == Conclusion.CONFIRMED) {
            return BaselineOutcome.HELPED;
        } else if (d.verdict() == Conclusion.REFUTED) {
            return d.equivalent() ? BaselineOutcome.EQUIVALENT : BaselineOutcome.HURT;
        }
        return BaselineOutcome.UNDECIDED;
    }

    /** One console line per row: {@code model.dropout=0.5: test acc +2.10 pts vs baseline (p_holm=0.003, …)}. */
    static String line(Row row, Score score) {
        Summary.Row s = row.stats();
        if (s.n() == 0 || !Double.isFinite(s.delta())) {
            return row.shortChange() + ": no results";
        }
        Comparison.Result k = s.comparison();
        String significance = k.defined()
                ? "[" + score.plainDifference(k.ci().low()) + ", " + score.plainDifference(k.ci().high()) + "], "
                + k.test() + " p_adj=" + Fmt.p(s.pAdjusted()) + ": " + row.outcome().text()
                + (Double.isFinite(s.decision().seedsNeeded()) ? ", ≈" + (long) s.decision().seedsNeeded()
                + " seeds would decide it" : "")
                : "not tested";
        return row.shortChange() + ": test " + score.key() + " " + score.difference(s.delta()) + " vs baseline ("
                + significance + "); gap " + score.gap(s.gapDelta()) + (score.fraction() ? " pts" : "");
    }

    /**
     * The console summary, 3–10 ASCII lines plus one per claim: completeness, the claims' verdicts, baseline, the strongest verdict rows (by absolute
     * difference), the selected variant and the number of warnings.
     */
    static String consoleText(Manifest m, Completeness c, Optional<VariantCells> baseline, List<Claims.Result> claims,
                              List<Summary.Row> summary, List<Row> rows, List<FactorEffects.MainEffect> main,
                              Score score) {
        List<String> lines = new ArrayList<>();
        String name = m.experiment() == null ? "run" : m.experiment();
        lines.add(name + ": " + c.ok() + " of " + c.planned() + " trials ok, " + c.failed() + " failed, "
                + c.diverged() + " diverged" + (c.missing() > 0 ? ", " + c.missing() + " missing" : ""));
        claims.forEach(r -> lines.add(Claims.line(r)));
        Optional<Summary.Row> base = summary.stream().filter(Summary.Row::baseline).findFirst();
        if (baseline.isEmpty()) {
            lines.add("no baseline: no comparisons against a reference");
            main.stream().filter(e -> Double.isFinite(e.etaSquared()))
                    .max(Comparator.comparingDouble(FactorEffects.MainEffect::etaSquared))
                    .ifPresent(e -> lines.add("largest factor effect on " + score.label("test") + ": " + e.axis()
                            + " (eta2="
                            + Fmt.eta(e.etaSquared()) + ")"));
        } else {
            base.ifPresent(b -> lines.add("baseline " + b.variant().label() + ": " + (b.n() == 0 ? "no results"
                    : "test " + score.key() + " " + score.value(b.testMean()) + " (n=" + b.n() + ")")));
            List<Row> strongest = rows.stream()
                    .sorted(Comparator.comparingDouble((Row r) -> Double.isFinite(r.stats().delta())
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
                        + score.value(s.valMean()) + ", test " + score.value(s.testMean())
                        + (Double.isFinite(s.testCi().low()) ? " +/- " + (score.fraction()
                        ? Fmt.num(100 * s.testCi().halfWidth(), 2) + " pts" : Fmt.sig(s.testCi().halfWidth()))
                        + " 95% CI" : "") + ")"),
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
}
