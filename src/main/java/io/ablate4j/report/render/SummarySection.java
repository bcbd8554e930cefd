package io.ablate4j.report.render;

import static io.ablate4j.report.render.Blocks.h2;
import static io.ablate4j.report.render.Blocks.note;
import static io.ablate4j.report.render.Blocks.para;
import static io.ablate4j.report.render.ScoreCells.ci;
import static io.ablate4j.report.render.ScoreCells.gapUnit;
import static io.ablate4j.report.render.ScoreCells.gapValue;
import static io.ablate4j.report.render.ScoreCells.meanSd;
import static io.ablate4j.report.render.ScoreCells.pmGap;
import static io.ablate4j.report.render.ScoreCells.pts;

import io.ablate4j.report.read.Score;
import io.ablate4j.report.stats.Fmt;
import io.ablate4j.report.stats.Stats;
import io.ablate4j.report.stats.Summary;
import java.util.ArrayList;
import java.util.List;

/**
 * The summary table: one row per variant, its statistics across seeds and its role.
 */
final class SummarySection {
    private SummarySection() {
    }

    static void add(List<Doc.Block> d, ReportDocument.Content c) {
        d.add(h2("Summary by variant", "summary"));
        Score sc = c.score();
        d.add(para("Mean ± sample standard deviation over the ok seeds" + (c.crossValidated() ? " (each seed's "
                + "value the mean over its folds; n counts seeds)" : "") + "; 95% CI of the mean from the "
                + "t-distribution (n − 1 df), cut to the score's range " + sc.range().text(sc.fraction())
                + ". Gap: " + sc.gapName() + " at the best epoch (final/max: over the epoch curves). "
                + (sc.fraction() ? "Accuracies in %, gaps and differences in percentage points."
                : "RMSE in the target's units (lower is better), gaps in loss units.") + " Machine-readable: "
                + CsvOutputs.SUMMARY + "."));
        List<List<String>> rows = new ArrayList<>();
        List<String> classes = new ArrayList<>();
        for (Summary.Row r : c.summary()) {
            String role = r.baseline() && r.selected() ? "baseline, selected" : r.baseline() ? "baseline"
                    : r.selected() ? "selected" : "";
            rows.add(List.of(r.variant().label(), Integer.toString(r.n()), Integer.toString(r.nFailed()),
                    Integer.toString(r.nDiverged()), meanSd(sc, r), ci(sc, r), Fmt.plain(sc, r.valMean()),
                    pmGap(sc, r.gapMean(), r.gapStd()), gapValue(sc, r.gapFinalMean()), gapValue(sc, r.gapMaxMean()),
                    Fmt.num(r.bestEpochMean(), 1), r.baseline() ? "" : Fmt.plainDifference(sc, r.delta()),
                    r.baseline() ? "" : Fmt.p(r.p()), r.baseline() ? "" : Fmt.p(r.pAdjusted()), role));
            classes.add(r.selected() ? "selected" : r.baseline() ? "baseline" : null);
        }
        d.add(new Doc.Table(null, List.of("variant", "n", "failed", "diverged", "test " + sc.key() + sc.unit(),
                "95% CI" + sc.unit(), (c.crossValidated() ? "CV " : "val ") + sc.key() + sc.unit(),
                "gap" + gapUnit(sc), "final gap", "max gap", "best epoch", "Δ vs baseline" + pts(sc), "p",
                "p (" + Stats.correctionName(c.manifest().statistics().correction()) + ")", "role"), rows,
                classes));
        clippedNote(d, c);
    }

    /**
     * Under a table of the variants' 95% CIs: how many reached past the score's range and were cut there (a
     * t-interval knows no bound; accuracy does); nothing when none did.
     */
    static void clippedNote(List<Doc.Block> d, ReportDocument.Content c) {
        long clipped = c.summary().stream().filter(Summary.Row::testCiClipped).count();
        if (clipped > 0) {
            d.add(note("The 95% CI of " + clipped + " variant(s) reached past the range of " + c.score().label("test")
                    + ", " + c.score().range().text(c.score().fraction()) + ", and is shown cut at its bound (the "
                    + "t-interval knows no bound; the score does)."));
        }
    }
}
