package io.ablate4j.run;

import io.ablate4j.sweep.Plan;
import java.nio.file.Path;

/**
 * What a run did.
 *
 * @param directory   the run directory
 * @param plan        the expanded experiment
 * @param ok          trials finished ok in this invocation
 * @param diverged    trials that diverged in this invocation
 * @param failed      trials that threw in this invocation
 * @param pruned      trials that left a race ({@code sweep.race}) in this invocation
 * @param skipped     trials already finished in the directory (resume)
 * @param interrupted whether the run was stopped before all trials finished
 */
public record RunResult(Path directory, Plan plan, int ok, int diverged, int failed, int pruned, int skipped,
                        boolean interrupted) {
    public boolean complete() {
        return !interrupted && failed == 0;
    }
}
