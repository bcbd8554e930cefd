package io.ablate4j.run;

import io.ablate4j.results.TrialStatus;
import io.ablate4j.sweep.Plan;
import io.ablate4j.sweep.Trial;
import java.nio.file.Path;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** An observer whose exceptions are dropped (logged at debug level): a watcher never stops a run. */
final class GuardedObserver implements RunObserver {
    private static final Logger LOG = LoggerFactory.getLogger(GuardedObserver.class);
    private final RunObserver o;

    GuardedObserver(RunObserver o) {
        this.o = o;
    }

    private static void guard(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException | StackOverflowError e) {
            LOG.debug("a run observer threw; ignored", e);
        }
    }

    @Override
    public void started(Path dir, Plan plan, int planned, int recorded) {
        guard(() -> o.started(dir, plan, planned, recorded));
    }

    @Override
    public void planned(int planned) {
        guard(() -> o.planned(planned));
    }

    @Override
    public void trialStarted(Trial trial) {
        guard(() -> o.trialStarted(trial));
    }

    @Override
    public void epoch(Trial trial, int epoch, Map<String, Double> cells) {
        guard(() -> o.epoch(trial, epoch, cells));
    }

    @Override
    public void trialFinished(Trial trial, TrialStatus status) {
        guard(() -> o.trialFinished(trial, status));
    }

    @Override
    public void ended(Path dir, boolean interrupted) {
        guard(() -> o.ended(dir, interrupted));
    }
}
