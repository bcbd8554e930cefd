package io.ablate4j.report.stats;

import io.ablate4j.report.read.ReportException;
import io.ablate4j.report.read.RunData;
import io.ablate4j.report.read.TrialRow;
import io.ablate4j.report.read.VariantCells;
import io.ablate4j.results.CsvTable;
import io.ablate4j.results.ResultsCheck;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The optional {@code diagnostics.csv} (written by trials with {@code training.bnDiagnostics}) summarized per
 * variant: means over ok trials of the row at each trial's best epoch (its last diagnostics row when the best
 * epoch has none).
 */
public final class BnDiagnosticsSummary {
    private BnDiagnosticsSummary() {
    }

    /**
     * One variant.
     *
     * @param n             ok trials with diagnostics
     * @param accInference  mean validation accuracy in inference mode
     * @param accTrainMode  mean validation accuracy in train mode
     * @param gap           mean of train mode − inference
     * @param varianceShift mean BN variance shift (NaN when the variant has no BN layer)
     */
    public record Row(VariantCells variant, int n, double accInference, double accTrainMode, double gap,
                      double varianceShift) {
    }

    /** Per variant in manifest order; empty when {@code diagnostics.csv} is absent. */
    public static List<Row> read(Path runDir, RunData run) {
        ResultsCheck.Checked checked = run.diagnostics();
        if (checked == null) {
            return List.of();
        }
        Path file = runDir.resolve(ResultsCheck.DIAGNOSTICS);
        List<String> columns = checked.table().columns();
        for (String column : List.of("trial_id", "epoch", "val_acc_inference", "val_acc_train_mode",
                "bn_variance_shift")) {
            if (!columns.contains(column)) {
                throw new ReportException(file + ": column '" + column + "' is missing");
            }
        }
        int trialId = columns.indexOf("trial_id");
        int epochColumn = columns.indexOf("epoch");
        int inferenceColumn = columns.indexOf("val_acc_inference");
        int trainModeColumn = columns.indexOf("val_acc_train_mode");
        int shiftColumn = columns.indexOf("bn_variance_shift");
        Map<String, TreeMap<Integer, List<String>>> byTrial = new HashMap<>();
        for (CsvTable.Row r : checked.rows()) {
            int epoch;
            try {
                epoch = Integer.parseInt(r.cells().get(epochColumn).trim());
            } catch (NumberFormatException e) {
                throw new ReportException(file + ":" + r.line() + ": epoch '" + r.cells().get(epochColumn)
                        + "' must be a whole number");
            }
            byTrial.computeIfAbsent(r.cells().get(trialId), k -> new TreeMap<>()).put(epoch, r.cells());
        }
        List<Row> rows = new ArrayList<>();
        for (VariantCells v : run.manifest().variants()) {
            double[] sums = new double[4];
            int[] counts = new int[4];
            int n = 0;
            for (TrialRow t : run.trials()) {
                TreeMap<Integer, List<String>> epochs = byTrial.get(t.trialId());
                if (!t.ok() || !t.variantId().equals(v.variantId()) || epochs == null || epochs.isEmpty()) {
                    continue;
                }
                List<String> r = Double.isFinite(t.bestEpoch()) ? epochs.get((int) t.bestEpoch()) : null;
                if (r == null) {
                    r = epochs.lastEntry().getValue();
                }
                double inference = number(r.get(inferenceColumn));
                double trainMode = number(r.get(trainModeColumn));
                double[] values = {inference, trainMode, trainMode - inference, number(r.get(shiftColumn))};
                for (int i = 0; i < 4; i++) {
                    if (Double.isFinite(values[i])) {
                        sums[i] += values[i];
                        counts[i]++;
                    }
                }
                n++;
            }
            if (n > 0) {
                rows.add(new Row(v, n, mean(sums[0], counts[0]), mean(sums[1], counts[1]), mean(sums[2], counts[2]),
                        mean(sums[3], counts[3])));
            }
        }
        return rows;
    }

    private static double mean(double sum, int count) {
        return count == 0 ? Double.NaN : sum / count;
    }

    private static double number(String cell) {
        if (cell == null || cell.isBlank()) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(cell.trim());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
