package io.ablate4j.report.render;

import static io.ablate4j.report.render.Blocks.h2;
import static io.ablate4j.report.render.Blocks.note;
import static io.ablate4j.report.render.Blocks.para;

import io.ablate4j.report.stats.BaselineOutcome;
import io.ablate4j.report.stats.Claims;
import io.ablate4j.report.stats.Conclusion;
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

    /** The answer first: one sentence, the claims' verdicts in brief, and the forest plot. */
    static void add(List<Doc.Block> d, ReportDocument.Content c) {
        Optional<Doc.Svg> forest = c.figures().forest();
        List<String> forestNotes = c.figures().forestNotes();
        if (c.claims().isEmpty() && forest.isEmpty() && forestNotes.isEmpty()) {
            return;
        }
        d.add(h2("Decision", "decision"));
        List<String> parts = new ArrayList<>();
        if (!c.claims().isEmpty()) {
            parts.add("Claims: " + count(c.claims().stream().map(Claims.Result::verdict).toList(),
                    List.of(Conclusion.values()), Conclusion::text) + " (of " + c.claims().size()
                    + "; details under Claims).");
        }
        List<BaselineOutcome> outcomes = c.summary().stream().filter(r -> !r.baseline()).map(Verdict::outcome)
                .map(BaselineOutcome::shown).toList();
        if (c.baseline().isPresent() && !outcomes.isEmpty()) {
            parts.add("Against the baseline (" + c.baseline().get().label() + "), of " + outcomes.size()
                    + " variant(s): " + count(outcomes, List.of(BaselineOutcome.HELPED, BaselineOutcome.HURT,
                    BaselineOutcome.EQUIVALENT, BaselineOutcome.UNDECIDED, BaselineOutcome.NOT_TESTED,
                    BaselineOutcome.NO_RESULTS), BaselineOutcome::shortText) + ".");
        }
        d.add(para(String.join(" ", parts)));
        if (!c.claims().isEmpty()) {
            List<List<String>> rows = new ArrayList<>();
            List<String> classes = new ArrayList<>();
            for (Claims.Result r : c.claims()) {
                rows.add(List.of(r.claim().claim(), ClaimsSection.expected(r), ClaimsSection.difference(r),
                        r.verdict().text()));
                classes.add(ClaimsSection.claimClass(r));
            }
            d.add(new Doc.Table("Claims in brief", List.of("claim", "expected", "difference [95% CI]", "verdict"),
                    rows, classes));
        }
        forest.ifPresent(d::add);
        forestNotes.forEach(n -> d.add(note(n)));
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
