package io.ablate4j.training.lean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No collection frees a native buffer the lean step still uses (the package documentation's rule): a child JVM with
 * a small heap runs the step's native calls in hot loops and trains networks over every native path of the step
 * while another thread forces one collection after another ({@link GcStress}), and must finish with the same
 * numbers as without that thread. With {@link Ops#addRowVector} back to ND4J's own {@code addiRowVector}, the child
 * died of SIGSEGV in {@code sd::DataBuffer::primary()} (the crash of BENCHMARKS.md, 2026-12-03) in 3 of 5 runs on
 * a 2-core machine; held, it never did. A crash fails the test with the child's output, which names the native
 * frame.
 */
class NativeLifetimeTest {
    @TempDir
    Path tmp;

    @Test
    void forcedCollectionsDuringTrainingChangeNothing() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path log = tmp.resolve("child.log");
        // 5 s of the step's native calls, then 8 steps of each network; a small heap, as the launcher's
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx64m", "--add-modules=jdk.incubator.vector",
                "-cp", System.getProperty("java.class.path"), GcStress.class.getName(), "5", "8")
                .directory(tmp.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("OMP_NUM_THREADS", "1");
        Process child = pb.start();
        boolean done = child.waitFor(2, TimeUnit.MINUTES);
        if (!done) {
            child.destroyForcibly();
        }
        String out = Files.readString(log);
        assertTrue(done, "the child did not finish:\n" + out);
        assertEquals(0, child.exitValue(), "the child died or its numbers changed:\n" + tail(out));
        assertTrue(out.lines().anyMatch(l -> l.startsWith("ok: ")), out);
    }

    /** The lines that say what happened: ours, the JVM's crash report header. */
    private static String tail(String out) {
        List<String> lines = out.lines().filter(l -> !l.startsWith("WARNING")).toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }
}
