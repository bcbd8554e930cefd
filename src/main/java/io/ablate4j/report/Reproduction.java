package io.ablate4j.report;

import io.ablate4j.config.Enums;
import io.ablate4j.report.ReproductionResult.ClaimRow;
import io.ablate4j.report.ReproductionResult.VariantRow;
import io.ablate4j.report.read.Claim;
import io.ablate4j.report.read.Manifest;
import io.ablate4j.report.read.ReportException;
import io.ablate4j.report.read.RunData;
import io.ablate4j.report.read.TrialRow;
import io.ablate4j.report.render.Doc;
import io.ablate4j.report.render.LatexRenderer;
import io.ablate4j.report.render.MarkdownRenderer;
import io.ablate4j.report.render.TextRenderer;
import io.ablate4j.report.stats.Looks;
import io.ablate4j.results.CsvSchemas;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Does run B reproduce run A? Two run directories of one experiment compared variant by variant and claim by claim
 * ({@code ablate4j compare RUN_A RUN_B}).
 *
 * <ul>
 *   <li><b>Comparable</b>: the two manifests define the same experiment: the same resolved config (every key of
 *       {@code config}), sweep axes, sweep mode and baseline. What does not define it is ignored: seeds (B may use
 *       other or more), {@code expect}, {@code statistics}, name, description, config file, provenance. Otherwise
 *       {@link Outcome#NOT_COMPARABLE} with every differing key and both values.</li>
 *   <li><b>Variants</b> are matched by id (a hash of the resolved variant config), else by their axis values. Per
 *       variant, the score's test metric (or another metric column): each run's mean over its replicates (one per ok
 *       seed; folds averaged) and the difference B − A with its 95% CI
 *       ({@link io.ablate4j.report.stats.Summary#compare}: paired t by seed when both runs have values for the same
 *       seeds, else Welch), its p adjusted across the matched variants by A's {@code statistics.correction}. A
 *       variant is <em>identical</em> when both runs hold the same trials (seed, fold) with the same status, epochs
 *       and metric cells; it is <em>within seed noise</em> when the adjusted p is at least α (for a single variant:
 *       the CI contains 0), or <em>within the ROPE</em> when |B − A| ≤ the ROPE (A's {@code statistics.rope}, or the
 *       one given). It reproduces when identical, within seed noise or within the ROPE. A variant of A without ok
 *       trials in B does not; one without ok trials in A has nothing to reproduce.</li>
 *   <li><b>Claims</b>: A's {@code expect:} checked on both runs by {@link io.ablate4j.report.stats.Claims} under A's
 *       statistics. A claim reproduces when B gives the same verdict and its difference agrees with A's: the change
 *       of the difference ({@link io.ablate4j.report.stats.Comparison#change}, B's minus A's, a Welch-style test on
 *       two independent estimates), its p adjusted across the claims, is not significant, or it lies within the
 *       claim's ROPE.</li>
 *   <li><b>Races</b> ({@code sweep.race}): a variant that left a race is not compared variant by variant; instead
 *       {@link RaceReproduction} states the trial-epochs each run spent and whether the selection holds (the same
 *       variant, or two the run that trained both cannot tell apart); a selection that does not hold does not
 *       reproduce.</li>
 *   <li>The baseline comparisons (helped / hurt / equivalent / undecided) of both runs are shown; they do not
 *       decide the outcome, which the stated claims and the variants do.</li>
 * </ul>
 *
 * <p>Computing ({@link Comparability}, {@link VariantReproduction}, {@link ClaimReproduction} into a
 * {@link ReproductionResult}), the verdict in words ({@link ReproductionText}) and the document
 * ({@link ReproductionDocument}) are apart; this class reads the runs and hands out the result's views.
 */
public final class Reproduction {
    /** What {@code compare} concludes; the CLI maps it to exit codes 0, 3 and 2. */
    public enum Outcome { REPRODUCED, NOT_REPRODUCED, NOT_COMPARABLE }

    /** The output formats: console text (ASCII), GitHub Markdown, LaTeX tables (booktabs). */
    public enum Format { TEXT, MARKDOWN, LATEX }

    /** A key that defines the experiment and differs: its path and both values as written for people. */
    public record KeyDifference(String key, String a, String b) {
        @Override
        public String toString() {
            return key + ": A = " + a + ", B = " + b;
        }
    }

    private final ReproductionResult result;

    private Reproduction(ReproductionResult result) {
        this.result = result;
    }

    /**
     * Reads both run directories and compares them.
     *
     * @throws ReportException when a directory is not a readable run directory (the message names it)
     */
    public static Reproduction compare(Path runA, Path runB) throws IOException {
        return compare(runA, runB, Double.NaN, null);
    }

    /**
     * As {@link #compare(Path, Path)}, with the ROPE of the variants' B − A given: its half-width in points of the
     * score as the config's {@code statistics.rope} states it (percentage points of accuracy, the target's units of
     * RMSE; of {@code metric} when one is given); 0 for none, NaN for A's {@code statistics.rope} (which is in points
     * of the score, so it applies only when the variants are compared in it). The claims keep their own
     * {@code rope:}.
     *
     * @param metric the {@code trials.csv} column the variants are compared in ({@code val_acc}, {@code gap_acc},
     *               {@code test_loss}, …); null for the run's score on the test split
     * @throws ReportException also when {@code metric} is not a metric column, or A has no value of it
     */
    public static Reproduction compare(Path runA, Path runB, double rope, String metric) throws IOException {
        RunData a = Looks.read(runA).run();
        RunData b = Looks.read(runB).run();
        Measure measure = metric == null ? Measure.of(a.score()) : Measure.named(metric);
        if (measure == null) {
            throw new ReportException("metric '" + metric + "' is not a metric of trials.csv; choose one of "
                    + String.join(", ", CsvSchemas.METRICS));
        }
        if (a.trials().stream().filter(TrialRow::ok).noneMatch(t -> Double.isFinite(t.metric(measure.column())))) {
            throw new ReportException(runA + ": no ok trial has a value of " + measure.column() + " (a "
                    + (a.score().regression() ? "regression" : "classification") + " run; its score is "
                    + a.score().column("test") + ")");
        }
        List<KeyDifference> differences = Comparability.experimentDifferences(a.manifest(), b.manifest());
        List<KeyDifference> provenance = Comparability.provenanceDifferences(a.manifest(), b.manifest());
        List<Claim> original = b.manifest().expectations();
        if (!differences.isEmpty()) {
            return new Reproduction(new ReproductionResult(runA, runB, a, b, differences, List.of(), List.of(),
                    provenance, original, measure, Double.NaN, java.util.Optional.empty()));
        }
        // B is judged by A's claims and statistics: the question is whether A's conclusions hold in B.
        RunData judged = b.with(b.manifest().judgedBy(a.manifest().expectations(), a.manifest().statistics()));
        // The ROPE in the metric's units (fractions for accuracies), as Manifest.Statistics converts it.
        double units = Double.isFinite(rope)
                ? new Manifest.Statistics(rope, Enums.Correction.HOLM).rope(measure.format())
                : measure.column().equals(a.score().column("test")) ? a.manifest().statistics().rope(a.score())
                : Double.NaN;
        return new Reproduction(new ReproductionResult(runA, runB, a, judged, differences,
                VariantReproduction.rows(a, judged, measure, units), ClaimReproduction.rows(a, judged), provenance,
                original, measure, units, RaceReproduction.of(a, judged)));
    }

    public Outcome outcome() {
        return result.outcome();
    }

    /** The keys that make the runs different experiments; empty when they are comparable. */
    public List<KeyDifference> differences() {
        return result.differences();
    }

    /** Why the runs are not comparable, one line per key, for an error message. */
    public String notComparableMessage() {
        return ReproductionText.notComparable(result);
    }

    /** The variants and claims that did not reproduce, one sentence each; empty when everything did. */
    public List<String> failures() {
        return ReproductionText.failures(result);
    }

    /** One line: the outcome and its counts, naming what did not reproduce. */
    public String summary() {
        return ReproductionText.summary(result);
    }

    /** The comparison as console text, Markdown or LaTeX. */
    public String render(Format format) {
        List<Doc.Block> blocks = ReproductionDocument.blocks(result);
        String title = ReproductionDocument.title(result);
        return switch (format) {
            case TEXT -> TextRenderer.render(title, blocks);
            case MARKDOWN -> MarkdownRenderer.render(title, blocks);
            case LATEX -> LatexRenderer.render(title, blocks);
        };
    }

    /** What a race saved and whether its selection holds, when either run is a race; else empty. */
    java.util.Optional<RaceReproduction> race() {
        return result.race();
    }

    List<VariantRow> variants() {
        return result.variants();
    }

    List<ClaimRow> claims() {
        return result.claims();
    }

    List<KeyDifference> provenance() {
        return result.provenance();
    }
}
