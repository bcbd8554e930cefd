package io.ablate4j.report.stats;

import io.ablate4j.report.read.Manifest;
import io.ablate4j.report.read.Score;
import io.ablate4j.report.read.VariantCells;
import java.util.ArrayList;
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
 * {@code statistics.rope}); the overfitting gap's change is tested the same way ({@link GapOutcome}).
 */
public final class Verdict {
    private Verdict() {
    }

    /**
     * @param change      what differs from the baseline ({@code model.dropout: 0.0 → 0.5}, or the variant label)
     * @param shortChange the same for the console ({@code model.dropout=0.5}, or the variant label)
     * @param outcome     what the change did against the baseline ({@link BaselineOutcome#NO_RESULTS} when there
     *                    is nothing to compare)
     */
    public record Row(String change, String shortChange, Summary.Row stats, BaselineOutcome outcome) {
        /** What the change did to the overfitting gap, tested against the baseline's. */
        public GapOutcome gapOutcome() {
            return stats.gapOutcome();
        }
    }

    public static List<Row> rows(Manifest manifest, Optional<VariantCells> baseline, List<Summary.Row> summary,
                                 Score score) {
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

    /**
     * The outcome of a summary row; {@link BaselineOutcome#NONE} for the baseline and when there is none to compare
     * with.
     */
    public static BaselineOutcome outcome(Summary.Row r) {
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
}
