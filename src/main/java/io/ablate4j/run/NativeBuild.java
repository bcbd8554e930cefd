package io.ablate4j.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which of the bundled ND4J native builds a JVM loads: the AVX-512 one where the CPU has every AVX-512 subset it
 * was compiled for, the generic x86-64 one everywhere else.
 *
 * <p>The choice has to be made here because JavaCPP does not make it: with its platform-extension property unset it
 * loads the first variant on the class path that the ND4J presets list, which is {@code -avx512} whenever that jar is
 * there, and on a CPU without AVX-512 the process dies of SIGILL in its first native call (seen on an AVX2 EPYC,
 * 2026-12-04). An empty property value loads the generic build. {@link #select()} must therefore run before the
 * first ND4J class loads: {@code Main.execute} calls it, the tests' launcher listener calls it, and Spark executors
 * set the property themselves to match their driver.
 *
 * <p>{@code ABLATE4J_NATIVE=generic} or {@code =avx512} overrides the CPU check; a property set by the user
 * ({@code -Dorg.bytedeco.javacpp.platform.extension=...}) wins over both.
 */
public final class NativeBuild {
    /** JavaCPP's system property naming the native build variant; "" is the generic build. */
    public static final String EXTENSION_PROPERTY = "org.bytedeco.javacpp.platform.extension";
    /** The extension of ND4J's AVX-512 build. */
    public static final String AVX512 = "-avx512";
    /** The AVX-512 subsets ND4J's avx512 build was compiled for (gcc's skylake-avx512). */
    public static final List<String> AVX512_SUBSETS = List.of("avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl");

    private NativeBuild() {
    }

    /**
     * Sets JavaCPP's extension property for this CPU unless it is set already; without effect once ND4J has loaded.
     *
     * @return the property's value now
     */
    public static synchronized String select() {
        String set = System.getProperty(EXTENSION_PROPERTY);
        if (set != null) {
            return set;
        }
        String chosen = extension(System.getenv("ABLATE4J_NATIVE"), cpuFlags());
        System.setProperty(EXTENSION_PROPERTY, chosen);
        return chosen;
    }

    /**
     * The extension for a CPU with these flags: {@link #AVX512} where it has every one of {@link #AVX512_SUBSETS},
     * else "" (generic).
     *
     * @param override {@code ABLATE4J_NATIVE}: generic, avx512, or auto / null for the CPU check
     * @param flags    the CPU's flags, or null where unknown (then generic)
     * @throws IllegalArgumentException for another override
     */
    static String extension(String override, Set<String> flags) {
        String o = override == null ? "auto" : override.trim().toLowerCase(Locale.ROOT);
        return switch (o) {
            case "generic" -> "";
            case "avx512" -> AVX512;
            case "auto", "" -> runsAvx512(flags) ? AVX512 : "";
            default -> throw new IllegalArgumentException(
                    "ABLATE4J_NATIVE is '" + override + "'; allowed: auto, generic, avx512");
        };
    }

    /** Whether a CPU with these flags runs ND4J's AVX-512 build. */
    public static boolean runsAvx512(Set<String> flags) {
        return flags != null && flags.containsAll(AVX512_SUBSETS);
    }

    /** The ND4J native build loaded (e.g. linux-x86_64 or linux-x86_64-avx512), or null before ND4J loaded. */
    public static String loaded() {
        String path = org.bytedeco.javacpp.Loader.getLoadedLibraries().get("nd4jcpu");
        if (path == null) {
            return null;
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("bindings/([^/]+)/").matcher(path.replace('\\', '/'));
        return m.find() ? m.group(1) : path;
    }

    /** The CPU flags of /proc/cpuinfo's first processor, or null where there is none (not Linux). */
    public static Set<String> cpuFlags() {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        try {
            if (Files.isReadable(cpuinfo)) {
                for (String line : Files.readAllLines(cpuinfo, StandardCharsets.UTF_8)) {
                    if (line.startsWith("flags")) {
                        return new HashSet<>(Arrays.asList(line.substring(line.indexOf(':') + 1).trim().split("\\s+")));
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return null;
    }
}
