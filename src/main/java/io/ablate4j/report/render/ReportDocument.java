package io.ablate4j.report.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ablate4j.report.read.Claim;
import io.ablate4j.report.read.Manifest;
import io.ablate4j.report.read.Score;
import io.ablate4j.report.read.TrialRow;
import io.ablate4j.report.read.VariantCells;
import io.ablate4j.report.stats.BaselineOutcome;
import io.ablate4j.report.stats.BnDiagnosticsSummary;
import io.ablate4j.report.stats.Claims;
import io.ablate4j.report.stats.Comparison;
import io.ablate4j.report.stats.Completeness;
import io.ablate4j.report.stats.Conclusion;
import io.ablate4j.report.stats.Decision;
import io.ablate4j.report.stats.FactorEffects;
import io.ablate4j.report.stats.Fmt;
import io.ablate4j.report.stats.Looks;
import io.ablate4j.report.stats.Overfitting;
import io.ablate4j.report.stats.Stats;
import io.ablate4j.report.stats.Summary;
import io.ablate4j.report.stats.Verdict;
import io.ablate4j.results.Damaged;
import io.ablate4j.results.ManifestKeys;
import io.ablate4j.results.Quarantine;
import io.ablate4j.results.ResultsCheck;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the report's content, the same for HTML and Markdown: the decision first (the claims' verdicts in brief
 * and the forest plot of every variant against the baseline), then the claims in full (when the config states any),
 * experiment, verdict, selection, completeness, summary, factor effects (with the main-effect and interaction
 * plots), overfitting, charts, provenance.
 */
public final class ReportDocument {
    private static final int TRIAL_ROWS_LIMIT = 500;

    private ReportDocument() {
    }

    /** Everything the report shows. */
    public record Content(Manifest manifest, Optional<VariantCells> baseline, Completeness completeness,
                   List<Claims.Result> claims, List<Summary.Row> summary, List<Verdict.Row> verdict, FactorEffects.Effects effects,
                   List<Overfitting.TrialCurve> trialCurves, Map<String, Overfitting.VariantCurve> variantCurves,
                   List<Doc.Image> plots, List<String> notes, List<BnDiagnosticsSummary.Row> bnDiagnostics,
                   Score score, boolean crossValidated, Looks.Replay looks, FigureSet figures) {
    }

    public static String title(Manifest m) {
        return "ablate4j report: " + (m.experiment() == null ? "run" : m.experiment());
    }

    public static List<Doc.Block> build(Content c) {
        List<Doc.Block> d = new ArrayList<>();
        decision(d, c);
        claims(d, c);
        LooksSection.add(d, c.manifest(), c.looks());
        experiment(d, c);
        verdict(d, c);
        selection(d, c);
        completeness(d, c);
        summary(d, c);
        factors(d, c);
        overfitting(d, c);
        bnDiagnostics(d, c);
        charts(d, c);
        provenance(d, c);
        return d;
    }

    // ---- decision ----

    /** The answer first: one sentence, the claims' verdicts in brief, and the forest plot. */
    private static void decision(List<Doc.Block> d, Content c) {
        Optional<Doc.Svg> forest = c.figures().forest();
        List<String> forestNotes = c.figures().forestNotes();
        if (c.claims().isEmpty() && forest.isEmpty() && forestNotes.isEmpty()) {
            return;
        }
        d.add(h2("Decision", "decision"));
        List<String> parts = new ArrayList<>();
        if (!c.claims().isEmpty()) {
            parts.add("Claims: " + count(c.claims().stream().map(Claims.Result::verdict).toList(),
                    List.of(Conclusion.values()), Conclusion::text) + " (of " + c.claims().size()
                    + "; details under Claims).");
        }
        List<BaselineOutcome> outcomes = c.summary().stream().filter(r -> !r.baseline()).map(Verdict::outcome)
                .map(BaselineOutcome::shown).toList();
        if (c.baseline().isPresent() && !outcomes.isEmpty()) {
            parts.add("Against the baseline (" + c.baseline().get().label() + "), of " + outcomes.size()
                    + " variant(s): " + count(outcomes, List.of(BaselineOutcome.HELPED, BaselineOutcome.HURT,
                    BaselineOutcome.EQUIVALENT, BaselineOutcome.UNDECIDED, BaselineOutcome.NOT_TESTED,
                    BaselineOutcome.NO_RESULTS), BaselineOutcome::shortText) + ".");
        }
        d.add(para(String.join(" ", parts)));
        if (!c.claims().isEmpty()) {
            List<List<String>> rows = new ArrayList<>();
            List<String> classes = new ArrayList<>();
            for (Claims.Result r : c.claims()) {
                rows.add(List.of(r.claim().claim(), expected(r), difference(r), r.verdict().text()));
                classes.add(claimClass(r));
            }
            d.add(new Doc.Table("Claims in brief", List.of("claim", "expected", "difference [95% CI]", "verdict"),
                    rows, classes));
        }
        forest.ifPresent(d::add);
        forestNotes.forEach(n -> d.add(note(n)));
    }

