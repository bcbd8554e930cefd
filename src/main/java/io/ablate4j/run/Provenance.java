package io.ablate4j.run;

import io.ablate4j.results.ManifestKeys;
import io.ablate4j.training.lean.StepMode;
import io.ablate4j.training.lean.TrainingStep;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/** Where and with what a run was made: versions, platform, native settings, git commit. */
public final class Provenance {
    public static final String DL4J_VERSION = "1.0.0-M2.1";

    private Provenance() {
    }

    /**
     * The pom's version, as the build wrote it into {@code io/ablate4j/version.properties}; {@code dev} for classes
     * compiled without Maven's resource step.
     */
    public static String toolVersion() {
        return TOOL_VERSION;
    }

    private static final String TOOL_VERSION = readToolVersion();

    private static String readToolVersion() {
        try (InputStream in = Provenance.class.getResourceAsStream("/io/ablate4j/version.properties")) {
            if (in == null) {
                return "dev";
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version", "").trim();
            return v.isEmpty() || v.startsWith("${") ? "dev" : v;
        } catch (IOException e) {
            return "dev";
        }
    }

    /** Fields for the manifest of a run whose minibatches take the path {@code step}. */
    public static Map<String, Object> fields(StepMode step) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(ManifestKeys.TOOL_VERSION, toolVersion());
        m.put(ManifestKeys.DL4J_VERSION, DL4J_VERSION);
        m.put(ManifestKeys.JAVA, System.getProperty("java.vendor") + " " + System.getProperty("java.runtime.version"));
        m.put(ManifestKeys.OS, System.getProperty("os.name") + " " + System.getProperty("os.version"));
        m.put(ManifestKeys.ARCH, System.getProperty("os.arch"));
        m.put(ManifestKeys.CORES, Runtime.getRuntime().availableProcessors());
        m.put(ManifestKeys.CPU, cpuModel());
        Map<String, String> env = new LinkedHashMap<>();
        for (String name : new String[]{"OMP_NUM_THREADS", "OPENBLAS_CORETYPE", "ABLATE4J_NATIVE"}) {
            env.put(name, System.getenv(name));
        }
        m.put(ManifestKeys.ENVIRONMENT, env);
        m.put(ManifestKeys.NATIVE_BUILD, NativeBuild.loaded());
        // lean (Java kernels), exact (bit-identical to DL4J's fit) or dl4j (fit itself): the run's --step;
        // compare names it when two runs differ in it, as it explains results that are not bit-identical
        m.put(ManifestKeys.TRAINING_STEP, step.value());
        // vector (jdk.incubator.vector) or scalar: the Java kernels' channel loops, bit-identical either way
        m.put(ManifestKeys.CHANNEL_LOOPS, TrainingStep.channelLoops());
        m.put(ManifestKeys.GIT_COMMIT, gitCommit());
        return m;
    }

    static String cpuModel() {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        try {
            if (Files.isReadable(cpuinfo)) {
                for (String line : Files.readAllLines(cpuinfo, StandardCharsets.UTF_8)) {
                    if (line.startsWith("model name")) {
                        return line.substring(line.indexOf(':') + 1).trim();
                    }
                }
            }
        } catch (IOException e) {
            return null;
        }
        return null;
    }

    /** HEAD of the git checkout in the working directory (with "-dirty" when it has changes), or null. */
    static String gitCommit() {
        try {
            Process p = new ProcessBuilder("git", "describe", "--always", "--dirty", "--abbrev=40")
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(5, TimeUnit.SECONDS) || p.exitValue() != 0 || out.isEmpty()) {
                return null;
            }
            return out;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
