package io.ablate4j.run;

import io.ablate4j.data.DataCache;
import io.ablate4j.network.Templates;
import io.ablate4j.results.ResultsFile;
import io.ablate4j.training.lean.StepMode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Test helper: the content of a run directory's CSVs that must not depend on timing or engine. */
public final class RunDirs {
    private static final List<String> TIMING = List.of("train_seconds", "samples_per_second", "epoch_seconds");

    private RunDirs() {
    }

    /** Trials as a default run trains them (lean step, templates from the environment), with a data cache of their own. */
    public static TrialRunner trials() {
        return new TrialRunner(new DataCache(), Templates.fromEnvironment(), StepMode.LEAN);
    }

    /** The rows of a CSV without its timing columns, sorted, for comparing two runs of the same trials. */
    public static List<String> metrics(Path file, List<String> header) throws IOException {
        return metrics(file, header, List.of());
    }

    /** As {@link #metrics(Path, List)}, leaving out the {@code ignored} columns as well. */
    public static List<String> metrics(Path file, List<String> header, List<String> ignored) throws IOException {
        return ResultsFile.open(file, header).rows().stream().map(r -> {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < header.size(); i++) {
                if (!TIMING.contains(header.get(i)) && !ignored.contains(header.get(i))) {
                    b.append(r.get(i)).append(',');
                }
            }
            return b.toString();
        }).sorted().toList();
    }
}
