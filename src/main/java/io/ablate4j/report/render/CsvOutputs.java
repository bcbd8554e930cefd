package io.ablate4j.report.render;

import io.ablate4j.config.Enums;
import io.ablate4j.files.AtomicFiles;
import io.ablate4j.report.read.Axes;
import io.ablate4j.report.read.Claim;
import io.ablate4j.report.read.Score;
import io.ablate4j.report.read.TrialRow;
import io.ablate4j.report.read.VariantCells;
import io.ablate4j.report.stats.Claims;
import io.ablate4j.report.stats.Comparison;
import io.ablate4j.report.stats.FactorEffects;
import io.ablate4j.report.stats.Fmt;
import io.ablate4j.report.stats.Overfitting;
import io.ablate4j.report.stats.Summary;
import io.ablate4j.report.stats.Verdict;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The machine-readable outputs: {@code summary.csv}, {@code factors.csv} and {@code overfitting.csv}. RFC 4180,
 * UTF-8, header first, CRLF line ends; accuracies and gaps as fractions; empty cells where a value is undefined.
 * The column lists below are a contract sealed by golden-file tests. They are written for a classification; a
 * regression run's files name its score instead ({@link #columns}): {@code test_rmse_mean} for
 * {@code test_acc_mean}, {@code gap_loss_mean} for {@code gap_acc_mean}, and so on.
 */
public final class CsvOutputs {
    public static final String SUMMARY = "summary.csv";
    public static final String FACTORS = "factors.csv";
    public static final String OVERFITTING = "overfitting.csv";
    public static final String EXPECTATIONS = "expectations.csv";

    /**
     * Columns of {@code summary.csv} after the axis columns. The comparison with the baseline ({@link Comparison},
     * empty for the baseline itself): {@code delta_ci95_*} its interval, {@code test} {@code paired t} or
     * {@code Welch}, {@code p_value} that test's two-sided p, {@code p_value_holm} adjusted by Holm over the
     * non-baseline variants (whatever the correction), {@code p_value_adjusted} adjusted by
     * {@code correction} ({@code holm} or {@code benjamini-hochberg}), {@code delta_bootstrap_*} the percentile
     * bootstrap interval, {@code p_permutation} the exact permutation test, {@code hedges_g}, {@code p_better}
     * the share of (paired) seeds in which the variant scored better, {@code mde} the minimum detectable effect,
     * {@code verdict} helped | hurt | equivalent | undecided | not tested (…) | no results, {@code seeds_needed} the seeds per
     * variant that would decide an undecided one. Then the overfitting gap's comparison with the baseline's, tested
     * the same way (its own family for the adjustment): {@code gap_delta_ci95_*} the interval of
     * {@code gap_delta_vs_baseline}, {@code gap_test}, {@code gap_p_value}, {@code gap_p_value_adjusted},
     * {@code gap_verdict} narrowed | widened | equivalent | undecided | not tested (…), {@code gap_seeds_needed}.
     */
    static final List<String> SUMMARY_COLUMNS = List.of("variant_id", "n", "n_failed", "n_diverged",
            "test_acc_mean", "test_acc_std", "test_acc_ci95_low", "test_acc_ci95_high", "val_acc_mean",
            "val_acc_std", "gap_acc_mean", "gap_acc_std", "gap_final_mean", "gap_max_mean", "best_epoch_mean",
            "delta_vs_baseline", "delta_ci95_low", "delta_ci95_high", "gap_delta_vs_baseline", "test", "p_value",
            "p_value_holm", "p_value_adjusted", "correction", "delta_bootstrap_low", "delta_bootstrap_high", "p_permutation",
            "hedges_g", "p_better", "mde", "verdict", "seeds_needed", "baseline", "selected", "gap_delta_ci95_low",
            "gap_delta_ci95_high", "gap_test", "gap_p_value", "gap_p_value_adjusted", "gap_verdict",
            "gap_seeds_needed");

    /**
     * Columns of {@code factors.csv}. {@code kind} is {@code main} (one row per level of {@code axis};
     * {@code axis_b}/{@code level_b} empty) or {@code interaction} (one row per non-empty cell of
     * {@code axis} × {@code axis_b}). {@code eta_squared}/{@code gap_eta_squared} are the effect's η² of test
     * accuracy and of the gap, repeated on each of its rows.
     */
    public static final List<String> FACTOR_COLUMNS = List.of("kind", "axis", "level", "axis_b", "level_b", "n",
            "test_acc_mean", "test_acc_std", "test_acc_ci95_low", "test_acc_ci95_high", "gap_acc_mean",
            "gap_acc_std", "eta_squared", "gap_eta_squared");

    /**
     * Columns of {@code overfitting.csv} around the axis columns: {@code scope} is {@code trial} (one row per
     * ok trial) or {@code variant} (means over its ok trials; {@code trial_id}/{@code seed} empty,
     * {@code onset_epoch} the mean over the {@code onset_count} trials that have an onset).
     */
    static final List<String> OVERFITTING_LEAD = List.of("scope", "variant_id", "trial_id", "seed");
    static final List<String> OVERFITTING_COLUMNS = List.of("n", "epochs", "best_epoch", "gap_best", "gap_final",
            "gap_max", "gap_slope_per_epoch", "onset_epoch", "onset_count", "val_loss_min", "val_loss_final");

