package io.ablate4j.results;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code trials.csv} and {@code epochs.csv} of one run directory, kept consistent: a trial's epoch rows are
 * written before its trial row, and a trial counts as finished only once its trial row is there. Opening the
 * directory for a run verifies every row ({@link ResultsCheck}): rows that do not count (damaged, foreign, or going
 * with a trial that has such a row) are moved to {@link Quarantine damaged.csv}, so that their trials are trained
 * again. The rows of failed trials, which a resumed run tries again, and epoch rows of unfinished trials (a run
 * killed between the two writes) are dropped. Files written before checksums (schema version 1) are rewritten with
 * them. {@code diagnostics.csv} (BN diagnostics) exists only once a trial with {@code training.bnDiagnostics} has
 * been recorded; it follows the same rules as epochs.csv.
 */
public final class TrialResults {
    public static final String TRIALS = ResultsCheck.TRIALS;
    public static final String EPOCHS = ResultsCheck.EPOCHS;
    public static final String DIAGNOSTICS = ResultsCheck.DIAGNOSTICS;
    private final Path runDir;
    private final ResultsFile trials;
    private final ResultsFile epochs;
    private ResultsFile diagnostics;
    private final List<String> axes;
    private final Set<String> finished;
    private final List<Damaged> quarantined;

    private TrialResults(Path runDir, ResultsFile trials, ResultsFile epochs, ResultsFile diagnostics,
                         List<String> axes, Set<String> finished, List<Damaged> quarantined) {
        this.runDir = runDir;
        this.trials = trials;
        this.diagnostics = diagnostics;
        this.epochs = epochs;
        this.axes = List.copyOf(axes);
        this.finished = finished;
        this.quarantined = List.copyOf(quarantined);
    }

    /** {@link #open(Path, List, ResultsCheck.Membership)} accepting the rows of any trial. */
    public static TrialResults open(Path runDir, List<String> axes) throws IOException {
        return open(runDir, axes, null);
    }

    /**
     * Opens (creating) the result files of {@code runDir} for a run, checked and repaired as the class comment says.
     *
     * @param belongs which trials the run plans (rows of others are foreign); null accepts all
     * @throws ResultsException when a file's header is not this run's
     */
    public static TrialResults open(Path runDir, List<String> axes, ResultsCheck.Membership belongs)
            throws IOException {
        List<String> trialColumns = CsvSchemas.trials(axes);
        Path trialsFile = runDir.resolve(TRIALS);
        Path epochsFile = runDir.resolve(EPOCHS);
        Path diagnosticsFile = runDir.resolve(DIAGNOSTICS);
        // A version 1 directory: its rows in this version's columns first (the cells it did not have left empty)
        ResultsFile.upgrade(trialsFile, trialColumns);
        ResultsFile.upgrade(epochsFile, CsvSchemas.EPOCHS);
        ResultsFile.open(trialsFile, trialColumns);
        ResultsFile.open(epochsFile, CsvSchemas.EPOCHS);
        if (Files.exists(diagnosticsFile)) {
            ResultsFile.open(diagnosticsFile, CsvSchemas.DIAGNOSTICS);
        }
        ResultsCheck.Result check = ResultsCheck.check(runDir, belongs);
        Quarantine.add(runDir, check.rejected(), Instant.now());

        int statusColumn = CsvSchemas.TRIALS_HEAD.indexOf("status");
        List<List<String>> trialRows = cells(check.file(TRIALS)).stream()
                .filter(row -> TrialStatus.parse(row.get(statusColumn)) != TrialStatus.FAILED).toList();
        Set<String> finished = new HashSet<>();
        trialRows.forEach(row -> finished.add(row.get(0)));
        ResultsFile trials = rewrite(trialsFile, trialColumns, check.file(TRIALS), trialRows);
        ResultsFile epochs = rewrite(epochsFile, CsvSchemas.EPOCHS, check.file(EPOCHS),
                cells(check.file(EPOCHS)).stream().filter(row -> finished.contains(row.get(0))).toList());
        ResultsFile diagnostics = null;
        if (check.file(DIAGNOSTICS) != null) {
            diagnostics = rewrite(diagnosticsFile, CsvSchemas.DIAGNOSTICS, check.file(DIAGNOSTICS),
                    cells(check.file(DIAGNOSTICS)).stream().filter(row -> finished.contains(row.get(0))).toList());
        }
        return new TrialResults(runDir, trials, epochs, diagnostics, axes, finished, check.rejected());
    }

    private static List<List<String>> cells(ResultsCheck.Checked checked) {
        return checked.rows().stream().map(CsvTable.Row::cells).toList();
    }

    /** Rewrites {@code file} with {@code rows}, sealed, unless it holds exactly those already. */
    private static ResultsFile rewrite(Path file, List<String> columns, ResultsCheck.Checked checked,
                                       List<List<String>> rows) throws IOException {
        if (!checked.table().sealed() || checked.changed() || rows.size() != checked.rows().size()) {
            ResultsFile.write(file, columns, true, rows);
        }
        return ResultsFile.open(file, columns);
    }

    /** The rows that opening moved to {@code damaged.csv}, in file order (damaged and foreign ones first). */
    public List<Damaged> quarantined() {
        return quarantined;
    }

    /** Ids of trials already finished (ok or diverged) in this directory. */
    public synchronized Set<String> finished() {
        return Set.copyOf(finished);
    }

    /**
     * Records a finished trial: its epoch rows, its diagnostics rows (if it has any), then its trial row, each in
     * one fsynced write, so that a trial counts as finished only once all its rows are there. The rows are cells in
     * the columns of {@link CsvSchemas} ({@code run.TrialRows} makes them from a training outcome).
     *
     * @param trialId         the trial's id, the first cell of every row
     * @param epochRows       its epochs.csv rows, in epoch order
     * @param diagnosticsRows its diagnostics.csv rows; empty when it has none
     * @param trialRow        its trials.csv row
     */
    public synchronized void record(String trialId, List<List<String>> epochRows, List<List<String>> diagnosticsRows,
                                    List<String> trialRow) throws IOException {
        epochs.append(epochRows);
        if (!diagnosticsRows.isEmpty()) {
            if (diagnostics == null) {
                diagnostics = ResultsFile.open(runDir.resolve(DIAGNOSTICS), CsvSchemas.DIAGNOSTICS);
            }
            diagnostics.append(diagnosticsRows);
        }
        trials.append(List.of(trialRow));
        finished.add(trialId);
    }

    /** The sweep axes whose columns trials.csv has, in column order. */
    public List<String> axes() {
        return axes;
    }
}
