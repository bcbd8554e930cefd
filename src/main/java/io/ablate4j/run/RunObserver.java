package io.ablate4j.run;

import io.ablate4j.results.TrialStatus;
import io.ablate4j.sweep.Plan;
import io.ablate4j.sweep.Trial;
import java.nio.file.Path;
import java.util.Map;

/**
 * What a run tells while it trains, for a watcher in the same JVM (the live page of {@code run --serve}): the trials
 * that start, their epochs as they end, the trials that finish. The run directory stays the record; this is only the
 * part of it that is not written yet (a running trial's epochs are written when the trial finishes).
 *
 * <p>Called on the driver's threads, trial threads included, in the middle of training: an observer returns at once
 * (no I/O, no waiting), and whatever it throws is dropped, so it can never stop or slow a run. Engines that cannot
 * see trials start or epochs end (Spark) only report finished trials.
 */
public interface RunObserver {
    /** Observes nothing. */
    RunObserver NONE = new RunObserver() {
    };

    /**
     * A plan's run starts in {@code dir} (the manifest is written).
     *
     * @param planned  trials planned in all (with adaptive seeds, those of the first look)
     * @param recorded trials already recorded (a resumed run)
     */
    default void started(Path dir, Plan plan, int planned, int recorded) {
    }

    /** Adaptive seeds: the next look adds trials; {@code planned} is the new total. */
    default void planned(int planned) {
    }

    /** A trial starts training. */
    default void trialStarted(Trial trial) {
    }

    /**
     * An epoch of a running trial ended.
     *
     * @param cells the epoch's {@code epochs.csv} metric columns by name ({@code results.CsvSchemas.METRICS},
     *              {@code epoch_seconds}, {@code samples_per_second}); NaN where the row's cell would be empty
     */
    default void epoch(Trial trial, int epoch, Map<String, Double> cells) {
    }

    /** A trial's rows are recorded. */
    default void trialFinished(Trial trial, TrialStatus status) {
    }

    /**
     * The plan's run ended: every trial recorded and the report written (when asked for), or stopped early
     * ({@code interrupted}: Ctrl-C, or the file system failed).
     */
    default void ended(Path dir, boolean interrupted) {
    }
}
