package io.ablate4j.training;

import io.ablate4j.results.TrialStatus;
import java.io.Serializable;
import java.util.List;

/**
 * What training one trial produced. Serializable, so that a trial trained in another JVM (a Spark task) can
 * send it back.
 *
 * @param status           ok, diverged (a loss became NaN or infinite; a result, not an error) or failed (threw)
 * @param epochs           the epochs completed, in order
 * @param bestEpoch        1-based epoch with the lowest validation loss (the last epoch without validation); 0 if none
 * @param trainSeconds     wall time of the whole trial
 * @param samplesPerSecond training examples per second over all epochs' fitting
 * @param error            why it diverged or failed; null when ok
 * @param setupSeconds     network build and initialization before the first minibatch (shared data loading excluded)
 * @param diagnostics      BN diagnostics per epoch when {@code training.bnDiagnostics} is on; empty otherwise
 */
public record TrialOutcome(TrialStatus status, List<EpochMetrics> epochs, int bestEpoch, double trainSeconds,
                           double samplesPerSecond, String error, double setupSeconds,
                           List<BnDiagnostics> diagnostics) implements Serializable {
    public TrialOutcome {
        epochs = List.copyOf(epochs);
        diagnostics = List.copyOf(diagnostics);
    }

    /** Without BN diagnostics. */
    public TrialOutcome(TrialStatus status, List<EpochMetrics> epochs, int bestEpoch, double trainSeconds,
                        double samplesPerSecond, String error, double setupSeconds) {
        this(status, epochs, bestEpoch, trainSeconds, samplesPerSecond, error, setupSeconds, List.of());
    }

    /** The metrics of the best epoch, or null when no epoch finished. */
    public EpochMetrics best() {
        return bestEpoch < 1 ? null : epochs.get(bestEpoch - 1);
    }

    public static TrialOutcome failed(String error, double seconds) {
        return new TrialOutcome(TrialStatus.FAILED, List.of(), 0, seconds, Double.NaN, error, Double.NaN);
    }
}
