package io.ablate4j.report.render;

import static io.ablate4j.report.render.Blocks.h2;
import static io.ablate4j.report.render.Blocks.note;
import static io.ablate4j.report.render.Blocks.para;
import static io.ablate4j.report.render.ScoreCells.ci;
import static io.ablate4j.report.render.ScoreCells.meanSd;

import io.ablate4j.report.read.Score;
import io.ablate4j.report.stats.Fmt;
import io.ablate4j.report.stats.Summary;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The variant selected by validation (or cross-validated) score, and its test score as the estimate to quote.
 */
final class SelectionSection {
    private SelectionSection() {
    }

    static void add(List<Doc.Block> d, ReportDocument.Content c) {
        Score sc = c.score();
        String by = c.crossValidated() ? "cross-validated " + sc.name() : sc.label("val");
        d.add(h2("Selected by " + by, "selected"));
        Optional<Summary.Row> sel = c.summary().stream().filter(Summary.Row::selected).findFirst();
        if (sel.isEmpty()) {
            d.add(para("No variant is selected: the results have no " + sc.label("val") + ", and selecting on "
                    + sc.label("test") + " would overstate how well the choice generalizes."));
            return;
        }
        Summary.Row s = sel.get();
        String unit = sc.fraction() ? "%" : "";
        d.add(para(s.variant().label() + " has the " + (sc.higherIsBetter() ? "highest" : "lowest") + " mean "
                + (c.crossValidated() ? "cross-validation " + sc.name() + " (its validation folds' mean over "
                + "folds × seeds: " : sc.label("val") + " (") + Fmt.value(sc, s.valMean()) + ", n = " + s.n()
                + "). Its "
                + sc.label("test") + ", " + meanSd(sc, s) + unit + " (95% CI " + ci(sc, s) + "), is the estimate to "
                + "quote: the choice was made without looking at test data."
                + (c.crossValidated() ? " Every fold's model is tested on the same untouched test split; the "
                + "test scores of the other variants in the summary are shown for comparison and were not used "
                + "for selection." : "")));
        Comparator<Summary.Row> byTest = Comparator.comparingDouble(Summary.Row::testMean);
        c.summary().stream().filter(r -> Double.isFinite(r.testMean()))
                .max(sc.higherIsBetter() ? byTest : byTest.reversed())
                .filter(best -> best != s)
                .ifPresent(best -> d.add(note("The " + (sc.higherIsBetter() ? "highest" : "lowest") + " mean "
                        + sc.label("test") + " belongs to "
                        + best.variant().label() + " (" + Fmt.value(sc, best.testMean())
                        + "), but picking a variant by "
                        + "its test score would bias that number" + (sc.higherIsBetter() ? " upwards." : "."))));
    }
}
