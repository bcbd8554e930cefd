package io.ablate4j.report.render;

import static io.ablate4j.report.render.Blocks.h2;
import static io.ablate4j.report.render.Blocks.para;

import io.ablate4j.report.stats.BnDiagnosticsSummary;
import io.ablate4j.report.stats.Fmt;
import io.ablate4j.results.ResultsCheck;
import java.util.ArrayList;
import java.util.List;

/**
 * The BN diagnostics of {@code diagnostics.csv}: inference against train mode and the BN variance shift per variant.
 */
final class BnDiagnosticsSection {
    private BnDiagnosticsSection() {
    }

    static void add(List<Doc.Block> d, ReportDocument.Content c) {
        if (c.bnDiagnostics().isEmpty()) {
            return;
        }
        d.add(h2("BN diagnostics", "bn-diagnostics"));
        d.add(para("From " + ResultsCheck.DIAGNOSTICS + " (training.bnDiagnostics), at each trial's best epoch, "
                + "means over ok seeds. Accuracies are on the validation split (test without one): inference mode "
                + "(no dropout, BN running statistics) and train mode (dropout active, BN statistics of batches of "
                + "the training batch size). Variance shift: per BN layer, the variance of its input in inference "
                + "mode divided by the running variance BN normalizes with at inference, averaged over features and "
                + "layers; 1 means no shift, below 1 means inference sees less variance than BN divides by (the "
                + "shift Li et al. 2019 describe when dropout feeds BN)."));
        List<List<String>> rows = new ArrayList<>();
        for (BnDiagnosticsSummary.Row r : c.bnDiagnostics()) {
            rows.add(List.of(r.variant().label(), Integer.toString(r.n()), Fmt.pct(r.accInference()),
                    Fmt.pct(r.accTrainMode()), Fmt.num(100 * r.gap(), 2), Fmt.num(r.varianceShift(), 3)));
        }
        d.add(new Doc.Table("Per variant (means over ok seeds, best epoch)", List.of("variant", "n",
                "val acc inference (%)", "val acc train mode (%)", "train mode − inference (pts)",
                "BN variance shift"), rows));
    }
}
