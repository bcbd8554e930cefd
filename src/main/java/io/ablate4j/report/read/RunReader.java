package io.ablate4j.report.read;

import io.ablate4j.results.CsvSchemas;
import io.ablate4j.results.CsvTable;
import io.ablate4j.results.ManifestKeys;
import io.ablate4j.results.Quarantine;
import io.ablate4j.results.ResultsCheck;
import io.ablate4j.results.ResultsException;
import io.ablate4j.results.TrialStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a run directory written by the runner. Strict about what the report cannot work without (the
 * manifest, {@code trials.csv}, its id/seed/status/test accuracy/axis columns, well-formed numbers), lenient
 * about the rest: a missing optional column or a missing {@code epochs.csv} becomes a warning and the parts of
 * the report that need it are left out. Rows go through the runner's own verifier ({@link ResultsCheck}): rows
 * that do not verify, rows of trials the manifest does not plan, and the other rows of their trials are left out
 * (their trials count as missing) and listed, as are the rows earlier runs moved to {@code damaged.csv}. Reading
 * changes nothing; the next run with {@code --out} on the directory moves them aside and trains the trials again.
 */
public final class RunReader {
    private static final String MANIFEST = ManifestKeys.FILE;
    private static final String TRIALS = ResultsCheck.TRIALS;
    private static final String EPOCHS = ResultsCheck.EPOCHS;

    private static final List<String> TRIAL_REQUIRED = List.of("trial_id", "variant_id", "seed", "status");

    /** The columns of {@code trials.csv} after the axis columns that the report reads for a run of this score. */
    static List<String> trialColumns(Score score) {
        return List.of("epochs_run", "best_epoch", score.column("train"), score.column("val"), score.column("test"),
                "train_loss", "val_loss", "test_loss", "train_seconds", "samples_per_second", "error");
    }

    private static List<String> epochColumns(Score score) {
        return List.of("trial_id", "variant_id", "seed", "epoch", "train_loss", score.column("train"), "val_loss",
                score.column("val"), "test_loss", score.column("test"), "epoch_seconds", "samples_per_second");
    }
    private static final List<String> EPOCH_REQUIRED = List.of("trial_id", "epoch");

    private RunReader() {
    }

    /**
     * The manifest of a run directory alone, as {@link #read} reads it (its variant list from the manifest only):
     * for a run that has not recorded a trial yet.
     *
     * @throws ReportException when there is no manifest or it is malformed
     */
    public static Manifest manifest(Path runDir) throws IOException {
        Path manifestFile = runDir.resolve(MANIFEST);
        if (!Files.isRegularFile(manifestFile)) {
            throw new ReportException(manifestFile + " not found: " + runDir + " is not a run directory "
                    + "(a run writes " + MANIFEST + " when it starts)");
        }
        return ManifestJson.read(manifestFile).manifest(List.of(), new ArrayList<>());
    }

    public static RunData read(Path runDir) throws IOException {
        if (!Files.isDirectory(runDir)) {
            throw new ReportException(runDir + ": not a directory; pass the run directory that holds "
                    + MANIFEST + " and " + TRIALS);
        }
        Path manifestFile = runDir.resolve(MANIFEST);
        Path trialsFile = runDir.resolve(TRIALS);
        if (!Files.isRegularFile(manifestFile)) {
            throw new ReportException(manifestFile + " not found: " + runDir + " is not a run directory "
                    + "(a run writes " + MANIFEST + " when it starts)");
        }
        if (!Files.isRegularFile(trialsFile)) {
            throw new ReportException(trialsFile + " not found: the run in " + runDir
                    + " has not finished any trial yet, or the file was moved");
        }
        List<String> warnings = new ArrayList<>();
        ManifestJson json = ManifestJson.read(manifestFile);
        ResultsCheck.Result check;
        try {
            check = ResultsCheck.check(runDir, json.membership());
        } catch (ResultsException e) {
            throw new ReportException(e.getMessage(), e);
        }
        Score score = Score.of(json.config());
        List<TrialRow> trials = readTrials(check.file(TRIALS), json.axes(), score, warnings);
        Manifest manifest = json.manifest(trials, warnings);
        ResultsCheck.Checked epochsFile = check.file(EPOCHS);
        boolean epochsPresent = epochsFile != null;
        Map<String, List<EpochRow>> epochs = epochsPresent ? readEpochs(epochsFile, score, warnings) : Map.of();
        if (!epochsPresent) {
            warnings.add(EPOCHS + " not found: learning curves and the epoch-level overfitting analysis are "
                    + "left out");
        }
        List<Quarantine.Entry> quarantined = Quarantine.read(runDir, warnings);
        return new RunData(manifest, trials, epochs, epochsPresent, warnings, check.rejected(), quarantined,
                check.file(ResultsCheck.DIAGNOSTICS), score);
    }

