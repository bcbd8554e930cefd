package io.ablate4j.run;

import io.ablate4j.config.Defaults;
import io.ablate4j.training.lean.StepMode;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * How to run.
 *
 * @param out      the run directory (null: {@code results/runs/<experiment>-<timestamp>}); with several experiments,
 *                 each gets {@code out/<experiment>}
 * @param parallel trials trained at once, each on one native thread
 * @param mode     what to do with a directory that already holds results
 * @param report   write summary.csv and the report at the end
 * @param log      where progress goes
 * @param progressBar draw a progress bar (a terminal) instead of log lines
 * @param engine   where trials train
 * @param master   Spark master URL for {@link EngineChoice#SPARK}; null: embedded {@code local[parallel]}
 * @param step     which path trains each minibatch (recorded as {@code trainingStep} in the manifest; {@code compare}
 *                 names it when two runs differ in it); {@link #defaultStep()} unless chosen
 * @param classpath the jars or class directories of java templates ({@code --classpath}); null: those of
 *                 {@code ABLATE4J_CLASSPATH}
 * @param observer what the run tells while it trains (the live page of {@code run --serve});
 *                 {@link RunObserver#NONE} unless chosen
 */
public record RunOptions(Path out, int parallel, Mode mode, boolean report, PrintStream log, boolean progressBar,
                         EngineChoice engine, String master, StepMode step, List<Path> classpath,
                         RunObserver observer) {
    /**
     * System property naming the default {@link #step()} ({@code lean}, {@code exact} or {@code dl4j}): what
     * {@code ABLATE4J_JAVA_OPTS=-Dablate4j.step=dl4j} sets for every run of the JVM, the escape hatch to DL4J's own
     * {@code fit}.
     */
    public static final String STEP_PROPERTY = "ablate4j.step";

    public enum Mode {
        /** Resume when the directory holds the same config, start when it is empty, refuse otherwise. */
        AUTO,
        /** Like AUTO, but the directory must already hold a run of this config. */
        RESUME,
        /** Discard whatever results the directory holds. */
        FRESH
    }

    /** Where trials train. */
    public enum EngineChoice {
        /** A thread pool in this JVM ({@link LocalEngine}). */
        LOCAL,
        /** Spark tasks, one per trial ({@code io.ablate4j.spark.SparkEngine}, in jars built with -Pspark). */
        SPARK
    }

    public RunOptions {
        if (parallel < 1) {
            throw new IllegalArgumentException("parallel must be >= 1");
        }
        if (engine == null) {
            throw new IllegalArgumentException("engine must not be null");
        }
        if (master != null && engine != EngineChoice.SPARK) {
            throw new IllegalArgumentException("a master URL needs the spark engine");
        }
        if (step == null) {
            throw new IllegalArgumentException("step must not be null");
        }
        classpath = classpath == null ? null : List.copyOf(classpath);
        observer = observer == null ? RunObserver.NONE : observer;
    }

    /** No observer. */
    public RunOptions(Path out, int parallel, Mode mode, boolean report, PrintStream log, boolean progressBar,
                      EngineChoice engine, String master, StepMode step, List<Path> classpath) {
        this(out, parallel, mode, report, log, progressBar, engine, master, step, classpath, RunObserver.NONE);
    }

    /** The default step and class path. */
    public RunOptions(Path out, int parallel, Mode mode, boolean report, PrintStream log, boolean progressBar,
                      EngineChoice engine, String master) {
        this(out, parallel, mode, report, log, progressBar, engine, master, defaultStep(), null);
    }

    /** The local engine, the default step and class path. */
    public RunOptions(Path out, int parallel, Mode mode, boolean report, PrintStream log, boolean progressBar) {
        this(out, parallel, mode, report, log, progressBar, EngineChoice.LOCAL, null);
    }

    /** The name of {@link #defaultStep()}, unchecked: the system property's value, else {@code lean}. */
    public static String defaultStepName() {
        return System.getProperty(STEP_PROPERTY, StepMode.LEAN.value());
    }

    /**
     * The step a run takes unless told otherwise: the one the system property {@value #STEP_PROPERTY} names,
     * else {@link StepMode#LEAN}.
     *
     * @throws IllegalArgumentException when the property names no mode
     */
    public static StepMode defaultStep() {
        String v = System.getProperty(STEP_PROPERTY);
        if (v == null) {
            return StepMode.LEAN;
        }
        try {
            return StepMode.parse(v);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("-D" + STEP_PROPERTY + "=" + v + ": expected lean, exact or dl4j", e);
        }
    }

    /**
     * Defaults for embedding: a fresh timestamped directory, one trial per core, report, log to stderr, local engine,
     * {@link #defaultStep()}, java templates from {@code ABLATE4J_CLASSPATH}.
     */
    public static RunOptions defaults() {
        return new RunOptions(null, Defaults.parallelism(), Mode.AUTO, true, System.err, false);
    }

    public RunOptions withOut(Path dir) {
        return new RunOptions(dir, parallel, mode, report, log, progressBar, engine, master, step, classpath, observer);
    }

    public RunOptions withParallel(int n) {
        return new RunOptions(out, n, mode, report, log, progressBar, engine, master, step, classpath, observer);
    }

    /** Runs on {@code choice}; {@code master} (Spark only) may be null. */
    public RunOptions withEngine(EngineChoice choice, String masterUrl) {
        return new RunOptions(out, parallel, mode, report, log, progressBar, choice, masterUrl, step, classpath,
                observer);
    }

    /** Trains every minibatch on {@code path}. */
    public RunOptions withStep(StepMode path) {
        return new RunOptions(out, parallel, mode, report, log, progressBar, engine, master, path, classpath, observer);
    }

    /** Tells {@code o} what the run does while it trains. */
    public RunOptions withObserver(RunObserver o) {
        return new RunOptions(out, parallel, mode, report, log, progressBar, engine, master, step, classpath, o);
    }

    /** Loads java templates from {@code entries} (null: {@code ABLATE4J_CLASSPATH}). */
    public RunOptions withClasspath(List<Path> entries) {
        return new RunOptions(out, parallel, mode, report, log, progressBar, engine, master, step, entries, observer);
    }
}
