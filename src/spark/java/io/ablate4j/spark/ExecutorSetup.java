package io.ablate4j.spark;

import io.ablate4j.run.NativeBuild;
import io.ablate4j.training.lean.TrainingStep;
import java.io.IOException;
import java.io.Serializable;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The once-per-JVM preparation of an executor, so that its trials train as they would under {@code ./ablate4j} with
 * the local engine: the ND4J native build the driver loaded (NativeBuild picks it from the CPU), the lean step's
 * one-time probe ({@link TrainingStep#prepare()}, which {@code LocalEngine} runs before its first trial), and a check
 * of the OpenBLAS core type the launcher would set. {@code OMP_NUM_THREADS=1} comes from the engine's
 * {@code spark.executorEnv}.
 *
 * <p>Environment variables cannot change inside a running JVM, so what this JVM cannot match is reported, not fixed:
 * {@link #prepare} returns a note for the driver to print, naming the setting that would fix it.
 */
final class ExecutorSetup {
    /**
     * What the driver ran with, for executors to match.
     *
     * @param nativeBuild      the ND4J build the driver loaded (e.g. {@code linux-x86_64-avx512}), or null
     * @param openblasCoreType the driver's {@code OPENBLAS_CORETYPE}, or null
     */
    record Driver(String nativeBuild, String openblasCoreType) implements Serializable {
        /** This JVM's settings (on the driver, after ND4J loaded). */
        static Driver current() {
            return new Driver(NativeBuild.loaded(), System.getenv("OPENBLAS_CORETYPE"));
        }
    }

    private static String note;
    private static boolean prepared;
    private static String executor;

    private ExecutorSetup() {
    }

    /**
     * Prepares this JVM once (later calls return at once) and returns what differs from the driver, or null.
     *
     * @param driver the driver's settings; null when this JVM is the driver (local master), which the launcher
     *               prepared
     */
    static synchronized String prepare(Driver driver) {
        if (!prepared) {
            prepared = true;
            note = driver == null ? prepareDriverJvm() : prepareExecutor(driver, NativeBuild.cpuFlags());
        }
        return note;
    }

    private static String prepareDriverJvm() {
        TrainingStep.prepare();
        return null;
    }

    /** Before ND4J loads in this JVM: the driver's native build if this CPU runs it; then ND4J, then the checks. */
    static String prepareExecutor(Driver driver, Set<String> flags) {
        List<String> notes = new ArrayList<>();
        boolean driverAvx512 = driver.nativeBuild() != null && driver.nativeBuild().endsWith(NativeBuild.AVX512);
        List<String> missing = flags == null ? List.of()
                : NativeBuild.AVX512_SUBSETS.stream().filter(f -> !flags.contains(f)).toList();
        if (System.getProperty(NativeBuild.EXTENSION_PROPERTY) == null) {
            // explicitly, either way: unset, JavaCPP would load the AVX-512 build even on a CPU without it
            boolean avx512 = driverAvx512 && NativeBuild.runsAvx512(flags);
            System.setProperty(NativeBuild.EXTENSION_PROPERTY, avx512 ? NativeBuild.AVX512 : "");
        }
        String core = System.getenv("OPENBLAS_CORETYPE");
        String wanted = launcherCoreType(flags);
        if (core == null && wanted != null) {
            notes.add("OPENBLAS_CORETYPE is not set: ./ablate4j sets " + wanted + " on this CPU because OpenBLAS 0.3.19 "
                    + "misdetects some CPUs (AVX-512 Xeons as Prescott, measured 2x slower); pass --conf "
                    + "spark.executorEnv.OPENBLAS_CORETYPE=" + wanted);
        }
        if (!Objects.equals(core, driver.openblasCoreType())) {
            notes.add("OPENBLAS_CORETYPE is " + core + " here and " + driver.openblasCoreType() + " on the driver, "
                    + "so metrics agree with the driver's local runs only to the last digits");
        }
        TrainingStep.prepare();
        String loaded = NativeBuild.loaded();
        if (driver.nativeBuild() != null && loaded != null && !loaded.equals(driver.nativeBuild())) {
            notes.add("ND4J's " + loaded + " build runs here, the driver's is " + driver.nativeBuild()
                    + (driverAvx512 && !missing.isEmpty() ? " (this CPU lacks " + String.join(", ", missing) + ")" : "")
                    + ", so metrics agree with the driver's local runs only to the last digits");
        }
        return notes.isEmpty() ? null : String.join("; ", notes);
    }

    /** What the launcher exports as OPENBLAS_CORETYPE on a CPU with these flags, or null. */
    static String launcherCoreType(Set<String> flags) {
        if (flags == null) {
            return null;
        }
        if (flags.contains("avx512f") && flags.contains("avx512bw")) {
            return "SKYLAKEX";
        }
        return flags.contains("avx2") ? "HASWELL" : null;
    }

    /** This JVM, for messages: host name and process id. */
    static synchronized String executor() {
        if (executor == null) {
            String pid = "pid " + ProcessHandle.current().pid();
            try {
                executor = InetAddress.getLocalHost().getHostName() + " (" + pid + ")";
            } catch (IOException e) {
                executor = pid;
            }
        }
        return executor;
    }
}
