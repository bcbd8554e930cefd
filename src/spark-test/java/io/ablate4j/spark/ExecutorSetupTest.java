package io.ablate4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ablate4j.run.NativeBuild;
import io.ablate4j.training.lean.TrainingStep;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What an executor does and reports before its first trial ({@link ExecutorSetup}), on made-up CPU flags. */
class ExecutorSetupTest {
    static final Set<String> AVX512 = Set.of("sse2", "avx2", "avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl");
    static final Set<String> AVX2 = Set.of("sse2", "avx2");

    @BeforeAll
    static void loadNd4j() {
        TrainingStep.prepare();
    }

    @Test
    void theCoreTypeTheLauncherWouldSet() {
        assertEquals("SKYLAKEX", ExecutorSetup.launcherCoreType(AVX512));
        assertEquals("HASWELL", ExecutorSetup.launcherCoreType(AVX2));
        assertNull(ExecutorSetup.launcherCoreType(Set.of("sse2")));
        assertNull(ExecutorSetup.launcherCoreType(null));
    }

    @Test
    void anExecutorWithoutTheDriversAvx512BuildSaysWhatDiffersAndHowToFixWhatCanBeFixed() {
        assumeTrue(System.getenv("OPENBLAS_CORETYPE") == null, "run without OPENBLAS_CORETYPE, as the build does");
        // The "driver" had a build this JVM did not load: the name of this one with -avx512 appended
        String generic = NativeBuild.loaded();
        String note = ExecutorSetup.prepareExecutor(new ExecutorSetup.Driver(generic + "-avx512", "HASWELL"), AVX2);
        assertTrue(note.contains("ND4J's " + generic + " build runs here, the driver's is " + generic
                + "-avx512 (this CPU lacks avx512f, avx512cd, avx512bw, avx512dq, avx512vl)"), note);
        assertTrue(note.contains("pass --conf spark.executorEnv.OPENBLAS_CORETYPE=HASWELL"), note);
        assertTrue(note.contains("OPENBLAS_CORETYPE is null here and HASWELL on the driver"), note);
    }

    @Test
    void anExecutorLikeTheDriverHasNothingToSay() {
        assumeTrue(System.getenv("OPENBLAS_CORETYPE") == null, "run without OPENBLAS_CORETYPE, as the build does");
        assertNull(ExecutorSetup.prepareExecutor(new ExecutorSetup.Driver(NativeBuild.loaded(), null),
                Set.of("sse2")));
    }
}
