package io.ablate4j.config;

/**
 * The defaults of running that are not keys of an experiment file (the CLI's {@code --help} shows them). Every
 * config key's default is declared with the key, in {@link Schema}.
 */
public final class Defaults {
    private Defaults() {
    }

    /** Trials run at once: one per core, each with one native thread. */
    public static int parallelism() {
        return Math.max(1, Runtime.getRuntime().availableProcessors());
    }
}