    /**
     * Columns of {@code expectations.csv}, one row per {@code expect:} item. {@code subject} and {@code than}
     * are the selectors as {@code axis=value} lists; {@code *_variants} how many variants each matches,
     * {@code *_n} their ok trials, {@code *_planned} their planned trials; {@code *_unreached} (epochs_to_val_acc
     * only) trials that never reached the threshold and count as epochs run + 1. {@code difference} is subject
     * − than with its 95% CI, {@code test} {@code paired t} or {@code Welch}, {@code n} the pairs (paired) or the
     * smaller side's values, {@code p_value} the test's two-sided p, {@code p_value_adjusted} adjusted across the
     * claims by {@code correction}, {@code rope} the claim's ROPE as the config states it (points of the metric),
     * {@code bootstrap_*} the percentile bootstrap interval, {@code p_permutation} the exact permutation test,
     * {@code hedges_g}, {@code p_claimed_way} P(subject lies the claimed way), {@code mde} the minimum detectable
     * effect, {@code verdict} confirmed | refuted | inconclusive with its {@code reason}, and {@code seeds_needed}
     * the seeds per variant that would decide an inconclusive one.
     */
    public static final List<String> EXPECTATION_COLUMNS = List.of("claim", "metric", "threshold", "direction",
            "subject", "than", "subject_variants", "subject_n", "subject_planned", "subject_unreached",
            "subject_mean", "subject_ci95_low", "subject_ci95_high", "than_variants", "than_n", "than_planned",
            "than_unreached", "than_mean", "than_ci95_low", "than_ci95_high", "difference", "difference_ci95_low",
            "difference_ci95_high", "test", "n", "p_value", "p_value_adjusted", "correction", "rope",
            "bootstrap_ci95_low", "bootstrap_ci95_high", "p_permutation", "hedges_g", "p_claimed_way", "mde",
            "verdict", "reason", "seeds_needed", "note");

    private CsvOutputs() {
    }

    /** The columns as a run of this score names them: accuracy columns become RMSE columns, gap_acc gap_loss. */
    static List<String> columns(List<String> columns, Score score) {
        return columns.stream().map(c -> c.replace("test_acc", score.column("test"))
                .replace("val_acc", score.column("val")).replace("gap_acc", score.gapColumn())).toList();
    }

    public static void writeSummary(Path file, List<String> axes, List<Summary.Row> rows, Score score,
                                    Enums.Correction correction) throws IOException {
        List<String> header = new ArrayList<>(axes);
        header.addAll(columns(SUMMARY_COLUMNS, score));
        List<List<String>> out = new ArrayList<>();
        for (Summary.Row r : rows) {
            List<String> cells = axisCells(axes, r.variant().axes());
            cells.add(r.variant().variantId());
            cells.add(Integer.toString(r.n()));
            cells.add(Integer.toString(r.nFailed()));
            cells.add(Integer.toString(r.nDiverged()));
            Comparison.Result k = r.comparison();
            add(cells, r.testMean(), r.testStd(), r.testCi().low(), r.testCi().high(), r.valMean(), r.valStd(),
                    r.gapMean(), r.gapStd(), r.gapFinalMean(), r.gapMaxMean(), r.bestEpochMean(),
                    r.delta(), k.ci().low(), k.ci().high(), r.gapDelta());
            cells.add(k.defined() ? k.test() : "");
            add(cells, r.p(), r.pHolm(), r.pAdjusted());
            cells.add(k.defined() ? correction.yamlName() : "");
            add(cells, k.bootstrapCi().low(), k.bootstrapCi().high(), k.pPermutation(), k.hedgesG(),
                    score.higherIsBetter() ? k.pGreater() : 1 - k.pGreater(), k.mde());
            cells.add(Verdict.outcome(r).text());
            add(cells, r.decision().seedsNeeded());
            cells.add(Boolean.toString(r.baseline()));
            cells.add(Boolean.toString(r.selected()));
            Comparison.Result g = r.gapComparison();
            add(cells, g.ci().low(), g.ci().high());
            cells.add(g.defined() ? g.test() : "");
            add(cells, g.p(), r.gapPAdjusted());
            cells.add(r.gapOutcome().text());
            add(cells, r.gapDecision().seedsNeeded());
            out.add(cells);
        }
        write(file, header, out);
    }

    public static void writeFactors(Path file, FactorEffects.Effects effects, Score score) throws IOException {
        List<List<String>> out = new ArrayList<>();
        for (FactorEffects.MainEffect e : effects.main()) {
            for (FactorEffects.Level l : e.levels()) {
                out.add(factorRow("main", e.axis(), "", l, e.etaSquared(), e.gapEtaSquared()));
            }
        }
        for (FactorEffects.Interaction i : effects.interactions()) {
            for (FactorEffects.Level l : i.cells()) {
                out.add(factorRow("interaction", i.axisA(), i.axisB(), l, i.etaSquared(), i.gapEtaSquared()));
            }
        }
        write(file, columns(FACTOR_COLUMNS, score), out);
    }

