package io.ablate4j.data;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Writes the splits of loaded data as CSV files, exactly as trials see them (normalized features under the table's
 * own column names; a regression's target in training units, a classification's class index), so that another tool (the PyTorch parity scripts
 * under {@code bench/}) can train on the very same examples. {@code split.txt} records what the numbers mean.
 */
public final class SplitExport {
    private SplitExport() {
    }

    /** Writes {@code train.csv}, {@code validation.csv} (when there is one), {@code test.csv} and {@code split.txt}. */
    public static List<Path> write(LoadedData data, Path dir) throws IOException {
        Files.createDirectories(dir);
        List<Path> files = new ArrayList<>();
        files.add(write(data, data.inputs(data.train()), dir.resolve("train.csv")));
        if (data.validation() != null) {
            files.add(write(data, data.inputs(data.validation()), dir.resolve("validation.csv")));
        }
        files.add(write(data, data.inputs(data.test()), dir.resolve("test.csv")));
        Path info = dir.resolve("split.txt");
        List<String> classes = new ArrayList<>();
        for (int c = 0; c < data.classNames().size(); c++) {
            classes.add(c + " = " + data.classNames().get(c));
        }
        Files.writeString(info, String.format(Locale.ROOT, "description: %s%ntask: %s%ntargetMean: %.17g%n"
                        + "targetStd: %.17g%nfold: %d%ncolumns: %s, then %s%n", data.description(),
                data.regression() ? "regression" : "classification", data.targetMean(), data.targetStd(),
                data.fold(), data.featureNames().isEmpty() ? "x0..x" + (data.numFeatures() - 1)
                        : "the table's own " + data.numFeatures() + " feature names", data.regression()
                        ? "y (the target in training units: original = y * targetStd + targetMean)"
                        : "label (the class index: " + String.join(", ", classes) + ")"), StandardCharsets.UTF_8);
        files.add(info);
        return files;
    }

    private static Path write(LoadedData data, DataSet split, Path file) throws IOException {
        float[] x = split.getFeatures().dup('c').data().asFloat();
        float[] y = split.getLabels().dup('c').data().asFloat();
        int d = data.numFeatures();
        int k = data.numClasses();
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            StringBuilder header = new StringBuilder();
            for (int j = 0; j < d; j++) {
                header.append(data.featureNames().isEmpty() ? "x" + j : cell(data.featureNames().get(j))).append(',');
            }
            w.write(header.append(data.regression() ? "y" : "label").append('\n').toString());
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < split.numExamples(); i++) {
                line.setLength(0);
                for (int j = 0; j < d; j++) {
                    line.append(x[i * d + j]).append(',');
                }
                if (data.regression()) {
                    line.append(y[i]);
                } else {
                    int label = 0;
                    for (int c = 1; c < k; c++) {
                        label = y[i * k + c] > y[i * k + label] ? c : label;
                    }
                    line.append(label);
                }
                w.write(line.append('\n').toString());
            }
        }
        return file;
    }

    /** A header name as an RFC 4180 cell: quoted when it holds a comma, a quote or a line break. */
    static String cell(String name) {
        return name.matches("[^,\"\r\n]*") ? name : "\"" + name.replace("\"", "\"\"") + "\"";
    }
}
