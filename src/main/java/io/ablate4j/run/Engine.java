package io.ablate4j.run;

import io.ablate4j.sweep.Plan;
import io.ablate4j.sweep.Trial;
import io.ablate4j.training.Checkpoint;
import io.ablate4j.training.EpochMetrics;
import io.ablate4j.training.Trainer;
import io.ablate4j.training.TrialOutcome;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Trains the pending trials of a plan somewhere (a local thread pool, Spark tasks) and hands each outcome to the
 * driver. The run directory, resume and the result files stay with {@link Runner}; an engine only executes.
 */
public interface Engine {
    /**
     * Trains {@code pending} and calls {@code sink.finished} once per trial that ran to an outcome (ok, diverged or
     * failed), in completion order; returns when all have, or soon after {@code cancelled} turns true (trials not
     * started then are skipped, running ones may be abandoned without an outcome).
     *
     * @param runDir the run directory, for the per-trial files ({@code trials/<id>/config.yaml, network.json})
     * @throws IOException when the sink throws one (the results could not be written), which ends the run
     */
    void execute(Plan plan, List<Trial> pending, Path runDir, BooleanSupplier cancelled, TrialSink sink)
            throws IOException;

    /**
     * Trains one leg of a race ({@link Racing}): each trial from its checkpoint (or from scratch) to the end of its
     * leg's epoch, and calls {@code sink.finished} once per leg that ran to a result (paused at the epoch with a
     * checkpoint, or ended: ok, diverged or failed), in completion order; returns when all have, or soon after
     * {@code cancelled} turns true, as {@link #execute} does. The checkpoints stay with the caller: they come in with
     * the legs and go out with the results, and the engine writes none.
     *
     * <p>Both engines of ablate4j run legs; the default refuses, for engines made of {@link #execute} alone (tests).
     *
     * @param runDir the run directory, for the files of trials that start from scratch
     * @throws IOException when the sink throws one, which ends the run
     */
    default void executeLegs(Plan plan, List<Leg> legs, Path runDir, BooleanSupplier cancelled, LegSink sink)
            throws IOException {
        throw new UnsupportedOperationException(getClass().getName() + " cannot train a race's legs");
    }

    /**
     * One trial's leg of a race.
     *
     * @param from  where it resumes; null: from scratch
     * @param until the epoch it trains to, pausing there unless it ends first
     */
    record Leg(Trial trial, Checkpoint from, int until) {
    }

    /** Where an engine delivers the results of legs; called on the driver (possibly from several threads at once). */
    interface LegSink {
        /** A trial's leg starts training (engines that cannot observe starts never call it). */
        default void started(Trial trial) {
        }

        /** A trial's leg ended: paused with a checkpoint, or with the trial's outcome. */
        void finished(Trial trial, Trainer.LegResult result) throws IOException;

        /** An epoch of a running leg finished (progress only; engines that cannot observe epochs never call it). */
        default void epoch(Trial trial, EpochMetrics metrics) {
        }
    }

    /** Where an engine delivers results; called on the driver (possibly from several threads at once). */
    interface TrialSink {
        /** A trial starts training (engines that cannot observe starts never call it). */
        default void started(Trial trial) {
        }

        /** A trial finished: record it. */
        void finished(Trial trial, TrialOutcome outcome) throws IOException;

        /** An epoch of a running trial finished (progress only; engines that cannot observe epochs never call it). */
        default void epoch(Trial trial, EpochMetrics metrics) {
        }
    }
}
