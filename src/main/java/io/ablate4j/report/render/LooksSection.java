package io.ablate4j.report.render;

import io.ablate4j.report.read.Manifest;
import io.ablate4j.report.read.VariantCells;
import io.ablate4j.report.stats.Conclusion;
import io.ablate4j.report.stats.Fmt;
import io.ablate4j.report.stats.Looks;
import io.ablate4j.report.stats.Sequential;
import java.util.ArrayList;
import java.util.IntSummaryStatistics;
import java.util.List;
import java.util.Map;

/**
 * The report's "Adaptive seeds" section: how the design works, and each look — the seeds the variants had, the
 * claims and baseline comparisons it decided, and the variants it gave more seeds.
 */
final class LooksSection {
    private LooksSection() {
    }

    static void add(List<Doc.Block> d, Manifest m, Looks.Replay replay) {
        Manifest.Adaptive a = m.adaptive();
        if (a == null || replay == null) {
            return;
        }
        d.add(new Doc.Heading(2, "Adaptive seeds", "adaptive-seeds"));
        double level = Sequential.nominalLevel(Sequential.Design.of(a), 1);
        d.add(new Doc.Paragraph("seeds: {initial: " + a.initial() + ", max: " + a.max() + ", step: " + a.step()
                + "}. Every variant started with " + a.initial() + " seeds; after each look the variants of "
                + "undecided claims and baseline comparisons got " + a.step() + " more, up to " + a.max() + ". "
                + "Because seeds were added until a decision, the p-values and intervals are sequential: p is the "
                + "probability, under no difference, that the smallest p over all the looks this design allows ("
                + a.initial() + " to " + a.max() + " seeds) comes out as small as the one observed (simulated "
                + "exactly for paired t-tests, " + String.format(java.util.Locale.ROOT, "%,d", Sequential.PATHS) + " paths); the 95% intervals are repeated "
                + "confidence intervals at the nominal level " + Fmt.p(level) + " (paired, one pair per seed), "
                + "which hold at every look at once. Unpaired (Welch) comparisons use Bonferroni over "
                + Sequential.Design.of(a).unpairedLooks() + " looks. So a decision here keeps its error rate whenever "
                + "the run stopped.", Doc.Style.NORMAL));
        List<List<String>> rows = new ArrayList<>();
        for (Looks.Look look : replay.looks()) {
            IntSummaryStatistics seeds = look.seeds().values().stream().mapToInt(Integer::intValue)
                    .summaryStatistics();
            int trials = look.seeds().values().stream().mapToInt(Integer::intValue).sum();
            long confirmed = look.claims().stream().filter(r -> r.verdict() == Conclusion.CONFIRMED).count();
            long refuted = look.claims().stream().filter(r -> r.verdict() == Conclusion.REFUTED).count();
            long open = look.claims().size() - confirmed - refuted;
            long undecidedRows = look.rows().stream().filter(r -> !r.baseline()
                    && r.decision().verdict() == Conclusion.INCONCLUSIVE).count();
            rows.add(List.of(Integer.toString(look.number()),
                    seeds.getMin() == seeds.getMax() ? Integer.toString(seeds.getMin())
                            : seeds.getMin() + "–" + seeds.getMax(),
                    Integer.toString(trials),
                    look.claims().isEmpty() ? "–" : confirmed + " / " + refuted + " / " + open,
                    Long.toString(undecidedRows),
                    look.undecided().isEmpty() ? "none: done" : labels(m, a, look.undecided(), look.seeds())));
        }
        if (!replay.done()) {
            rows.add(List.of(Integer.toString(replay.looks().size() + 1), "", "", "", "",
                    "not trained yet: resume the run to go on"));
        }
        d.add(new Doc.Table("Looks", List.of("look", "seeds per variant", "variant × seed trials",
                "claims confirmed / refuted / undecided", "baseline comparisons undecided", "more seeds for"),
                rows));
    }

    private static String labels(Manifest m, Manifest.Adaptive a, java.util.Set<String> ids,
                                 Map<String, Integer> seeds) {
        List<String> out = new ArrayList<>();
        for (VariantCells v : m.variants()) {
            if (ids.contains(v.variantId())) {
                int now = seeds.getOrDefault(v.variantId(), a.initial());
                out.add(v.label() + " (" + now + " → " + Math.min(a.max(), now + a.step()) + ")");
            }
        }
        return out.size() > 6 ? String.join("; ", out.subList(0, 6)) + "; and " + (out.size() - 6) + " more"
                : String.join("; ", out);
    }
}
