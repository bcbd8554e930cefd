package io.ablate4j.results;

import java.util.ArrayList;
import java.util.List;

/**
 * The column contracts of {@code trials.csv}, {@code epochs.csv} and {@code diagnostics.csv} (RFC 4180, UTF-8,
 * header first). A change of columns is a new {@link #VERSION}, recorded in the manifest; golden-file tests seal the
 * current one. The lists here are the data columns; each file ends in one more, {@link Checksum#COLUMN}, that
 * {@link ResultsFile} adds and checks over whatever the columns are.
 */
public final class CsvSchemas {
    private CsvSchemas() {
    }

    /**
     * Version 2: each row ends in its {@link Checksum}; trials.csv and epochs.csv have a {@code fold} column after
     * {@code seed}, {@code gap_loss} and the regression metrics (RMSE, MAE, R² per split): one schema for both
     * tasks, the cells a task does not have left empty. Version 1 directories (no checksums, no fold, accuracy
     * metrics only) still open: the report reads them as they are, and a resumed run rewrites them in version 2.
     */
    public static final int VERSION = 2;

    public static final List<String> TRIALS_HEAD = List.of("trial_id", "variant_id", "seed", "fold", "status");
    /** Per-split metrics, in the order both files write them after their leading columns. */
    public static final List<String> METRICS = List.of("train_loss", "train_acc", "val_loss", "val_acc", "test_loss",
            "test_acc", "gap_acc", "gap_loss", "train_rmse", "val_rmse", "test_rmse", "train_mae", "val_mae",
            "test_mae", "train_r2", "val_r2", "test_r2");
    static final List<String> TRIALS_TAIL = concat(List.of("epochs_run", "best_epoch"), METRICS,
            List.of("train_seconds", "samples_per_second", "error"));
    public static final List<String> EPOCHS = concat(List.of("trial_id", "variant_id", "seed", "fold", "epoch"),
            METRICS, List.of("epoch_seconds", "samples_per_second"));

    @SafeVarargs
    private static List<String> concat(List<String>... parts) {
        List<String> all = new ArrayList<>();
        for (List<String> p : parts) {
            all.addAll(p);
        }
        return List.copyOf(all);
    }

    /**
     * diagnostics.csv columns: an optional extra file, written only by trials with {@code training.bnDiagnostics}
     * on; its presence does not change {@link #VERSION}.
     */
    public static final List<String> DIAGNOSTICS = List.of("trial_id", "variant_id", "seed", "epoch",
            "val_acc_inference", "val_acc_train_mode", "train_mode_gap", "bn_variance_shift",
            "bn_variance_shift_per_layer");

    /**
     * race.csv columns: one row per surviving variant per rung of a race ({@code sweep.race}), written whole after
     * each rung; an optional file, whose presence does not change {@link #VERSION}. {@code rung} counts from 1; the
     * last leg (to {@code training.epochs}) is one more, with outcome {@code finished}. {@code val_score} is the
     * mean validation score (accuracy, or RMSE for a regression) over the variant's seeds at the rung,
     * {@code behind_leader} how far it is behind the leader over their shared seeds, {@code p} the one-sided paired
     * p that it is worse, {@code level} the corrected level it was held to, {@code outcome} one of
     * {@link #RACE_OUTCOMES}.
     */
    public static final List<String> RACE = List.of("rung", "epoch", "variant_id", "seeds", "val_score",
            "behind_leader", "p", "level", "leader", "outcome");
    /** race.csv's {@code outcome} cells: stays, or why the variant left; finished at the last leg. */
    public static final List<String> RACE_OUTCOMES = List.of("stays", "worse", "not-top", "diverged", "failed",
            "finished");

    /** trials.csv columns: ids, status, one column per sweep axis (named by its key path), metrics. */
    public static List<String> trials(List<String> axes) {
        List<String> columns = new ArrayList<>(TRIALS_HEAD);
        columns.addAll(axes);
        columns.addAll(TRIALS_TAIL);
        return List.copyOf(columns);
    }
}
