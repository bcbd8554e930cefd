package io.ablate4j.run;

import io.ablate4j.sweep.Plan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/** What {@code plan --out} writes: the manifest of a run that has not started. */
public final class PlanFiles {
    private PlanFiles() {
    }

    /**
     * Writes {@code manifest.json}; refuses a directory holding a run of another config, and writes nothing when the
     * data or a java template's networks fail.
     */
    public static void writeManifest(Plan plan, Path dir) throws IOException {
        RunDirectory.check(dir, plan, RunOptions.Mode.AUTO);
        Runner.preload(plan);
        Runner.checkNetworks(plan);
        Files.createDirectories(dir);
        Manifest.write(dir, Manifest.of(plan, Instant.now(), null));
    }
}
