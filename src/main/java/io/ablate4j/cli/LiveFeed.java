package io.ablate4j.cli;

import io.ablate4j.results.TrialStatus;
import io.ablate4j.run.RunObserver;
import io.ablate4j.serve.Live;
import io.ablate4j.sweep.Plan;
import io.ablate4j.sweep.Trial;
import java.nio.file.Path;
import java.util.Map;

/** {@code run --serve}: the run's observer, feeding the live page what the run directory does not say yet. */
final class LiveFeed implements RunObserver {
    private final Live live;

    LiveFeed(Live live) {
        this.live = live;
    }

    @Override
    public void started(Path dir, Plan plan, int planned, int recorded) {
        live.started(dir, planned, recorded);
    }

    @Override
    public void planned(int planned) {
        live.planned(planned);
    }

    @Override
    public void trialStarted(Trial trial) {
        live.trialStarted(trial.id(), trial.variant().id(), trial.seed());
    }

    @Override
    public void epoch(Trial trial, int epoch, Map<String, Double> cells) {
        live.epoch(trial.id(), trial.variant().id(), trial.seed(), epoch, cells);
    }

    @Override
    public void trialFinished(Trial trial, TrialStatus status) {
        live.trialFinished(trial.id(), trial.variant().id(), trial.seed(), status);
    }

    @Override
    public void ended(Path dir, boolean interrupted) {
        live.ended(dir, interrupted);
    }
}
