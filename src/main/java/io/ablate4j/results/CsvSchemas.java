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

    /** 1: the columns below; 2: each row ends in its {@link Checksum} (version 1 directories still open). */
    public static final int VERSION = 2;

    static final List<String> TRIALS_HEAD = List.of("trial_id", "variant_id", "seed", "status");
    static final List<String> TRIALS_TAIL = List.of("epochs_run", "best_epoch", "train_acc", "val_acc", "test_acc",
            "train_loss", "val_loss", "test_loss", "gap_acc", "train_seconds", "samples_per_second", "error");
    public static final List<String> EPOCHS = List.of("trial_id", "variant_id", "seed", "epoch", "train_loss",
            "train_acc", "val_loss", "val_acc", "test_loss", "test_acc", "gap_acc", "epoch_seconds",
            "samples_per_second");

    /**
     * diagnostics.csv columns: an optional extra file, written only by trials with {@code training.bnDiagnostics}
     * on; its presence does not change {@link #VERSION}.
     */
    public static final List<String> DIAGNOSTICS = List.of("trial_id", "variant_id", "seed", "epoch",
            "val_acc_inference", "val_acc_train_mode", "train_mode_gap", "bn_variance_shift",
            "bn_variance_shift_per_layer");

    /** trials.csv columns: ids, status, one column per sweep axis (named by its key path), metrics. */
    public static List<String> trials(List<String> axes) {
        List<String> columns = new ArrayList<>(TRIALS_HEAD);
        columns.addAll(axes);
        columns.addAll(TRIALS_TAIL);
        return List.copyOf(columns);
    }
}
