package io.ablate4j.report.render;

import static io.ablate4j.report.render.Blocks.h2;
import static io.ablate4j.report.render.Blocks.label;
import static io.ablate4j.report.render.Blocks.para;
import static io.ablate4j.report.render.ScoreCells.gapValue;
import static io.ablate4j.report.render.ScoreCells.slope;

import io.ablate4j.report.read.Score;
import io.ablate4j.report.stats.Fmt;
import io.ablate4j.report.stats.Overfitting;
import java.util.ArrayList;
import java.util.List;

/**
 * The overfitting analysis: the gap at the best and final epoch, its maximum, slope and onset, per variant and per
 * trial.
 */
final class OverfittingSection {
    private static final int TRIAL_ROWS_LIMIT = 500;

    private OverfittingSection() {
    }

    static void add(List<Doc.Block> d, ReportDocument.Content c) {
        d.add(h2("Overfitting", "overfitting"));
        Score sc = c.score();
        String gapIn = sc.fraction() ? "points" : "loss units";
        d.add(para("Gap = " + sc.gapName() + ", in " + gapIn + ": at the best epoch (lowest validation loss), at "
                + "the final epoch, and its maximum over epochs; slope = least-squares slope of the gap against "
                + "the epoch, in " + gapIn + " per epoch (positive: the gap keeps widening). Onset = the epoch of minimum "
                + "validation loss when a later epoch's validation loss is higher (the loss turned upward and never "
                + "came back below that minimum); the mean is over the trials with an onset. Machine-readable: "
                + CsvOutputs.OVERFITTING + "."));
        List<List<String>> rows = new ArrayList<>();
        for (Overfitting.VariantCurve v : c.variantCurves().values()) {
            if (v.n() == 0) {
                continue;
            }
            rows.add(List.of(v.variant().label(), Integer.toString(v.n()), gapValue(sc, v.gapBestMean()),
                    gapValue(sc, v.gapFinalMean()), gapValue(sc, v.gapMaxMean()), slope(sc, v.gapSlopeMean()),
                    Fmt.num(v.onsetMean(), 1), v.onsetCount() + " of " + v.n(), Fmt.num(v.valLossMinMean(), 4),
                    Fmt.num(v.valLossFinalMean(), 4)));
        }
        String slopeHeader = "slope (" + (sc.fraction() ? "pts" : "loss") + "/epoch)";
        d.add(new Doc.Table("Per variant (means over ok seeds)", List.of("variant", "n", "gap at best",
                "final gap", "max gap", slopeHeader, "onset epoch", "trials with onset", "min val loss",
                "final val loss"), rows));
        List<List<String>> trials = new ArrayList<>();
        for (Overfitting.TrialCurve t : c.trialCurves()) {
            if (trials.size() >= TRIAL_ROWS_LIMIT) {
                break;
            }
            trials.add(List.of(t.trial().trialId(), label(c, t.trial().variantId()), Long.toString(t.trial().seed()),
                    Integer.toString(t.epochs()), Fmt.num(t.trial().bestEpoch(), 0), gapValue(sc, t.gapBest()),
                    gapValue(sc, t.gapFinal()), gapValue(sc, t.gapMax()), slope(sc, t.gapSlope()),
                    Fmt.num(t.onsetEpoch(), 0)));
        }
        String limit = c.trialCurves().size() > TRIAL_ROWS_LIMIT ? " (first " + TRIAL_ROWS_LIMIT + " of "
                + c.trialCurves().size() + "; all in " + CsvOutputs.OVERFITTING + ")" : "";
        d.add(new Doc.Collapsible("Per trial" + limit, List.of(new Doc.Table(null, List.of("trial", "variant",
                "seed", "epochs", "best epoch", "gap at best", "final gap", "max gap", slopeHeader,
                "onset epoch"), trials))));
    }
}
