package io.ablate4j.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ablate4j.training.lean.TrainingStep;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which ND4J build a CPU gets, and that this JVM loaded the one its CPU runs. */
class NativeBuildTest {
    static final Set<String> AVX512 = Set.of("sse2", "avx2", "avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl");
    static final Set<String> AVX2 = Set.of("sse2", "avx2", "fma");

    @Test
    void theAvx512BuildOnlyWhereEverySubsetItWasCompiledForIsThere() {
        assertEquals("-avx512", NativeBuild.extension(null, AVX512));
        assertEquals("-avx512", NativeBuild.extension("auto", AVX512));
        assertEquals("", NativeBuild.extension(null, AVX2));
        // AVX-512 F without BW/DQ/VL (Knights Landing) cannot run skylake-avx512 code
        assertEquals("", NativeBuild.extension(null, Set.of("avx2", "avx512f", "avx512cd")));
        assertEquals("", NativeBuild.extension(null, null));
    }

    @Test
    void theEnvironmentOverridesTheCpuCheck() {
        assertEquals("", NativeBuild.extension("generic", AVX512));
        assertEquals("-avx512", NativeBuild.extension("AVX512", AVX2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NativeBuild.extension("fast", AVX512));
        assertEquals("ABLATE4J_NATIVE is 'fast'; allowed: auto, generic, avx512", e.getMessage());
    }

    @Test
    void thisJvmLoadedTheBuildItsCpuRuns() {
        // the tests' launcher listener chose before ND4J loaded; ND4J loads here if no test did yet
        String property = System.getProperty(NativeBuild.EXTENSION_PROPERTY);
        assertNotNull(property, "NativeBuildSessionListener did not run");
        TrainingStep.prepare();
        String loaded = NativeBuild.loaded();
        assertNotNull(loaded);
        boolean avx512 = loaded.endsWith(NativeBuild.AVX512);
        assertEquals(property.equals(NativeBuild.AVX512), avx512, loaded);
        if (System.getenv("ABLATE4J_NATIVE") == null) {
            assertEquals(NativeBuild.runsAvx512(NativeBuild.cpuFlags()), avx512, loaded);
        }
        assertTrue(loaded.startsWith(org.bytedeco.javacpp.Loader.getPlatform()), loaded);
    }
}
