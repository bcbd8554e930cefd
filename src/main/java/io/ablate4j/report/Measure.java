package io.ablate4j.report;

import io.ablate4j.report.read.Score;
import io.ablate4j.results.CsvSchemas;

/**
 * The metric {@code compare} compares the variants in: a {@code trials.csv} column, its name for people, and the
 * score whose formatting it shares (percent and points for the accuracies and their gap, plain numbers otherwise).
 */
record Measure(String column, String label, Score format) {
    /** The run's score on the test split: test accuracy, or test RMSE for a regression. */
    static Measure of(Score score) {
        return new Measure(score.column("test"), score.label("test"), score);
    }

    /** A metric column of {@code trials.csv} by name; null when there is no such metric. */
    static Measure named(String column) {
        return CsvSchemas.METRICS.contains(column)
                ? new Measure(column, column, column.endsWith("_acc") ? Score.ACCURACY : Score.RMSE) : null;
    }
}