    /** "2 confirmed, 0 refuted, 1 inconclusive": each of {@code order} with its count, the first three always. */
    private static <T> String count(List<T> values, List<T> order, java.util.function.Function<T, String> name) {
        List<String> out = new ArrayList<>();
        for (T o : order) {
            long n = values.stream().filter(o::equals).count();
            if (n > 0 || order.indexOf(o) < 3) {
                out.add(n + " " + name.apply(o));
            }
        }
        return String.join(", ", out);
    }

    private static String expected(Claims.Result r) {
        return r.claim().direction() + ": " + r.subject().label() + " than " + r.than().label();
    }

    private static String difference(Claims.Result r) {
        Claim k = r.claim();
        Comparison.Result x = r.comparison();
        return Claims.difference(k, r.difference()) + (x.defined() ? " [" + Claims.difference(k, x.ci().low())
                + ", " + Claims.difference(k, x.ci().high()) + "]" : "");
    }

    private static String claimClass(Claims.Result r) {
        return r.verdict() == Conclusion.CONFIRMED ? "good" : r.verdict() == Conclusion.REFUTED ? "bad" : null;
    }

    // ---- claims ----

    private static void claims(List<Doc.Block> d, Content c) {
        if (c.claims().isEmpty()) {
            return;
        }
        d.add(h2("Claims", "claims"));
        String correction = Stats.correctionName(c.manifest().statistics().correction());
        d.add(para("The expectations stated in the config, checked against the ok trials. Each side pools the "
                + "variants its selector matches (axes it leaves out are pooled); values are means with 95% "
                + "confidence intervals and the number of values. Trials with the same seed share the data split, "
                + "the minibatch order and the augmentation draws, so the two sides are compared as pairs, matched "
                + "by seed and by the axes neither side names (paired t-test); sides that do not match one to one "
                + "are compared by Welch's test. p is adjusted across the " + c.claims().size() + " claim(s) by "
                + correction + ". \"confirmed\": the difference points the claimed way with adjusted p < "
                + Stats.ALPHA + " (the 95% CI lies beyond 0); \"refuted\": the 95% CI lies inside the claim's "
                + "region of practical equivalence (rope:), or the difference points the other way with adjusted p < "
                + Stats.ALPHA + "; \"inconclusive\": neither, with the seeds per variant that would give "
                + (int) (100 * Comparison.POWER) + "% power for a difference of the ROPE's size (of the observed "
                + "difference without a ROPE), from the observed variance. " + (c.score().regression()
                ? "RMSE and MAE are in the target's units (lower is better), R² is unit-free (higher is better); "
                + "gap_loss is validation − train loss at the best epoch."
                : "gap_acc is train − validation accuracy at the best epoch, gap_final_acc at the last epoch; "
                + "epochs_to_val_acc is the first epoch whose validation accuracy reaches the threshold; a trial that "
                + "never does counts as its epochs run + 1.") + (c.crossValidated() ? " With cross-validation a "
                + "side's values are one per variant and seed, the mean over its folds." : "")));
        List<List<String>> rows = new ArrayList<>();
        List<String> classes = new ArrayList<>();
        List<List<String>> details = new ArrayList<>();
        for (Claims.Result r : c.claims()) {
            Claim k = r.claim();
            Comparison.Result x = r.comparison();
            rows.add(List.of(k.claim(), Claims.metricLabel(k), expected(r), Claims.side(k, r.subject()),
                    Claims.side(k, r.than()), difference(r),
                    x.defined() ? x.test() + ", " + Fmt.p(r.pAdjusted()) : "–",
                    Double.isFinite(k.rope()) ? "±" + Claims.difference(k, k.ropeInUnits()).replace("+", "") : "–",
                    r.verdict().text(), r.decision().reason()));
            classes.add(claimClass(r));
            details.add(List.of(k.claim(), x.defined() ? Integer.toString(x.n()) + (x.paired() ? " pairs" : "")
                    : "–", interval(x.bootstrapCi(), v -> Claims.difference(k, v)), Fmt.p(x.pPermutation()),
                    Fmt.num(x.hedgesG(), 2), Fmt.num(r.pClaimedWay(), 2), x.defined()
                    ? Claims.difference(k, x.mde()).replace("+", "") : "–", Fmt.p(r.p())));
        }
        d.add(new Doc.Table("Expected outcomes", List.of("claim", "metric", "expected", "subject", "than",
                "difference [95% CI]", "test, p (" + correction + ")", "ROPE", "verdict", "why"), rows, classes));
        d.add(new Doc.Table("How sure: the claims' comparisons in more ways", List.of("claim", "n",
                "bootstrap 95% CI", "p (permutation)", "Hedges' g", "P(claimed way)", "MDE (80% power)",
                "p (unadjusted)"), details, null));
        d.add(para("Bootstrap: percentile interval of the mean difference, " + Comparison.RESAMPLES + " resamples "
                + "(pairs resampled when paired), seed " + Comparison.BOOTSTRAP_SEED + ". Permutation: exact sign "
                + "flips of the differences (paired) or splits of the pooled values (Welch), two-sided. Hedges' g: "
                + "the difference in standard deviations (g_av for pairs, g_s otherwise), small-sample corrected. "
                + "P(claimed way): the share of pairs (or of all cross pairs) in which the subject lies the claimed "
                + "way, ties counting half. MDE: the smallest difference these seeds find with 80% power."));
        List<String> notes = c.claims().stream().filter(r -> !r.note().isEmpty())
                .map(r -> r.claim().claim() + ": " + r.note()).toList();
        if (!notes.isEmpty()) {
            d.add(new Doc.Bullets(notes, Doc.Style.NOTE));
        }
    }

