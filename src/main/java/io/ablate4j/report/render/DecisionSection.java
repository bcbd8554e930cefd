package io.ablate4j.report.render;

import static io.ablate4j.report.render.Blocks.h2;
import static io.ablate4j.report.render.Blocks.note;
import static io.ablate4j.report.render.Blocks.para;

import io.ablate4j.report.read.Score;
import io.ablate4j.report.stats.BaselineOutcome;
import io.ablate4j.report.stats.Claims;
import io.ablate4j.report.stats.Conclusion;
import io.ablate4j.report.stats.GapOutcome;
import io.ablate4j.report.stats.Summary;
import io.ablate4j.report.stats.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The report's first section, the answer up front: one sentence counting the claims' verdicts and the variants'
 * outcomes against the baseline, the claims in brief and the forest plot.
 */
final class DecisionSection {
    private DecisionSection() {
    }

    /**
     * The answer first: one sentence, the claims' verdicts in brief, each change against the baseline in the test
     * score and the overfitting gap, and the forest plot. Present whenever the run has claims or a baseline.
     */
    static void add(List<Doc.Block> d, ReportDocument.Content c) {
        Optional<Doc.Svg> forest = c.figures().forest();
        List<String> forestNotes = c.figures().forestNotes();
        if (c.claims().isEmpty() && c.baseline().isEmpty() && forest.isEmpty() && forestNotes.isEmpty()) {
            return;
        }
        d.add(h2("Decision", "decision"));
        d.add(para(sentence(c)));
        if (!c.claims().isEmpty()) {
            List<List<String>> rows = new ArrayList<>();
            List<String> classes = new ArrayList<>();
            for (Claims.Result r : c.claims()) {
                double seeds = r.decision().seedsNeeded();
                rows.add(List.of(r.claim().claim(), ClaimsSection.expected(r), ClaimsSection.difference(r),
                        r.verdict().text() + (Double.isFinite(seeds) ? " (" + VerdictSection.seeds(r.decision())
                                + " seeds)" : "")));
                classes.add(ClaimsSection.claimClass(r));
            }
            d.add(new Doc.Table("Claims in brief", List.of("claim", "expected", "difference [95% CI]", "verdict"),
                    rows, classes));
        }
        if (!c.verdict().isEmpty()) {
            Score sc = c.score();
            List<List<String>> rows = new ArrayList<>();
            List<String> classes = new ArrayList<>();
            for (Verdict.Row v : c.verdict()) {
                Summary.Row s = v.stats();
                rows.add(List.of(v.change(), Integer.toString(s.n()), ScoreCells.difference(sc, s.delta(),
                        s.comparison()), v.outcome().text() + (v.outcome() == BaselineOutcome.UNDECIDED
                        && Double.isFinite(s.decision().seedsNeeded()) ? " (" + VerdictSection.seeds(s.decision())
                        + " seeds)" : ""), ScoreCells.gapDifference(sc, s.gapDelta(), s.gapComparison()),
                        VerdictSection.gapOutcome(s)));
                classes.add(Blocks.rowClass(v.outcome()));
            }
            d.add(new Doc.Table("Each change against the baseline: " + sc.label("test") + " and the overfitting gap",
                    List.of("change", "n", "Δ test " + sc.key() + " [95% CI]" + ScoreCells.pts(sc), "verdict",
                            "Δ gap [95% CI]" + ScoreCells.gapUnit(sc), "gap verdict"), rows, classes));
        }
        forest.ifPresent(d::add);
        forestNotes.forEach(n -> d.add(note(n)));
    }

    /** The claims' verdicts counted, then the variants' outcomes against the baseline, test score and gap. */
    private static String sentence(ReportDocument.Content c) {
        List<String> parts = new ArrayList<>();
        if (!c.claims().isEmpty()) {
            parts.add("Claims: " + count(c.claims().stream().map(Claims.Result::verdict).toList(),
                    List.of(Conclusion.values()), Conclusion::text) + " (of " + c.claims().size()
                    + "; details under Claims).");
        }
        List<BaselineOutcome> outcomes = c.summary().stream().filter(r -> !r.baseline()).map(Verdict::outcome)
                .map(BaselineOutcome::shown).toList();
        List<GapOutcome> gaps = c.summary().stream().filter(r -> !r.baseline()).map(Summary.Row::gapOutcome)
                .filter(o -> o != GapOutcome.NONE).toList();
        if (c.baseline().isPresent() && !outcomes.isEmpty()) {
            parts.add("Against the baseline (" + c.baseline().get().label() + (c.manifest().baselineSource() != null
                    ? ": " + c.manifest().baselineSource().text() : "") + "), of " + outcomes.size()
                    + " variant(s): " + c.score().label("test") + " " + count(outcomes, List.of(
                    BaselineOutcome.HELPED, BaselineOutcome.HURT, BaselineOutcome.EQUIVALENT,
                    BaselineOutcome.UNDECIDED, BaselineOutcome.NOT_TESTED, BaselineOutcome.NO_RESULTS),
                    BaselineOutcome::shortText) + (gaps.isEmpty() ? "" : "; overfitting gap " + count(gaps,
                    List.of(GapOutcome.NARROWED, GapOutcome.WIDENED, GapOutcome.EQUIVALENT, GapOutcome.UNDECIDED,
                            GapOutcome.NOT_TESTED), GapOutcome::shortText)) + ".");
        } else if (c.baseline().isEmpty()) {
            String why = Blocks.whyNoBaseline(c.manifest());
            parts.add(Character.toUpperCase(why.charAt(0)) + why.substring(1) + ".");
        }
        return String.join(" ", parts);
    }

    /** "2 confirmed, 0 refuted, 1 inconclusive": each of {@code order} with its count, the first three always. */
    private static <T> String count(List<T> values, List<T> order, java.util.function.Function<T, String> name) {
        List<String> out = new ArrayList<>();
        for (T o : order) {
            long n = values.stream().filter(o::equals).count();
            if (n > 0 || order.indexOf(o) < 3) {
                out.add(n + " " + name.apply(o));
            }
        }
        return String.join(", ", out);
    }
}
