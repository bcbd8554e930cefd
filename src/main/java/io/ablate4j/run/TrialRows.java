package io.ablate4j.run;

import io.ablate4j.results.Cells;
import io.ablate4j.results.CsvSchemas;
import io.ablate4j.results.TrialResults;
import io.ablate4j.sweep.Trial;
import io.ablate4j.training.BnDiagnostics;
import io.ablate4j.training.EpochMetrics;
import io.ablate4j.training.Scores;
import io.ablate4j.training.TrialOutcome;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A trained trial as the rows of {@code trials.csv}, {@code epochs.csv} and {@code diagnostics.csv}, in the columns
 * of {@link CsvSchemas} (golden files seal them: TrialRowsTest).
 */
final class TrialRows {
    private TrialRows() {
    }

    /** Records {@code outcome} of {@code trial} in {@code results}: epoch and diagnostics rows, then the trial row. */
    static void record(TrialResults results, Trial trial, TrialOutcome outcome) throws IOException {
        List<List<String>> epochRows = new ArrayList<>();
        for (EpochMetrics m : outcome.epochs()) {
            epochRows.add(epochRow(trial, m));
        }
        List<List<String>> diagnosticsRows = new ArrayList<>();
        for (BnDiagnostics d : outcome.diagnostics()) {
            diagnosticsRows.add(diagnosticsRow(trial, d));
        }
        results.record(trial.id(), epochRows, diagnosticsRows, trialRow(trial, outcome, results.axes()));
    }

    private static List<String> epochRow(Trial trial, EpochMetrics m) {
        List<String> row = new ArrayList<>(List.of(trial.id(), trial.variant().id(), Long.toString(trial.seed()),
                fold(trial), Integer.toString(m.epoch())));
        row.addAll(metrics(m));
        row.add(Cells.seconds(m.epochSeconds()));
        row.add(Cells.rate(m.samplesPerSecond()));
        return row;
    }

    /** The cell of the fold column: the 0-based fold, empty without cross-validation. */
    private static String fold(Trial trial) {
        return trial.crossValidated() ? Integer.toString(trial.fold()) : "";
    }

    /** An epoch's metrics in {@link CsvSchemas#METRICS} order; all empty when there is no epoch. */
    private static List<String> metrics(EpochMetrics m) {
        if (m == null) {
            return Collections.nCopies(CsvSchemas.METRICS.size(), "");
        }
        return values(m).map(Cells::metric).toList();
    }

    /** An epoch's metrics in {@link CsvSchemas#METRICS} order. */
    private static Stream<Double> values(EpochMetrics m) {
        Scores tr = m.train();
        Scores va = m.val();
        Scores te = m.test();
        return Stream.of(tr.loss(), tr.acc(), va.loss(), va.acc(), te.loss(), te.acc(), m.gapAcc(), m.gapLoss(),
                tr.rmse(), va.rmse(), te.rmse(), tr.mae(), va.mae(), te.mae(), tr.r2(), va.r2(), te.r2());
    }

    /**
     * An epoch as its {@code epochs.csv} row's numbers by column ({@link CsvSchemas#METRICS}, {@code epoch_seconds},
     * {@code samples_per_second}), before the row is written: what a {@link RunObserver} sees of a running trial.
     */
    static Map<String, Double> epochCells(EpochMetrics m) {
        Map<String, Double> cells = new LinkedHashMap<>();
        List<Double> v = values(m).toList();
        for (int i = 0; i < v.size(); i++) {
            cells.put(CsvSchemas.METRICS.get(i), v.get(i));
        }
        cells.put("epoch_seconds", m.epochSeconds());
        cells.put("samples_per_second", m.samplesPerSecond());
        return Collections.unmodifiableMap(cells);
    }

    private static List<String> diagnosticsRow(Trial trial, BnDiagnostics d) {
        return List.of(trial.id(), trial.variant().id(), Long.toString(trial.seed()), Integer.toString(d.epoch()),
                Cells.metric(d.accInference()), Cells.metric(d.accTrainMode()), Cells.metric(d.trainModeGap()),
                Cells.metric(d.varianceShift()),
                d.perLayerShift().stream().map(Cells::metric).collect(Collectors.joining(";")));
    }

    private static List<String> trialRow(Trial trial, TrialOutcome o, List<String> axes) {
        List<String> row = new ArrayList<>();
        row.add(trial.id());
        row.add(trial.variant().id());
        row.add(Long.toString(trial.seed()));
        row.add(fold(trial));
        row.add(o.status().csvName());
        for (String axis : axes) {
            row.add(trial.variant().axisValues().get(axis));
        }
        EpochMetrics best = o.best();
        row.add(Integer.toString(o.epochs().size()));
        row.add(best == null ? "" : Integer.toString(o.bestEpoch()));
        row.addAll(metrics(best));
        row.add(Cells.seconds(o.trainSeconds()));
        row.add(Cells.rate(o.samplesPerSecond()));
        row.add(o.error() == null ? "" : o.error());
        return row;
    }
}