    private static String interval(Stats.Interval ci, java.util.function.DoubleFunction<String> f) {
        return Double.isFinite(ci.low()) ? Fmt.interval(ci, f) : "–";
    }

    // ---- experiment ----

    private static void experiment(List<Doc.Block> d, Content c) {
        Manifest m = c.manifest();
        d.add(h2("Experiment", "experiment"));
        if (m.description() != null && !m.description().isBlank()) {
            d.add(para(m.description()));
        }
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("experiment", orDash(m.experiment())));
        rows.add(List.of("config file", orDash(m.configFile())));
        int folds = m.seeds().isEmpty() || m.variants().isEmpty() ? 0
                : m.plannedTrials() / (m.variants().size() * m.seeds().size());
        rows.add(List.of("sweep", orDash(m.sweepMode()) + ", " + m.variants().size() + " variants × "
                + m.seeds().size() + " seeds" + (c.crossValidated() ? " × " + folds + " folds" : "") + " = "
                + m.plannedTrials() + " trials planned"));
        rows.add(List.of("task", c.score().regression() ? "regression: scored by RMSE in the target's units, "
                + "lower is better" : "classification: scored by accuracy"));
        Map<String, List<String>> levels = FactorEffects.levels(m);
        for (String axis : m.axes()) {
            String base = m.baseline().get(axis);
            rows.add(List.of("axis " + axis, String.join(", ", levels.get(axis))
                    + (base != null ? " (baseline " + base + ")" : "")));
        }
        rows.add(List.of("seeds", m.seeds().toString()));
        rows.add(List.of("baseline", c.baseline().map(VariantCells::label)
                .orElse(m.baseline().isEmpty() ? "none named" : "named but not among the variants")));
        Map<String, Object> config = m.config();
        for (String section : List.of("dataset", "model", "regularization", "training")) {
            if (config.get(section) instanceof Map<?, ?> map) {
                Map<String, String> flat = new LinkedHashMap<>();
                flatten("", map, flat);
                List<String> parts = new ArrayList<>();
                flat.forEach((k, v) -> parts.add(k + " " + v));
                rows.add(List.of(section + " (base)", String.join(", ", parts)));
            }
        }
        d.add(new Doc.Table(null, List.of("", ""), rows));
        if (!config.isEmpty()) {
            Map<String, String> flat = new LinkedHashMap<>();
            flatten("", config, flat);
            List<List<String>> cfg = new ArrayList<>();
            flat.forEach((k, v) -> cfg.add(List.of(k, v)));
            d.add(new Doc.Collapsible("Resolved base configuration (" + flat.size() + " keys)",
                    List.of(new Doc.Table(null, List.of("key", "value"), cfg))));
        }
    }

    private static void flatten(String prefix, Map<?, ?> map, Map<String, String> out) {
        map.forEach((k, v) -> {
            String key = prefix.isEmpty() ? String.valueOf(k) : prefix + "." + k;
            if (v instanceof Map<?, ?> inner) {
                flatten(key, inner, out);
            } else if (v instanceof List<?> list) {
                try {
                    out.put(key, new ObjectMapper().writeValueAsString(list));
                } catch (JsonProcessingException e) {
                    out.put(key, String.valueOf(list));
                }
            } else {
                out.put(key, String.valueOf(v));
            }
        });
    }

    // ---- verdict ----

    private static void verdict(List<Doc.Block> d, Content c) {
        d.add(h2("Verdict", "verdict"));
        Optional<Summary.Row> base = c.summary().stream().filter(Summary.Row::baseline).findFirst();
        if (c.baseline().isEmpty() || base.isEmpty()) {
            d.add(para(c.manifest().baseline().isEmpty()
                    ? "The experiment names no baseline, so no setting is compared with a reference. The factor "
                    + "effects below show which axes matter; the summary ranks the variants."
                    : "The baseline " + c.manifest().baseline() + " is not among the variants, so no setting is "
                    + "compared with it."));
            c.effects().main().stream().filter(e -> Double.isFinite(e.etaSquared()))
                    .max(Comparator.comparingDouble(FactorEffects.MainEffect::etaSquared))
                    .ifPresent(e -> d.add(para("Largest factor effect on " + c.score().label("test") + ": "
                            + e.axis() + " (η² = "
                            + Fmt.eta(e.etaSquared()) + ").")));
            return;
        }
        long family = c.summary().stream().filter(r -> Double.isFinite(r.p())).count();
        Score sc = c.score();
        String correction = Stats.correctionName(c.manifest().statistics().correction());
        double rope = c.manifest().statistics().rope(sc);
        d.add(para("Each row changes the baseline (" + c.baseline().get().label() + ") in one setting, unless "
                + "marked otherwise. Δ test is the difference of mean " + sc.label("test")
                + (sc.fraction() ? " in percentage points" : " in the target's units (negative is better)")
                + " with its 95% CI; the variant and the baseline are compared seed by seed (paired t-test; "
                + "Welch's test where their seeds differ), p adjusted by " + correction + " across all " + family
                + " variant-vs-baseline comparisons. \"helped\" / \"hurt\": better / worse with adjusted p < "
                + Stats.ALPHA + "; " + (Double.isFinite(rope) ? "\"equivalent\": the 95% CI lies inside the "
                + "region of practical equivalence ±" + Fmt.difference(sc, rope).replace("+", "") + " (statistics.rope); "
                : "") + "\"undecided\": neither, with the seeds that would decide it. Δ gap is the change of the "
                + "overfitting gap (" + sc.gapName() + " at the best epoch); negative means less overfitting "
                + "(descriptive, not tested)."));
        List<List<String>> rows = new ArrayList<>();
        List<String> classes = new ArrayList<>();
        Summary.Row b = base.get();
        rows.add(List.of("baseline: " + b.variant().label(), Integer.toString(b.n()), meanSd(sc, b), ci(sc, b), "",
                "", "reference", "", Fmt.plain(sc, b.gapMean()).replace("+", "")));
        classes.add("baseline");
        List<List<String>> details = new ArrayList<>();
        for (Verdict.Row v : c.verdict()) {
            Summary.Row s = v.stats();
            Comparison.Result x = s.comparison();
            Decision dec = s.decision();
            String seeds = Double.isFinite(dec.seedsNeeded()) ? dec.seedsNeeded() > Comparison.MAX_SEEDS
                    ? "> " + Comparison.MAX_SEEDS : "≈" + (long) dec.seedsNeeded() : "–";
            rows.add(List.of(v.change(), Integer.toString(s.n()), meanSd(sc, s), ci(sc, s),
                    Fmt.plainDifference(sc, s.delta()) + (x.defined() ? " [" + Fmt.plainDifference(sc, x.ci().low()) + ", "
                    + Fmt.plainDifference(sc, x.ci().high()) + "]" : ""),
                    x.defined() ? x.test() + ", " + Fmt.p(s.pAdjusted()) : "–",
                    v.outcome().text() + (v.outcome() == BaselineOutcome.UNDECIDED && !seeds.equals("–") ? " (" + seeds
                    + " seeds)" : ""),
                    gapDiff(sc, s.gapDelta()),
                    v.gapOutcome().equals("–") ? "–" : v.gapOutcome() + " (" + gapValue(sc, s.gapMean()) + ")"));
            classes.add(v.outcome() == BaselineOutcome.HELPED ? "good" : v.outcome() == BaselineOutcome.HURT ? "bad"
                    : null);
            details.add(List.of(v.change(), interval(x.bootstrapCi(), y -> Fmt.plainDifference(sc, y)), Fmt.p(x.pPermutation()),
                    Fmt.num(x.hedgesG(), 2), Fmt.num(sc.higherIsBetter() ? x.pGreater() : 1 - x.pGreater(), 2),
                    x.defined() ? Fmt.plain(sc, x.mde()) : "–", seeds, Fmt.p(s.p())));
        }
        d.add(new Doc.Table("Regularizers against the baseline", List.of("change", "n", "test " + sc.key()
                + sc.unit(), "95% CI" + sc.unit(), "Δ test [95% CI]" + pts(sc), "test, p (" + correction + ")",
                "verdict", "Δ gap" + gapUnit(sc), "gap" + gapUnit(sc)), rows, classes));
        if (!details.isEmpty()) {
            d.add(new Doc.Table("How sure: the comparisons in more ways", List.of("change", "bootstrap 95% CI"
                    + pts(sc), "p (permutation)", "Hedges' g", "P(better)", "MDE (80% power)" + pts(sc),
                    "seeds to decide", "p (unadjusted)"), details, null));
            d.add(para("The minimum detectable effect (MDE) is the smallest difference these seeds find with "
                    + "80% power; a real effect below it is likely to come out undecided. Bootstrap, permutation, "
                    + "Hedges' g and P(better) as in the claims' notes: " + Comparison.RESAMPLES + " percentile "
                    + "bootstrap resamples (seed " + Comparison.BOOTSTRAP_SEED + "), exact permutations, P(better) "
                    + "the share of seeds in which the change scored better."));
        }
    }

    // ---- selection ----

    private static void selection(List<Doc.Block> d, Content c) {
        Score sc = c.score();
        String by = c.crossValidated() ? "cross-validated " + sc.name() : sc.label("val");
        d.add(h2("Selected by " + by, "selected"));
        Optional<Summary.Row> sel = c.summary().stream().filter(Summary.Row::selected).findFirst();
        if (sel.isEmpty()) {
            d.add(para("No variant is selected: the results have no " + sc.label("val") + ", and selecting on "
                    + sc.label("test") + " would overstate how well the choice generalizes."));
            return;
        }
        Summary.Row s = sel.get();
        String unit = sc.fraction() ? "%" : "";
        d.add(para(s.variant().label() + " has the " + (sc.higherIsBetter() ? "highest" : "lowest") + " mean "
                + (c.crossValidated() ? "cross-validation " + sc.name() + " (its validation folds' mean over "
                + "folds × seeds: " : sc.label("val") + " (") + Fmt.value(sc, s.valMean()) + ", n = " + s.n() + "). Its "
                + sc.label("test") + ", " + meanSd(sc, s) + unit + " (95% CI " + ci(sc, s) + "), is the estimate to "
                + "quote: the choice was made without looking at test data."
                + (c.crossValidated() ? " Every fold's model is tested on the same untouched test split; the "
                + "test scores of the other variants in the summary are shown for comparison and were not used "
                + "for selection." : "")));
        Comparator<Summary.Row> byTest = Comparator.comparingDouble(Summary.Row::testMean);
        c.summary().stream().filter(r -> Double.isFinite(r.testMean()))
                .max(sc.higherIsBetter() ? byTest : byTest.reversed())
                .filter(best -> best != s)
                .ifPresent(best -> d.add(note("The " + (sc.higherIsBetter() ? "highest" : "lowest") + " mean "
                        + sc.label("test") + " belongs to "
                        + best.variant().label() + " (" + Fmt.value(sc, best.testMean()) + "), but picking a variant by "
                        + "its test score would bias that number" + (sc.higherIsBetter() ? " upwards." : "."))));
    }

    // ---- completeness ----

    private static void completeness(List<Doc.Block> d, Content c) {
        Completeness k = c.completeness();
        d.add(h2("Completeness", "completeness"));
        d.add(para(k.planned() + " trials planned, " + k.present() + " present: " + k.ok() + " ok, " + k.failed()
                + " failed, " + k.diverged() + " diverged, " + k.missing() + " missing. Only ok trials enter the "
                + "statistics." + (k.damaged().isEmpty() ? "" : " " + k.damaged().size() + " row(s) of the result "
                + "files did not verify and were left out with their trials (listed below).")));
        if (k.warnings().isEmpty()) {
            d.add(para("Complete: every planned trial finished ok."));
        } else {
            d.add(new Doc.Bullets(k.warnings(), Doc.Style.WARNING));
        }
        if (!k.problems().isEmpty()) {
            List<List<String>> rows = new ArrayList<>();
            for (TrialRow t : k.problems()) {
                rows.add(List.of(t.trialId(), label(c, t.variantId()), Long.toString(t.seed()),
                        t.status().csvName(), Fmt.num(t.epochsRun(), 0), t.error()));
            }
            d.add(new Doc.Table("Failed and diverged trials", List.of("trial", "variant", "seed", "status",
                    "epochs run", "error"), rows));
        }
        if (!k.damaged().isEmpty() || !k.quarantined().isEmpty()) {
            List<List<String>> rows = new ArrayList<>();
            for (Damaged r : k.damaged()) {
                rows.add(List.of(r.where(), r.trialId(), Completeness.kindWord(r.kind()), r.reason(),
                        "left out; the next run moves it to damaged.csv"));
            }
            for (Quarantine.Entry e : k.quarantined()) {
                Damaged r = e.row();
                rows.add(List.of(r.where(), r.trialId(), Completeness.kindWord(r.kind()), r.reason(),
                        "moved to damaged.csv " + e.movedAt()));
            }
            d.add(new Doc.Table("Damaged rows", List.of("row", "trial", "kind", "reason", "where it is"), rows));
        }
        c.notes().forEach(n -> d.add(note(n)));
    }

    // ---- summary ----

    private static void summary(List<Doc.Block> d, Content c) {
        d.add(h2("Summary by variant", "summary"));
        Score sc = c.score();
        d.add(para("Mean ± sample standard deviation over the ok seeds" + (c.crossValidated() ? " (each seed's "
                + "value the mean over its folds; n counts seeds)" : "") + "; 95% CI of the mean from the "
                + "t-distribution (n − 1 df). Gap: " + sc.gapName() + " at the best epoch (final/max: over the "
                + "epoch curves). " + (sc.fraction() ? "Accuracies in %, gaps and differences in percentage points."
                : "RMSE in the target's units (lower is better), gaps in loss units.") + " Machine-readable: "
                + CsvOutputs.SUMMARY + "."));
        List<List<String>> rows = new ArrayList<>();
        List<String> classes = new ArrayList<>();
        for (Summary.Row r : c.summary()) {
            String role = r.baseline() && r.selected() ? "baseline, selected" : r.baseline() ? "baseline"
                    : r.selected() ? "selected" : "";
            rows.add(List.of(r.variant().label(), Integer.toString(r.n()), Integer.toString(r.nFailed()),
                    Integer.toString(r.nDiverged()), meanSd(sc, r), ci(sc, r), Fmt.plain(sc, r.valMean()),
                    pmGap(sc, r.gapMean(), r.gapStd()), gapValue(sc, r.gapFinalMean()), gapValue(sc, r.gapMaxMean()),
                    Fmt.num(r.bestEpochMean(), 1), r.baseline() ? "" : Fmt.plainDifference(sc, r.delta()),
                    r.baseline() ? "" : Fmt.p(r.p()), r.baseline() ? "" : Fmt.p(r.pAdjusted()), role));
            classes.add(r.selected() ? "selected" : r.baseline() ? "baseline" : null);
        }
        d.add(new Doc.Table(null, List.of("variant", "n", "failed", "diverged", "test " + sc.key() + sc.unit(),
                "95% CI" + sc.unit(), (c.crossValidated() ? "CV " : "val ") + sc.key() + sc.unit(),
                "gap" + gapUnit(sc), "final gap", "max gap", "best epoch", "Δ vs baseline" + pts(sc), "p",
                "p (" + Stats.correctionName(c.manifest().statistics().correction()) + ")", "role"), rows,
                classes));
    }

    // ---- factor effects ----

    private static void factors(List<Doc.Block> d, Content c) {
        FactorEffects.Effects e = c.effects();
        if (e.main().isEmpty()) {
            return;
        }
        d.add(h2("Factor effects", "factors"));
        Score sc = c.score();
        d.add(para("Main effect of an axis: the mean " + sc.label("test") + " of all ok trials at each of its "
                + "levels, over every other axis and seed, with a t-based 95% CI" + (c.crossValidated() ? " (folds "
                + "averaged within each seed first; η² below is over trial-level values, folds included)" : "")
                + ". η² = SS_between / SS_total of a one-way decomposition of trial-level " + sc.label("test")
                + " (or gap) by the axis: the share of the variance its "
                + "level means explain. Interaction η² = (SS_cells − SS_A − SS_B) / SS_total of the two-way "
                + "decomposition. Machine-readable: " + CsvOutputs.FACTORS + "."));
        String mode = c.manifest().sweepMode();
        if (mode != null && !mode.equals("grid")) {
            d.add(note("This is a " + mode + " sweep, not a full grid: the axes are not balanced against each "
                    + "other, so marginal means mix in the other axes' settings and interaction η² is approximate."));
        }
        List<List<String>> eta = new ArrayList<>();
        for (FactorEffects.MainEffect m : e.main()) {
            eta.add(List.of(m.axis(), Integer.toString(m.levels().size()), Fmt.eta(m.etaSquared()),
                    Fmt.eta(m.gapEtaSquared())));
        }
        for (FactorEffects.Interaction i : e.interactions()) {
            eta.add(List.of(i.axisA() + " × " + i.axisB(), Integer.toString(i.cells().size()) + " cells",
                    Fmt.eta(i.etaSquared()), Fmt.eta(i.gapEtaSquared())));
        }
        d.add(new Doc.Table("Effect sizes", List.of("effect", "levels", "η² test " + sc.key(), "η² gap"), eta));
        c.figures().mainEffects().ifPresent(d::add);
        c.figures().interactions().ifPresent(d::add);
        c.figures().factorNotes().forEach(n -> d.add(note(n)));
        for (FactorEffects.MainEffect m : e.main()) {
            List<List<String>> rows = new ArrayList<>();
            for (FactorEffects.Level l : m.levels()) {
                rows.add(List.of(l.level(), Integer.toString(l.n()), pm(sc, l.testMean(), l.testStd()),
                        interval(sc, l.testCi()), pmGap(sc, l.gapMean(), l.gapStd())));
            }
            d.add(new Doc.Table("Main effect of " + m.axis(), List.of("level", "n", "test " + sc.key() + sc.unit(),
                    "95% CI" + sc.unit(), "gap" + gapUnit(sc)), rows));
        }
        for (FactorEffects.Interaction i : e.interactions()) {
            List<String> header = new ArrayList<>();
            header.add(i.axisA() + " \\ " + i.axisB());
            header.addAll(i.levelsB());
            List<List<String>> rows = new ArrayList<>();
            for (String a : i.levelsA()) {
                List<String> row = new ArrayList<>();
                row.add(a);
                for (String b : i.levelsB()) {
                    FactorEffects.Level cell = i.cell(a, b);
                    row.add(cell == null ? "–" : Fmt.plain(sc, cell.testMean()) + " (n=" + cell.n() + ")");
                }
                rows.add(row);
            }
            d.add(new Doc.Table("Mean " + sc.label("test") + sc.unit() + " by " + i.axisA() + " × " + i.axisB() + " (interaction η² "
                    + Fmt.eta(i.etaSquared()) + ")", header, rows));
        }
    }

    // ---- overfitting ----

    private static void overfitting(List<Doc.Block> d, Content c) {
        d.add(h2("Overfitting", "overfitting"));
        Score sc = c.score();
        String gapIn = sc.fraction() ? "points" : "loss units";
        d.add(para("Gap = " + sc.gapName() + ", in " + gapIn + ": at the best epoch (lowest validation loss), at "
                + "the final epoch, and its maximum over epochs; slope = least-squares slope of the gap against "
                + "the epoch, in " + gapIn + " per epoch (positive: the gap keeps widening). Onset = the epoch of minimum "
                + "validation loss when a later epoch's validation loss is higher (the loss turned upward and never "
                + "came back below that minimum); the mean is over the trials with an onset. Machine-readable: "
                + CsvOutputs.OVERFITTING + "."));
        List<List<String>> rows = new ArrayList<>();
        for (Overfitting.VariantCurve v : c.variantCurves().values()) {
            if (v.n() == 0) {
                continue;
            }
            rows.add(List.of(v.variant().label(), Integer.toString(v.n()), gapValue(sc, v.gapBestMean()),
                    gapValue(sc, v.gapFinalMean()), gapValue(sc, v.gapMaxMean()), slope(sc, v.gapSlopeMean()),
                    Fmt.num(v.onsetMean(), 1), v.onsetCount() + " of " + v.n(), Fmt.num(v.valLossMinMean(), 4),
                    Fmt.num(v.valLossFinalMean(), 4)));
        }
        String slopeHeader = "slope (" + (sc.fraction() ? "pts" : "loss") + "/epoch)";
        d.add(new Doc.Table("Per variant (means over ok seeds)", List.of("variant", "n", "gap at best",
                "final gap", "max gap", slopeHeader, "onset epoch", "trials with onset", "min val loss",
                "final val loss"), rows));
        List<List<String>> trials = new ArrayList<>();
        for (Overfitting.TrialCurve t : c.trialCurves()) {
            if (trials.size() >= TRIAL_ROWS_LIMIT) {
                break;
            }
            trials.add(List.of(t.trial().trialId(), label(c, t.trial().variantId()), Long.toString(t.trial().seed()),
                    Integer.toString(t.epochs()), Fmt.num(t.trial().bestEpoch(), 0), gapValue(sc, t.gapBest()),
                    gapValue(sc, t.gapFinal()), gapValue(sc, t.gapMax()), slope(sc, t.gapSlope()),
                    Fmt.num(t.onsetEpoch(), 0)));
        }
        String limit = c.trialCurves().size() > TRIAL_ROWS_LIMIT ? " (first " + TRIAL_ROWS_LIMIT + " of "
                + c.trialCurves().size() + "; all in " + CsvOutputs.OVERFITTING + ")" : "";
        d.add(new Doc.Collapsible("Per trial" + limit, List.of(new Doc.Table(null, List.of("trial", "variant",
                "seed", "epochs", "best epoch", "gap at best", "final gap", "max gap", slopeHeader,
                "onset epoch"), trials))));
    }

    // ---- charts ----

    private static void charts(List<Doc.Block> d, Content c) {
        if (c.plots().isEmpty()) {
            return;
        }
        d.add(h2("Charts", "charts"));
        d.addAll(c.plots());
    }

    // ---- provenance ----

    private static void provenance(List<Doc.Block> d, Content c) {
        Manifest m = c.manifest();
        d.add(h2("Provenance", "provenance"));
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("ablate4j", orDash(m.provenance(ManifestKeys.TOOL_VERSION))));
        rows.add(List.of("DL4J", orDash(m.provenance(ManifestKeys.DL4J_VERSION))));
        rows.add(List.of("Java", orDash(m.provenance(ManifestKeys.JAVA))));
        rows.add(List.of("OS / arch", orDash(m.provenance(ManifestKeys.OS)) + " / "
                + orDash(m.provenance(ManifestKeys.ARCH))));
        rows.add(List.of("cores", m.provenance(ManifestKeys.CORES) == null ? "–" : m.provenance(ManifestKeys.CORES)));
        String commit = m.provenance(ManifestKeys.GIT_COMMIT);
        rows.add(List.of("git commit", commit == null ? "none (not a git checkout)" : commit));
        rows.add(List.of("config file", orDash(m.configFile())));
        rows.add(List.of("config hash", orDash(m.configHash())));
        rows.add(List.of("started", orDash(m.startedAt())));
        rows.add(List.of("finished", m.finishedAt() == null ? "not finished" : m.finishedAt()));
        rows.add(List.of("manifest schema", Integer.toString(m.schemaVersion())));
        rows.add(List.of("report generated", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString()));
        d.add(new Doc.Table(null, List.of("", ""), rows));
        List<String> files = new ArrayList<>(List.of(CsvOutputs.SUMMARY, CsvOutputs.FACTORS,
                CsvOutputs.OVERFITTING));
        if (!c.claims().isEmpty()) {
            files.add(CsvOutputs.EXPECTATIONS);
        }
        c.plots().forEach(p -> files.add(p.file()));
        c.figures().all().forEach(f -> files.addAll(f.files()));
        d.add(para("Files written by this report: " + String.join(", ", files) + "."));
    }

    // ---- BN diagnostics ----

    private static void bnDiagnostics(List<Doc.Block> d, Content c) {
        if (c.bnDiagnostics().isEmpty()) {
            return;
        }
        d.add(h2("BN diagnostics", "bn-diagnostics"));
        d.add(para("From " + ResultsCheck.DIAGNOSTICS + " (training.bnDiagnostics), at each trial's best epoch, "
                + "means over ok seeds. Accuracies are on the validation split (test without one): inference mode "
                + "(no dropout, BN running statistics) and train mode (dropout active, BN statistics of batches of "
                + "the training batch size). Variance shift: per BN layer, the variance of its input in inference "
                + "mode divided by the running variance BN normalizes with at inference, averaged over features and "
                + "layers; 1 means no shift, below 1 means inference sees less variance than BN divides by (the "
                + "shift Li et al. 2019 describe when dropout feeds BN)."));
        List<List<String>> rows = new ArrayList<>();
        for (BnDiagnosticsSummary.Row r : c.bnDiagnostics()) {
            rows.add(List.of(r.variant().label(), Integer.toString(r.n()), Fmt.pct(r.accInference()),
                    Fmt.pct(r.accTrainMode()), Fmt.num(100 * r.gap(), 2), Fmt.num(r.varianceShift(), 3)));
        }
        d.add(new Doc.Table("Per variant (means over ok seeds, best epoch)", List.of("variant", "n",
                "val acc inference (%)", "val acc train mode (%)", "train mode − inference (pts)",
                "BN variance shift"), rows));
    }

    // ---- helpers ----

    private static Doc.Heading h2(String text, String anchor) {
        return new Doc.Heading(2, text, anchor);
    }

    private static Doc.Paragraph para(String text) {
        return new Doc.Paragraph(text, Doc.Style.NORMAL);
    }

    private static Doc.Paragraph note(String text) {
        return new Doc.Paragraph(text, Doc.Style.NOTE);
    }

    private static String orDash(String s) {
        return s == null || s.isBlank() ? "–" : s;
    }

    private static String label(Content c, String variantId) {
        return c.manifest().variants().stream().filter(v -> v.variantId().equals(variantId)).findFirst()
                .map(VariantCells::label).orElse(variantId);
    }

    private static String meanSd(Score sc, Summary.Row r) {
        return pm(sc, r.testMean(), r.testStd());
    }

    /** {@code 87.23 ± 0.41} in percent (accuracy) or the target's units, or just the mean when there is no spread. */
    private static String pm(Score sc, double mean, double sd) {
        return Fmt.plain(sc, mean) + (Double.isFinite(sd) ? " ± " + Fmt.plain(sc, sd) : "");
    }

    private static String pmGap(Score sc, double mean, double sd) {
        return gapValue(sc, mean) + (Double.isFinite(sd) ? " ± " + gapValue(sc, sd) : "");
    }

    /** A gap (usually positive) without a forced sign: percentage points for accuracy, loss units otherwise. */
    private static String gapValue(Score sc, double gap) {
        return sc.fraction() ? Fmt.num(100 * gap, 2) : Fmt.sig(gap);
    }

    /** A change of the gap, signed. */
    private static String gapDiff(Score sc, double d) {
        return Fmt.gap(sc, d);
    }

    private static String slope(Score sc, double perEpoch) {
        return sc.fraction() ? Fmt.num(100 * perEpoch, 3) : Fmt.sig(perEpoch);
    }

    private static String pts(Score sc) {
        return sc.fraction() ? " (pts)" : "";
    }

    private static String gapUnit(Score sc) {
        return sc.fraction() ? " (pts)" : " (loss)";
    }

    private static String ci(Score sc, Summary.Row r) {
        return interval(sc, r.testCi());
    }

    private static String interval(Score sc, Stats.Interval i) {
        return interval(i, y -> Fmt.plain(sc, y));
    }
}
