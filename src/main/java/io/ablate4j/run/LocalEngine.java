package io.ablate4j.run;

import io.ablate4j.sweep.Plan;
import io.ablate4j.sweep.Trial;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The default engine: trials on a fixed pool of {@code parallel} threads in this JVM, each on one native thread. */
public final class LocalEngine implements Engine {
    private static final Logger LOG = LoggerFactory.getLogger(LocalEngine.class);
    private final int parallel;
    private final TrialRunner.Work work;

    /** Trains {@code parallel} trials at once with {@code trials} (its data cache, templates and step). */
    public LocalEngine(int parallel, TrialRunner trials) {
        this(parallel, trials::run);
    }

    LocalEngine(int parallel, TrialRunner.Work work) {
        if (parallel < 1) {
            throw new IllegalArgumentException("parallel must be >= 1");
        }
        this.parallel = parallel;
        this.work = work;
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
        // An interrupted driver stops the run like a stop signal: running trials end at their next minibatch.
        AtomicBoolean interrupted = new AtomicBoolean();
        AtomicReference<Throwable> fault = new AtomicReference<>();
        BooleanSupplier stop = () -> interrupted.get() || fault.get() != null || cancelled.getAsBoolean();
        if (!pending.isEmpty()) {
            TrainingStep.prepare();
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallel, Math.max(1, pending.size())),
                daemonThreads());
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (Trial trial : pending) {
                futures.add(pool.submit(() -> {
                    if (stop.getAsBoolean()) {
                        return null;
                    }
                    TrialOutcome outcome = runOne(plan, trial, runDir, stop, sink, fault);
                    if (outcome != null && fault.get() == null) {
                        try {
                            sink.finished(trial, outcome);
                        } catch (IOException | RuntimeException e) {
                            fault.compareAndSet(null, e);
                        }
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

    /** Trains one trial: its outcome, or null when it was stopped or the file system failed (then in fault). */
    private TrialOutcome runOne(Plan plan, Trial trial, Path dir, BooleanSupplier cancelled, TrialSink sink,
                                AtomicReference<Throwable> fault) {
        long start = System.nanoTime();
        sink.started(trial);
        try {
            return work.run(plan, trial, dir, cancelled, m -> sink.epoch(trial, m));
        } catch (CancellationException e) {
            return null;
        } catch (Exception | StackOverflowError | OutOfMemoryError e) {
            if (e instanceof StorageException || StorageException.isEnvironmental(e)) {
                LOG.debug("trial {}: the file system failed; the run stops", trial.id(), e);
                fault.compareAndSet(null, e);
                return null;
            }
            LOG.debug("trial {} failed", trial.id(), e);
            return TrialRunner.failure(e, start);
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
