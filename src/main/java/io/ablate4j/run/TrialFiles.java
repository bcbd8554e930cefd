package io.ablate4j.run;

import io.ablate4j.config.DatasetConfig;
import io.ablate4j.files.AtomicFiles;
import io.ablate4j.sweep.Plan;
import io.ablate4j.sweep.Trial;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * {@code trials/<trial_id>/config.yaml} (the resolved config as a one-trial experiment that
 * {@code ablate4j run} accepts) and {@code network.json} ({@code MultiLayerConfiguration.toJson()}).
 */
public final class TrialFiles {
    public static final String DIR = "trials";

    private TrialFiles() {
    }

    public static Path write(Path runDir, Plan plan, Trial trial, MultiLayerConfiguration conf) throws IOException {
        Path dir = runDir.resolve(DIR).resolve(trial.id());
        Files.createDirectories(dir);
        AtomicFiles.write(dir.resolve("config.yaml"), configYaml(plan, trial).getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(dir.resolve("network.json"), conf.toJson().getBytes(StandardCharsets.UTF_8));
        return dir;
    }

    static String configYaml(Plan plan, Trial trial) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("name", plan.experiment().name() + "-" + trial.id());
        doc.put("description", "Trial " + trial.id() + " of " + plan.experiment().name() + ": " + trial.variant().label()
                + ", seed " + trial.seed());
        doc.putAll(trial.variant().config().toMap());
        absoluteDataPaths(doc, trial.variant().config().dataset());
        doc.put("seeds", List.of(trial.seed()));
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndent(2);
        options.setWidth(120);
        String header = "# ablate4j resolved trial config\n# trial_id: " + trial.id() + "\n# variant_id: "
                + trial.variant().id() + "\n# experiment: " + plan.experiment().name() + " (" + plan.experiment().source()
                + ")\n# axes: " + trial.variant().label() + "\n";
        return header + new Yaml(options).dump(doc);
    }

    /**
     * The dataset's path keys as absolute paths: relative ones are the experiment file's, and this file lies
     * elsewhere (the run directory), so it names the same files from wherever it is run.
     */
    @SuppressWarnings("unchecked")
    private static void absoluteDataPaths(Map<String, Object> doc, DatasetConfig dataset) {
        dataset.resolvedPaths().forEach((key, path) -> {
            Map<String, Object> node = (Map<String, Object>) doc.get("dataset");
            String[] parts = key.split("\\.");
            for (int i = 0; i < parts.length - 1 && node != null; i++) {
                node = (Map<String, Object>) node.get(parts[i]);
            }
            if (node != null) {
                node.put(parts[parts.length - 1], path);
            }
        });
    }

}
