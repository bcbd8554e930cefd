package io.ablate4j.run;

import java.lang.reflect.InvocationTargetException;

/** Makes the engine that {@link RunOptions#engine()} names. */
final class Engines {
    /** Compiled only by {@code ./mvnw -Pspark} (sources in src/spark/java). */
    static final String SPARK_ENGINE = "io.ablate4j.spark.SparkEngine";

    private Engines() {
    }

    /** Fails (a {@link RunException}: exit 2, nothing written) when the chosen engine is not in this build. */
    static void check(RunOptions options) {
        if (options.engine() == RunOptions.EngineChoice.SPARK) {
            sparkEngineClass();
        }
    }

    /** The engine of {@code options}, training with {@code trials} (the run's data cache, templates and step). */
    static Engine create(RunOptions options, TrialRunner trials) {
        return switch (options.engine()) {
            case LOCAL -> new LocalEngine(options.parallel(), trials);
            case SPARK -> {
                try {
                    yield sparkEngineClass().getConstructor(RunOptions.class, TrialRunner.class)
                            .newInstance(options, trials);
                } catch (InvocationTargetException e) {
                    if (e.getCause() instanceof RuntimeException r) {
                        throw r;
                    }
                    throw new IllegalStateException("starting the Spark engine failed: " + e.getCause(), e.getCause());
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(SPARK_ENGINE + " has no public (RunOptions, TrialRunner) constructor", e);
                }
            }
        };
    }

    /*
     * The one reflective lookup in ablate4j: the Spark engine and its ~100 MB of dependencies are only in jars built
     * with -Pspark, so the default build cannot name the class at compile time. Everything else is plain calls.
     */
    private static Class<? extends Engine> sparkEngineClass() {
        try {
            return Class.forName(SPARK_ENGINE).asSubclass(Engine.class);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new RunException("--engine spark: this build has no Spark engine (" + SPARK_ENGINE
                    + " is missing); build it with ./mvnw -Pspark package (then ./ablate4j uses target/ablate4j.jar)");
        }
    }
}
