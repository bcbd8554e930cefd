package io.ablate4j.run;

import io.ablate4j.config.Defaults;
import java.io.PrintStream;
import java.nio.file.Path;

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
 */
public record RunOptions(Path out, int parallel, Mode mode, boolean report, PrintStream log, boolean progressBar,
                         EngineChoice engine, String master) {
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
    }

    /** The local engine. */
    public RunOptions(Path out, int parallel, Mode mode, boolean report, PrintStream log, boolean progressBar) {
        this(out, parallel, mode, report, log, progressBar, EngineChoice.LOCAL, null);
    }

    /** Defaults for embedding: a fresh timestamped directory, one trial per core, report, log to stderr, local engine. */
    public static RunOptions defaults() {
        return new RunOptions(null, Defaults.parallelism(), Mode.AUTO, true, System.err, false);
    }

    public RunOptions withOut(Path dir) {
        return new RunOptions(dir, parallel, mode, report, log, progressBar, engine, master);
    }

    public RunOptions withParallel(int n) {
        return new RunOptions(out, n, mode, report, log, progressBar, engine, master);
    }

    /** Runs on {@code choice}; {@code master} (Spark only) may be null. */
    public RunOptions withEngine(EngineChoice choice, String masterUrl) {
        return new RunOptions(out, parallel, mode, report, log, progressBar, choice, masterUrl);
    }
}