    private static List<String> factorRow(String kind, String axis, String axisB, FactorEffects.Level l, double eta,
                                          double gapEta) {
        List<String> cells = new ArrayList<>(List.of(kind, axis, l.level(), axisB,
                l.levelB() == null ? "" : l.levelB(), Integer.toString(l.n())));
        add(cells, l.testMean(), l.testStd(), l.testCi().low(), l.testCi().high(), l.gapMean(), l.gapStd(), eta,
                gapEta);
        return cells;
    }

    public static void writeOverfitting(Path file, List<String> axes, List<Overfitting.TrialCurve> trials,
                                        Map<String, Overfitting.VariantCurve> variants) throws IOException {
        List<String> header = new ArrayList<>(OVERFITTING_LEAD);
        header.addAll(axes);
        header.addAll(OVERFITTING_COLUMNS);
        List<List<String>> out = new ArrayList<>();
        for (Overfitting.TrialCurve c : trials) {
            TrialRow t = c.trial();
            List<String> cells = new ArrayList<>(List.of("trial", t.variantId(), t.trialId(),
                    Long.toString(t.seed())));
            VariantCells v = variants.containsKey(t.variantId()) ? variants.get(t.variantId()).variant() : null;
            cells.addAll(axisCells(axes, v != null ? v.axes() : t.axes()));
            cells.add("1");
            cells.add(Integer.toString(c.epochs()));
            add(cells, t.bestEpoch(), c.gapBest(), c.gapFinal(), c.gapMax(), c.gapSlope(), c.onsetEpoch());
            cells.add(Double.isFinite(c.onsetEpoch()) ? "1" : "0");
            add(cells, c.valLossMin(), c.valLossFinal());
            out.add(cells);
        }
        for (Overfitting.VariantCurve c : variants.values()) {
            if (c.n() == 0) {
                continue;
            }
            List<String> cells = new ArrayList<>(List.of("variant", c.variant().variantId(), "", ""));
            cells.addAll(axisCells(axes, c.variant().axes()));
            cells.add(Integer.toString(c.n()));
            cells.add("");
            cells.add("");
            add(cells, c.gapBestMean(), c.gapFinalMean(), c.gapMaxMean(), c.gapSlopeMean(), c.onsetMean());
            cells.add(Integer.toString(c.onsetCount()));
            add(cells, c.valLossMinMean(), c.valLossFinalMean());
            out.add(cells);
        }
        write(file, header, out);
    }

    public static void writeExpectations(Path file, List<Claims.Result> results) throws IOException {
        List<List<String>> out = new ArrayList<>();
        for (Claims.Result r : results) {
            Claim c = r.claim();
            List<String> cells = new ArrayList<>(List.of(c.claim(), c.metric().yamlName(), Fmt.csv(c.threshold()),
                    c.direction(), Axes.label(c.subject()), Axes.label(c.than())));
            for (Claims.Side s : List.of(r.subject(), r.than())) {
                cells.addAll(List.of(Integer.toString(s.variants().size()), Integer.toString(s.n()),
                        Integer.toString(s.planned()), Integer.toString(s.unreached())));
                add(cells, s.mean(), s.ci().low(), s.ci().high());
            }
            Comparison.Result k = r.comparison();
            add(cells, r.difference(), k.ci().low(), k.ci().high());
            cells.add(k.defined() ? k.test() : "");
            cells.add(k.defined() ? Integer.toString(k.n()) : "");
            add(cells, r.p(), r.pAdjusted());
            cells.add(k.defined() ? r.correction().yamlName() : "");
            add(cells, c.rope(), k.bootstrapCi().low(), k.bootstrapCi().high(), k.pPermutation(), k.hedgesG(),
                    k.defined() ? r.pClaimedWay() : Double.NaN, k.mde());
            cells.add(r.verdict().text());
            cells.add(r.decision().reason());
            add(cells, r.decision().seedsNeeded());
            cells.add(r.note());
            out.add(cells);
        }
        write(file, EXPECTATION_COLUMNS, out);
    }

    private static List<String> axisCells(List<String> axes, Map<String, String> values) {
        List<String> cells = new ArrayList<>();
        axes.forEach(a -> cells.add(values.getOrDefault(a, "")));
        return cells;
    }

    private static void add(List<String> cells, double... values) {
        for (double v : values) {
            cells.add(Fmt.csv(v));
        }
    }

    static void write(Path file, List<String> header, List<List<String>> rows) throws IOException {
        StringBuilder text = new StringBuilder();
        try (CSVPrinter p = new CSVPrinter(text, CSVFormat.RFC4180.builder()
                .setHeader(header.toArray(String[]::new)).build())) {
            for (List<String> row : rows) {
                p.printRecord(row);
            }
        }
        AtomicFiles.write(file, text.toString().getBytes(StandardCharsets.UTF_8));
    }
}
