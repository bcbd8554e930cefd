package io.ablate4j.spark;

import io.ablate4j.data.DataCache;
import io.ablate4j.network.Templates;
import io.ablate4j.run.TrialRunner;

/**
 * What a task trains with: the executor JVM's counterpart of a {@code Runner}'s data cache and template class
 * loader. The one process-wide state of ablate4j, and deliberately so: an executor JVM serves the tasks of one
 * Spark application after another, and loads each dataset once for all of them (a task cannot carry a cache).
 *
 * <p>On a cluster the executor's own cache and templates are used: java templates load through the task's context
 * class loader, which holds the jars the driver added to the job. On a local master the tasks run in the driver's
 * JVM, and {@link SparkEngine} hands them its run's {@link TrialRunner} for the job's duration
 * ({@link #driverJvm}), so they train on the data the driver already loaded and load templates through its
 * {@code --classpath}. One SparkContext per JVM (Spark's rule) means one such run at a time.
 */
final class ExecutorTrials {
    /** Template classes through the task's context class loader (no {@code ABLATE4J_CLASSPATH} on executors). */
    private static final Templates TEMPLATES = Templates.fromEnvironment();
    /**
     * This executor JVM's datasets, loaded once and shared by its tasks; java data classes load as templates do,
     * through the task's context class loader (the jars the driver added to the job).
     */
    private static final DataCache DATA = new DataCache(TrialRunner.dataClasses(TEMPLATES));
    /** The driver's trials while a local-master job of this JVM runs, else null. */
    private static volatile TrialRunner driver;

    private ExecutorTrials() {
    }

    /** The trials of a task: the driver's where this JVM is the driver's (local master), else the executor's. */
    static TrialRunner forTask(TrialSpec spec) {
        TrialRunner local = driver;
        if (spec.driver() == null && local != null) {
            return new TrialRunner(local.data(), local.templates(), spec.step());
        }
        return new TrialRunner(DATA, TEMPLATES, spec.step());
    }

    /** The tasks of a local master train with {@code trials} until {@link #driverJvmDone}. */
    static void driverJvm(TrialRunner trials) {
        driver = trials;
    }

    /** Ends {@link #driverJvm}{@code (trials)}; another run's registration is left alone. */
    static void driverJvmDone(TrialRunner trials) {
        if (driver == trials) {
            driver = null;
        }
    }
}
