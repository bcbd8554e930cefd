package io.ablate4j.run;

import io.ablate4j.sweep.Plan;
import io.ablate4j.sweep.Trial;
import io.ablate4j.training.Trainer;
import io.ablate4j.training.TrialOutcome;
import io.ablate4j.training.lean.TrainingStep;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The default engine: trials on a fixed pool of {@code parallel} threads in this JVM, each on one native thread. */
public final class LocalEngine implements Engine {
    private static final Logger LOG = LoggerFactory.getLogger(LocalEngine.class);
    private final int parallel;
    private final TrialRunner.Work work;
    private final TrialRunner.LegWork legWork;

    /** Trains {@code parallel} trials at once with {@code trials} (its data cache, templates and step). */
    public LocalEngine(int parallel, TrialRunner trials) {
        this(parallel, trials::run, trials::runLeg);
    }

    /** Trains whole trials with {@code work} (replaced in tests) and a race's legs with {@code legWork}. */
    LocalEngine(int parallel, TrialRunner.Work work, TrialRunner.LegWork legWork) {
        if (parallel < 1) {
            throw new IllegalArgumentException("parallel must be >= 1");
        }
        this.parallel = parallel;
        this.work = work;
        this.legWork = legWork;
    }

    /**
     * {@inheritDoc}
     *
     * <p>When the file system fails (a trial's files or the sink cannot be written, see
     * {@link StorageException#isEnvironmental}), no further trial starts, the running ones stop at their next
     * minibatch without an outcome, and this method throws that failure once all have ended: it is no trial's
     * result, so none is recorded as failed for it.
     */
    @Override
    public void execute(Plan plan, List<Trial> pending, Path runDir, BooleanSupplier cancelled, TrialSink sink)
            throws IOException {
        onPool(pending.size(), cancelled, (i, stop, fault) -> {
            Trial trial = pending.get(i);
            sink.started(trial);
            TrialOutcome outcome = runOne(trial, fault, o -> o,
                    () -> work.run(plan, trial, runDir, stop, m -> sink.epoch(trial, m)));
            if (outcome != null && fault.get() == null) {
                sink.finished(trial, outcome);
            }
        });
    }

    /**
     * {@inheritDoc}
     *
     * <p>A leg that throws ends its trial as failed; the file system's failures stop the legs as they stop
     * {@link #execute}'s trials.
     */
    @Override
    public void executeLegs(Plan plan, List<Leg> legs, Path runDir, BooleanSupplier cancelled, LegSink sink)
            throws IOException {
        onPool(legs.size(), cancelled, (i, stop, fault) -> {
            Leg leg = legs.get(i);
            Trial trial = leg.trial();
            sink.started(trial);
            Trainer.LegResult result = runOne(trial, fault, o -> new Trainer.LegResult(o, null),
                    () -> legWork.run(plan, trial, runDir, leg.from(), leg.until(), stop, m -> sink.epoch(trial, m)));
            if (result != null && fault.get() == null) {
                sink.finished(trial, result);
            }
        });
    }

    /** One trial's work on a pool thread: {@code stop} says when to end it, {@code fault} takes what ends the run. */
    @FunctionalInterface
    private interface Task {
        void run(int index, BooleanSupplier stop, AtomicReference<Throwable> fault) throws IOException;
    }

    /** Runs {@code task} for indices 0 to {@code n - 1} on the pool, and throws what ended the run, if anything did. */
    private void onPool(int n, BooleanSupplier cancelled, Task task) throws IOException {
        // An interrupted driver stops the run like a stop signal: running trials end at their next minibatch.
        AtomicBoolean interrupted = new AtomicBoolean();
        AtomicReference<Throwable> fault = new AtomicReference<>();
        BooleanSupplier stop = () -> interrupted.get() || fault.get() != null || cancelled.getAsBoolean();
        if (n > 0) {
            TrainingStep.prepare();
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallel, Math.max(1, n)), daemonThreads());
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    if (stop.getAsBoolean()) {
                        return null;
                    }
                    try {
                        task.run(index, stop, fault);
                    } catch (IOException | RuntimeException e) {
                        fault.compareAndSet(null, e);
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    fault.compareAndSet(null, e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    interrupted.set(true);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        Throwable t = fault.get();
        if (t instanceof IOException e) {
            throw e;
        } else if (t instanceof RuntimeException e) {
            throw e;
        } else if (t instanceof Error e) {
            throw e;
        } else if (t != null) {
            throw new IllegalStateException(t);
        }
    }

    /** Training that may throw: its result, or null when it was stopped. */
    @FunctionalInterface
    private interface Training<R> {
        R call() throws Exception;
    }

    /**
     * Trains one trial: its result (a failed outcome, made a result by {@code failed}, when it threw), or null when
     * it was stopped or the file system failed (then in fault).
     */
    private static <R> R runOne(Trial trial, AtomicReference<Throwable> fault, Function<TrialOutcome, R> failed,
                                Training<R> training) {
        long start = System.nanoTime();
        try {
            return training.call();
        } catch (CancellationException e) {
            return null;
        } catch (Exception | StackOverflowError | OutOfMemoryError e) {
            if (e instanceof StorageException || StorageException.isEnvironmental(e)) {
                LOG.debug("trial {}: the file system failed; the run stops", trial.id(), e);
                fault.compareAndSet(null, e);
                return null;
            }
            LOG.debug("trial {} failed", trial.id(), e);
            return failed.apply(TrialRunner.failure(e, start));
        }
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "trial-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