    private static List<TrialRow> readTrials(ResultsCheck.Checked file, List<String> manifestAxes, Score score,
                                             List<String> warnings) {
        List<TrialRow> trials = new ArrayList<>();
        CsvFile csv = new CsvFile(file);
        if (csv.header().isEmpty()) {
            warnings.add(csv.name() + " is empty: no trial has finished");
            return trials;
        }
        List<String> axes = manifestAxes != null ? manifestAxes : headerAxes(csv.header());
        List<String> required = new ArrayList<>(TRIAL_REQUIRED);
        required.add(score.column("test"));
        required.addAll(axes);
        csv.require(required);
        csv.warnMissing(trialColumns(score), warnings);
        Set<String> seen = new HashSet<>();
        for (CsvTable.Row r : csv) {
            String id = csv.text(r, "trial_id");
            if (!seen.add(id)) {
                warnings.add(csv.name() + ":" + r.line() + ": trial " + id
                        + " appears again; the first row is used");
                continue;
            }
            String statusText = csv.text(r, "status");
            TrialStatus status = TrialStatus.parse(statusText);
            if (status == null) {
                throw new ReportException(csv.file() + ":" + r.line() + ": status '" + statusText
                        + "' is not one of ok, diverged, failed");
            }
            Map<String, String> axisValues = new LinkedHashMap<>();
            axes.forEach(a -> axisValues.put(a, csv.text(r, a)));
            Map<String, Double> metrics = new LinkedHashMap<>();
            for (String column : CsvSchemas.METRICS) {
                if (csv.has(column)) {
                    metrics.put(column, csv.number(r, column));
                }
            }
            double train = csv.number(r, score.column("train"));
            double val = csv.number(r, score.column("val"));
            double test = csv.number(r, score.column("test"));
            double trainLoss = csv.number(r, "train_loss");
            double valLoss = csv.number(r, "val_loss");
            double testLoss = csv.number(r, "test_loss");
            double gap = csv.number(r, score.gapColumn());
            if (!Double.isFinite(gap)) {
                gap = score.gap(train, val, test, trainLoss, valLoss, testLoss);
            }
            String foldText = csv.text(r, "fold");
            int fold = foldText.isEmpty() ? -1 : (int) csv.integer(r, "fold");
            trials.add(new TrialRow(id, csv.text(r, "variant_id"), csv.integer(r, "seed"), fold, status, axisValues,
                    csv.number(r, "epochs_run"), csv.number(r, "best_epoch"), train, val, test, trainLoss, valLoss,
                    testLoss, gap, csv.number(r, "train_seconds"), csv.number(r, "samples_per_second"),
                    csv.text(r, "error"), metrics));
        }
        return trials;
    }

    /** The axis columns of a header: those between {@code status} and {@code epochs_run}. */
    private static List<String> headerAxes(List<String> header) {
        int from = header.indexOf("status");
        int to = header.indexOf("epochs_run");
        if (from < 0 || to < from) {
            return List.of();
        }
        return new ArrayList<>(header.subList(from + 1, to));
    }

    private static Map<String, List<EpochRow>> readEpochs(ResultsCheck.Checked file, Score score,
                                                          List<String> warnings) {
        Map<String, List<EpochRow>> byTrial = new HashMap<>();
        CsvFile csv = new CsvFile(file);
        if (csv.header().isEmpty()) {
            return byTrial;
        }
        csv.require(EPOCH_REQUIRED);
        csv.warnMissing(epochColumns(score), warnings);
        for (CsvTable.Row r : csv) {
            double epoch = csv.number(r, "epoch");
            if (!(epoch >= 1) || epoch != Math.rint(epoch)) {
                throw new ReportException(csv.file() + ":" + r.line() + ": epoch '" + csv.text(r, "epoch")
                        + "' must be a whole number >= 1");
            }
            EpochRow row = EpochRow.of(csv.text(r, "trial_id"), csv.text(r, "variant_id"),
                    csv.has("seed") && !csv.text(r, "seed").isEmpty() ? csv.integer(r, "seed") : 0,
                    (int) epoch, column -> csv.number(r, column), score);
            byTrial.computeIfAbsent(row.trialId(), k -> new ArrayList<>()).add(row);
        }
        Map<String, List<EpochRow>> sorted = new HashMap<>();
        byTrial.forEach((trial, rows) -> {
            // A resumed run may have written an epoch twice; the later row wins.
            Map<Integer, EpochRow> byEpoch = new java.util.TreeMap<>();
            rows.forEach(row -> byEpoch.put(row.epoch(), row));
            sorted.put(trial, List.copyOf(byEpoch.values()));
        });
        return sorted;
    }
}
