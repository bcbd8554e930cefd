package io.ablate4j.report;

import io.ablate4j.config.ConfigLoader;
import io.ablate4j.config.Enums;
import io.ablate4j.results.CsvSchemas;
import io.ablate4j.results.ManifestKeys;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

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
 *       seed; folds averaged) and the difference B − A with its 95% CI ({@link Summary#compare}: paired t by seed when
 *       both runs have values for the same seeds, else Welch), its p adjusted across the matched variants by A's {@code
 *       statistics.correction}. A variant is <em>identical</em> when both runs hold the same trials (seed, fold) with
 *       the same status, epochs and metric cells; it is <em>within seed noise</em> when the adjusted p is at least α
 *       (for a single variant: the CI contains 0), or <em>within the ROPE</em> when |B − A| ≤ the ROPE (A's {@code
 *       statistics.rope}, or the one given). It reproduces when identical, within seed noise or within the ROPE. A
 *       variant of A without ok trials in B does not; one without ok trials in A has nothing to reproduce.</li>
 *   <li><b>Claims</b>: A's {@code expect:} checked on both runs by {@link Claims} under A's statistics. A claim
 *       reproduces when B gives the same verdict and its difference agrees with A's: the change of the difference
 *       ({@link Comparison#change}, B's minus A's, a Welch-style test on two independent estimates), its p adjusted
 *       across the claims, is not significant, or it lies within the claim's ROPE.</li>
 *   <li>The baseline comparisons (helped / hurt / equivalent / undecided) of both runs are shown; they do not
 *       decide the outcome, which the stated claims and the variants do.</li>
 * </ul>
 */
public final class Reproduction {
    /** What {@code compare} concludes; the CLI maps it to exit codes 0, 3 and 2. */
    public enum Outcome { REPRODUCED, NOT_REPRODUCED, NOT_COMPARABLE }

    /** The output formats: console text (ASCII), GitHub Markdown, LaTeX tables (booktabs). */
    public enum Format { TEXT, MARKDOWN, LATEX }

    static final String ABSENT = "(absent)";

    /** A key that defines the experiment and differs: its path and both values as written for people. */
    public record KeyDifference(String key, String a, String b) {
        @Override
        public String toString() {
            return key + ": A = " + a + ", B = " + b;
        }
    }

    /**
     * One variant of A (or of B only, with {@code a} null).
     *
     * @param comparison B − A ({@link Comparison.Result#NONE} when a side has fewer than 2 values)
     * @param identical  whether both runs hold the same trials with the same cells
     * @param baselineA  A's outcome against the baseline (helped, hurt, …; "baseline" for it; "" without one)
     */
    record VariantRow(Variant a, Variant b, String note, int nA, int nB, double meanA, double meanB,
                      Comparison.Result comparison, double pAdjusted, boolean identical, String baselineA,
                      String baselineB, String result, boolean reproduced) {
        Variant variant() {
            return a != null ? a : b;
        }
    }

    /** One claim of A checked on both runs; {@code change} is B's difference minus A's. */
    record ClaimRow(Claims.Result a, Claims.Result b, Comparison.Result change, double pAdjusted, String result,
                    boolean reproduced) {
    }

    /**
     * The metric the variants are compared in: a {@code trials.csv} column, its name for people, and the score whose
     * formatting it shares (percent and points for the accuracies and their gap, plain numbers otherwise).
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

    static final String IDENTICAL = "identical";
    static final String WITHIN_NOISE = "within seed noise";
    static final String WITHIN_ROPE = "within ROPE";
    static final String DIFFERS = "differs";
    static final String MISSING = "missing in B";

    private final Path dirA;
    private final Path dirB;
    private final RunData a;
    private final RunData b;
    private final List<KeyDifference> differences;
    private final List<VariantRow> variants;
    private final List<ClaimRow> claims;
    private final List<KeyDifference> provenance;
    /** B's own claims, before it is judged by A's. */
    private final List<Claims.Claim> original;
    /** What the variants are compared in. */
    private final Measure measure;
    /** The ROPE of the variants' B − A in the measure's units; NaN or 0 for none. */
    private final double rope;

    private Reproduction(Path dirA, Path dirB, RunData a, RunData b, List<KeyDifference> differences,
                         List<VariantRow> variants, List<ClaimRow> claims, List<KeyDifference> provenance,
                         List<Claims.Claim> original, Measure measure, double rope) {
        this.dirA = dirA;
        this.dirB = dirB;
        this.a = a;
        this.b = b;
        this.differences = List.copyOf(differences);
        this.variants = List.copyOf(variants);
        this.claims = List.copyOf(claims);
        this.provenance = List.copyOf(provenance);
        this.original = List.copyOf(original);
        this.measure = measure;
        this.rope = rope;
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
        RunData a = RunReader.read(runA);
        RunData b = RunReader.read(runB);
        Measure measure = metric == null ? Measure.of(a.score()) : Measure.named(metric);
        if (measure == null) {
            throw new ReportException("metric '" + metric + "' is not a metric of trials.csv; choose one of "
                    + String.join(", ", CsvSchemas.METRICS));
        }
        if (a.trials().stream().filter(Trial::ok).noneMatch(t -> Double.isFinite(t.metric(measure.column())))) {
            throw new ReportException(runA + ": no ok trial has a value of " + measure.column() + " (a "
                    + (a.score().regression() ? "regression" : "classification") + " run; its score is "
                    + a.score().column("test") + ")");
        }
        List<KeyDifference> differences = experimentDifferences(a.manifest(), b.manifest());
        List<KeyDifference> provenance = provenanceDifferences(a.manifest(), b.manifest());
        if (!differences.isEmpty()) {
            return new Reproduction(runA, runB, a, b, differences, List.of(), List.of(), provenance,
                    b.manifest().expectations(), measure, Double.NaN);
        }
        // B is judged by A's claims and statistics: the question is whether A's conclusions hold in B.
        RunData judged = b.with(b.manifest().judgedBy(a.manifest().expectations(), a.manifest().statistics()));
        // The ROPE in the metric's units (fractions for accuracies), as Manifest.Statistics converts it.
        double units = Double.isFinite(rope) ? new Manifest.Statistics(rope, Enums.Correction.HOLM).rope(measure.format())
                : measure.column().equals(a.score().column("test")) ? a.manifest().statistics().rope(a.score())
                : Double.NaN;
        return new Reproduction(runA, runB, a, judged, differences, variantRows(a, judged, measure, units),
                claimRows(a, judged), provenance, b.manifest().expectations(), measure, units);
    }

    public Outcome outcome() {
        if (!differences.isEmpty()) {
            return Outcome.NOT_COMPARABLE;
        }
        boolean ok = variants.stream().allMatch(VariantRow::reproduced)
                && claims.stream().allMatch(ClaimRow::reproduced);
        return ok ? Outcome.REPRODUCED : Outcome.NOT_REPRODUCED;
    }

    /** The keys that make the runs different experiments; empty when they are comparable. */
    public List<KeyDifference> differences() {
        return differences;
    }

    /** Why the runs are not comparable, one line per key, for an error message. */
    public String notComparableMessage() {
        StringBuilder s = new StringBuilder(dirA + " and " + dirB + " are different experiments ("
                + differences.size() + " key(s) that define the experiment differ; seeds, expect, statistics, name, "
                + "description and paths are ignored):");
        differences.forEach(d -> s.append("\n  ").append(d));
        return s.toString();
    }

    /** The variants and claims that did not reproduce, one sentence each; empty when everything did. */
    public List<String> failures() {
        List<String> out = new ArrayList<>();
        Score score = measure.format();
        for (VariantRow r : variants) {
            if (!r.reproduced()) {
                String numbers = r.comparison().defined() ? ": B − A = " + score.difference(r.comparison()
                        .difference()) + " " + interval(r.comparison().ci(), score::plainDifference) + ", p_adj "
                        + Fmt.p(r.pAdjusted()) : "";
                out.add("variant " + r.variant().label() + " " + r.result() + numbers);
            }
        }
        for (ClaimRow c : claims) {
            if (!c.reproduced()) {
                out.add("claim \"" + c.a().claim().claim() + "\": " + c.result() + " (A " + c.a().verdict().text() + " "
                        + Claims.difference(c.a().claim(), c.a().difference()) + ", B " + c.b().verdict().text() + " "
                        + Claims.difference(c.b().claim(), c.b().difference()) + ")");
            }
        }
        return out;
    }

    /** One line: the outcome and its counts, naming what did not reproduce. */
    public String summary() {
        return switch (outcome()) {
            case NOT_COMPARABLE -> "not comparable: " + differences.size() + " key(s) differ";
            case REPRODUCED -> {
                long identical = variants.stream().filter(VariantRow::identical).count();
                long matched = variants.stream().filter(r -> r.a() != null).count();
                yield "reproduced: " + matched + " of " + matched + " variant(s) of A reproduced (" + identical
                        + " identical)" + (claims.isEmpty() ? "" : ", " + claims.size() + " of " + claims.size()
                        + " claim(s) with the same verdict and an agreeing difference");
            }
            case NOT_REPRODUCED -> "not reproduced: " + String.join("; ", failures());
        };
    }

    /** The comparison as console text, Markdown or LaTeX. */
    public String render(Format format) {
        List<Doc.Block> blocks = document();
        String title = title();
        return switch (format) {
            case TEXT -> ReproductionRenderer.text(title, blocks);
            case MARKDOWN -> MarkdownRenderer.render(title, blocks);
            case LATEX -> ReproductionRenderer.latex(title, blocks);
        };
    }

    List<VariantRow> variants() {
        return variants;
    }

    List<ClaimRow> claims() {
        return claims;
    }

    List<KeyDifference> provenance() {
        return provenance;
    }

    // ---- comparability ------------------------------------------------------------------------------------

    /** The keys that define the experiment and differ: config, sweep axes and mode, baseline. */
    static List<KeyDifference> experimentDifferences(Manifest a, Manifest b) {
        List<KeyDifference> out = new ArrayList<>();
        Map<String, Object> fa = new LinkedHashMap<>();
        Map<String, Object> fb = new LinkedHashMap<>();
        flatten("", a.config(), fa);
        flatten("", b.config(), fb);
        Set<String> keys = new LinkedHashSet<>(fa.keySet());
        keys.addAll(fb.keySet());
        for (String k : keys) {
            if (!ConfigLoader.sameValue(fa.get(k), fb.get(k))) {
                out.add(new KeyDifference(k, shown(fa.get(k)), shown(fb.get(k))));
            }
        }
        if (!new TreeSet<>(a.axes()).equals(new TreeSet<>(b.axes()))) {
            out.add(new KeyDifference("sweep.axes", String.join(", ", a.axes()), String.join(", ", b.axes())));
        }
        if (!Objects.equals(a.sweepMode(), b.sweepMode())) {
            out.add(new KeyDifference("sweep.mode", shown(a.sweepMode()), shown(b.sweepMode())));
        }
        Set<String> baselineKeys = new LinkedHashSet<>(a.baseline().keySet());
        baselineKeys.addAll(b.baseline().keySet());
        for (String k : baselineKeys) {
            if (!Axes.sameValue(a.baseline().get(k), b.baseline().get(k))) {
                out.add(new KeyDifference("baseline." + k, shown(a.baseline().get(k)), shown(b.baseline().get(k))));
            }
        }
        return out;
    }

    /** Nested maps to key paths; lists and scalars are leaves. */
    private static void flatten(String prefix, Map<?, ?> map, Map<String, Object> out) {
        map.forEach((k, v) -> {
            String key = prefix.isEmpty() ? String.valueOf(k) : prefix + "." + k;
            if (v instanceof Map<?, ?> m && !m.isEmpty()) {
                flatten(key, m, out);
            } else {
                out.put(key, v);
            }
        });
    }

    private static String shown(Object v) {
        return v == null ? ABSENT : String.valueOf(v);
    }

    /**
     * The seeds and the provenance fields ({@link ManifestKeys#PROVENANCE}: where and how a run was made) that differ:
     * differences explain results that are not bit-identical, and never make runs incomparable.
     */
    private static List<KeyDifference> provenanceDifferences(Manifest a, Manifest b) {
        List<KeyDifference> out = new ArrayList<>();
        if (!a.seeds().equals(b.seeds())) {
            out.add(new KeyDifference("seeds", a.seeds().toString(), b.seeds().toString()));
        }
        for (String field : ManifestKeys.PROVENANCE) {
            String x = a.provenance(field);
            String y = b.provenance(field);
            if (!Objects.equals(x, y)) {
                out.add(new KeyDifference(field, shown(x), shown(y)));
            }
        }
        return out;
    }

    // ---- variants -----------------------------------------------------------------------------------------

    private static List<VariantRow> variantRows(RunData a, RunData b, Measure measure, double rope) {
        java.util.function.ToDoubleFunction<Trial> metric = t -> t.metric(measure.column());
        Manifest ma = a.manifest();
        Map<String, Variant> byIdB = new LinkedHashMap<>();
        b.manifest().variants().forEach(v -> byIdB.put(v.variantId(), v));
        Map<String, String> outcomesA = baselineOutcomes(a);
        Map<String, String> outcomesB = baselineOutcomes(b);
        Set<String> matchedB = new LinkedHashSet<>();
        List<Variant> vas = ma.variants();
        List<Variant> vbs = new ArrayList<>();
        List<double[]> valuesA = new ArrayList<>();
        List<double[]> valuesB = new ArrayList<>();
        List<Comparison.Result> comparisons = new ArrayList<>();
        for (Variant va : vas) {
            Variant vb = byIdB.get(va.variantId());
            if (vb == null || !sameCell(ma, va, vb)) {
                vb = b.manifest().variants().stream().filter(v -> !matchedB.contains(v.variantId()))
                        .filter(v -> sameCell(ma, va, v)).findFirst().orElse(null);
            }
            if (vb != null) {
                matchedB.add(vb.variantId());
            }
            vbs.add(vb);
            Map<Long, Double> seedsA = Summary.bySeed(a, va.variantId(), metric);
            Map<Long, Double> seedsB = vb == null ? Map.of() : Summary.bySeed(b, vb.variantId(), metric);
            valuesA.add(values(seedsA));
            valuesB.add(values(seedsB));
            comparisons.add(Summary.compare(seedsB, seedsA, valuesB.get(valuesB.size() - 1),
                    valuesA.get(valuesA.size() - 1)));
        }
        double[] p = comparisons.stream().mapToDouble(Comparison.Result::p).toArray();
        double[] adjusted = Stats.adjust(p, ma.statistics().correction());
        List<VariantRow> rows = new ArrayList<>();
        for (int i = 0; i < vas.size(); i++) {
            Variant va = vas.get(i);
            Variant vb = vbs.get(i);
            double[] xa = valuesA.get(i);
            double[] xb = valuesB.get(i);
            Comparison.Result k = comparisons.get(i);
            SameSeeds same = vb == null ? new SameSeeds(0, 0, false) : sameSeeds(a, va.variantId(), b, vb.variantId());
            boolean identical = xa.length > 0 && same.all();
            double diff = Stats.mean(xb) - Stats.mean(xa);
            String result;
            boolean ok;
            if (xa.length == 0) {
                result = xb.length == 0 ? "no ok trials in A or B" : "no ok trials in A";
                ok = true;
            } else if (vb == null) {
                result = MISSING;
                ok = false;
            } else if (xb.length == 0) {
                result = "no ok trials in B";
                ok = false;
            } else if (identical) {
                result = IDENTICAL;
                ok = true;
            } else if (k.defined() && adjusted[i] >= Stats.ALPHA) {
                result = WITHIN_NOISE;
                ok = true;
            } else if (rope > 0 && Math.abs(diff) <= rope) {
                result = WITHIN_ROPE;
                ok = true;
            } else {
                result = k.defined() ? DIFFERS : "too few seeds to tell (fewer than 2 ok on a side)";
                ok = false;
            }
            if (!identical && same.identical() > 0) {
                result += " (" + same.identical() + " of " + same.shared() + " shared seeds identical)";
            }
            String note = vb != null && !vb.variantId().equals(va.variantId())
                    ? "matched by axis values (B's id " + vb.variantId() + ")" : "";
            rows.add(new VariantRow(va, vb, note, xa.length, xb.length, Stats.mean(xa), Stats.mean(xb), k,
                    adjusted[i], identical, outcomesA.getOrDefault(va.variantId(), ""),
                    vb == null ? "" : outcomesB.getOrDefault(vb.variantId(), ""), result, ok));
        }
        for (Variant vb : b.manifest().variants()) {
            if (!matchedB.contains(vb.variantId())) {
                double[] xb = values(Summary.bySeed(b, vb.variantId(), metric));
                rows.add(new VariantRow(null, vb, "only in B", 0, xb.length, Double.NaN, Stats.mean(xb),
                        Comparison.Result.NONE, Double.NaN, false, "", outcomesB.getOrDefault(vb.variantId(), ""),
                        "only in B", true));
            }
        }
        return rows;
    }

    /** Whether two variants sit at the same point of the axes (numbers by value). */
    private static boolean sameCell(Manifest m, Variant x, Variant y) {
        return m.axes().stream().allMatch(axis -> Axes.sameValue(x.axes().get(axis), y.axes().get(axis)));
    }

    private static double[] values(Map<Long, Double> bySeed) {
        return bySeed.values().stream().mapToDouble(Double::doubleValue).toArray();
    }

    /**
     * The seeds both runs have for a variant, how many of them hold the same trials (folds) with the same status,
     * epochs and metric cells, and whether that is all of them on both sides (the variant is identical).
     */
    record SameSeeds(int shared, int identical, boolean all) {
    }

    private static SameSeeds sameSeeds(RunData a, String idA, RunData b, String idB) {
        Map<Long, Map<Integer, Trial>> ta = bySeedAndFold(a, idA);
        Map<Long, Map<Integer, Trial>> tb = bySeedAndFold(b, idB);
        int shared = 0;
        int same = 0;
        for (Map.Entry<Long, Map<Integer, Trial>> e : ta.entrySet()) {
            Map<Integer, Trial> other = tb.get(e.getKey());
            if (other != null) {
                shared++;
                same += sameTrials(e.getValue(), other) ? 1 : 0;
            }
        }
        return new SameSeeds(shared, same, !ta.isEmpty() && ta.keySet().equals(tb.keySet()) && same == shared);
    }

    private static boolean sameTrials(Map<Integer, Trial> a, Map<Integer, Trial> b) {
        return a.keySet().equals(b.keySet()) && a.keySet().stream().allMatch(fold -> {
            Trial x = a.get(fold);
            Trial y = b.get(fold);
            return x.status() == y.status() && Double.compare(x.epochsRun(), y.epochsRun()) == 0
                    && Double.compare(x.bestEpoch(), y.bestEpoch()) == 0 && x.metrics().equals(y.metrics());
        });
    }

    private static Map<Long, Map<Integer, Trial>> bySeedAndFold(RunData run, String variantId) {
        Map<Long, Map<Integer, Trial>> out = new LinkedHashMap<>();
        run.trials().stream().filter(t -> t.variantId().equals(variantId))
                .forEach(t -> out.computeIfAbsent(t.seed(), k -> new LinkedHashMap<>()).put(t.fold(), t));
        return out;
    }

    /** Variant id → its outcome against the baseline in this run ("baseline" for the baseline itself). */
    private static Map<String, String> baselineOutcomes(RunData run) {
        Optional<Variant> baseline = Summary.baseline(run.manifest());
        Map<String, String> out = new LinkedHashMap<>();
        if (baseline.isEmpty()) {
            return out;
        }
        Map<String, Overfitting.VariantCurve> curves = Overfitting.variants(run.manifest(), Overfitting.trials(run));
        for (Summary.Row r : Summary.compute(run, baseline, curves)) {
            out.put(r.variant().variantId(), r.baseline() ? "baseline" : Verdict.outcome(r).text());
        }
        return out;
    }

    // ---- claims -------------------------------------------------------------------------------------------

    private static List<ClaimRow> claimRows(RunData a, RunData b) {
        List<Claims.Result> ra = Claims.evaluate(a);
        List<Claims.Result> rb = Claims.evaluate(b);
        List<Comparison.Result> changes = new ArrayList<>();
        for (int i = 0; i < ra.size(); i++) {
            changes.add(Comparison.change(ra.get(i).comparison(), rb.get(i).comparison()));
        }
        double[] adjusted = Stats.adjust(changes.stream().mapToDouble(Comparison.Result::p).toArray(),
                a.manifest().statistics().correction());
        List<ClaimRow> rows = new ArrayList<>();
        for (int i = 0; i < ra.size(); i++) {
            Claims.Result x = ra.get(i);
            Claims.Result y = rb.get(i);
            Comparison.Result change = changes.get(i);
            double rope = x.claim().ropeInUnits();
            String result;
            boolean ok;
            boolean agrees = change.defined()
                    && (adjusted[i] >= Stats.ALPHA || rope > 0 && Math.abs(change.difference()) <= rope);
            if (x.verdict() != y.verdict()) {
                // Confirmed against refuted contradicts A; a change from or to inconclusive with an agreeing
                // difference is a claim near the threshold, which more seeds would decide.
                boolean reversed = x.verdict() != Conclusion.INCONCLUSIVE && y.verdict() != Conclusion.INCONCLUSIVE;
                result = reversed ? "verdict reversed" : agrees ? "verdict changed, difference agrees (a claim near "
                        + "the threshold: more seeds would decide it)" : "verdict changed";
                ok = false;
            } else if (!change.defined()) {
                result = "same verdict (the difference is not testable)";
                ok = true;
            } else if (sameValues(x.subject(), y.subject()) && sameValues(x.than(), y.than())) {
                result = "identical";
                ok = true;
            } else if (adjusted[i] >= Stats.ALPHA) {
                result = "same verdict, difference within seed noise";
                ok = true;
            } else if (rope > 0 && Math.abs(change.difference()) <= rope) {
                result = "same verdict, difference within ROPE";
                ok = true;
            } else {
                result = "same verdict, but the difference changed";
                ok = false;
            }
            rows.add(new ClaimRow(x, y, change, adjusted[i], result, ok));
        }
        return rows;
    }

    /** The same values on both sides, in any order (the order is that of trials.csv, which parallel runs vary). */
    private static boolean sameValues(Claims.Side x, Claims.Side y) {
        double[] a = x.values().clone();
        double[] b = y.values().clone();
        java.util.Arrays.sort(a);
        java.util.Arrays.sort(b);
        return java.util.Arrays.equals(a, b);
    }

    // ---- the document ------------------------------------------------------------------------------------

    private String title() {
        String name = a.manifest().experiment() == null ? "run" : a.manifest().experiment();
        return "compare " + name + ": does B reproduce A?";
    }

    private List<Doc.Block> document() {
        List<Doc.Block> blocks = new ArrayList<>();
        blocks.add(new Doc.Paragraph("A: " + describe(dirA, a), Doc.Style.NORMAL));
        blocks.add(new Doc.Paragraph("B: " + describe(dirB, b), Doc.Style.NORMAL));
        blocks.add(new Doc.Paragraph(summary(), outcome() == Outcome.REPRODUCED ? Doc.Style.NORMAL
                : Doc.Style.WARNING));
        if (outcome() == Outcome.NOT_COMPARABLE) {
            blocks.add(new Doc.Table("Keys of the experiment that differ", List.of("key", "A", "B"),
                    differences.stream().map(d -> List.of(d.key(), d.a(), d.b())).toList()));
            return blocks;
        }
        blocks.add(new Doc.Heading(2, "Variants", "variants"));
        blocks.add(variantTable(measure));
        blocks.add(new Doc.Paragraph(variantRule(measure.format()), Doc.Style.NOTE));
        if (!claims.isEmpty()) {
            blocks.add(new Doc.Heading(2, "Claims", "claims"));
            blocks.add(claimTable());
            blocks.add(new Doc.Paragraph("A claim of A's expect: is checked on both runs (A's statistics); it "
                    + "reproduces when B gives the same verdict and B's difference minus A's (95% CI, a Welch-style "
                    + "test on the two independent estimates, p adjusted across the claims) is not significant, or "
                    + "lies within the claim's ROPE.", Doc.Style.NOTE));
        }
        List<String> notes = new ArrayList<>();
        provenance.forEach(d -> notes.add("the runs differ in " + d));
        if (!original.equals(a.manifest().expectations())) {
            notes.add("B's expect: differs from A's; A's claims are checked on both runs");
        }
        for (RunData run : List.of(a, b)) {
            String side = run == a ? "A" : "B";
            run.readWarnings().forEach(w -> notes.add(side + ": " + w));
            if (!run.damaged().isEmpty()) {
                notes.add(side + ": " + run.damaged().size() + " row(s) do not verify and are left out (their "
                        + "trials count as missing)");
            }
        }
        variants.stream().filter(r -> !r.note().isEmpty() && r.a() != null)
                .forEach(r -> notes.add(r.variant().label() + ": " + r.note()));
        if (!notes.isEmpty()) {
            blocks.add(new Doc.Heading(2, "Notes", "notes"));
            blocks.add(new Doc.Bullets(notes, Doc.Style.NORMAL));
        }
        return blocks;
    }

    private static String describe(Path dir, RunData run) {
        Manifest m = run.manifest();
        long ok = run.trials().stream().filter(Trial::ok).count();
        String seeds = m.adaptive() == null ? seedList(m.seeds()) : "adaptive " + m.adaptive().initial() + " to "
                + m.adaptive().max() + " per variant, up to " + m.variants().stream()
                .mapToInt(v -> m.seedsOf(v.variantId()).size()).max().orElse(0) + " used";
        return dir + " (" + ok + " of " + m.plannedTrials() + " trials ok, seeds " + seeds
                + (m.provenance(ManifestKeys.GIT_COMMIT) == null ? ""
                : ", commit " + abbreviate(m.provenance(ManifestKeys.GIT_COMMIT)))
                + (m.startedAt() == null ? "" : ", started " + m.startedAt()) + ")";
    }

    private static String seedList(List<Long> seeds) {
        return seeds.isEmpty() ? "none listed" : seeds.stream().map(String::valueOf)
                .collect(java.util.stream.Collectors.joining(", "));
    }

    private static String abbreviate(String commit) {
        return commit.length() > 12 ? commit.substring(0, 12) : commit;
    }

    private Doc.Table variantTable(Measure measure) {
        Score score = measure.format();
        boolean baseline = variants.stream().anyMatch(r -> !r.baselineA().isEmpty() || !r.baselineB().isEmpty());
        String unit = score.unit();
        List<String> header = new ArrayList<>(List.of("variant", "n A", measure.label() + " A" + unit, "n B",
                measure.label() + " B" + unit, "B − A" + unit, "95% CI", "test", "p adj"));
        if (baseline) {
            header.add("vs baseline A → B");
        }
        header.add("result");
        List<List<String>> rows = new ArrayList<>();
        List<String> classes = new ArrayList<>();
        for (VariantRow r : variants) {
            Comparison.Result k = r.comparison();
            double diff = r.meanB() - r.meanA();
            List<String> row = new ArrayList<>(List.of(r.variant().label(), String.valueOf(r.nA()),
                    r.a() == null ? "" : score.plain(r.meanA()), String.valueOf(r.nB()), score.plain(r.meanB()),
                    Double.isFinite(diff) ? score.plainDifference(diff) : "–",
                    k.defined() ? interval(k.ci(), score::plainDifference) : "–", k.defined() ? k.test() : "–",
                    Fmt.p(r.pAdjusted())));
            if (baseline) {
                row.add(r.baselineA().isEmpty() && r.baselineB().isEmpty() ? ""
                        : (r.a() == null ? "–" : r.baselineA()) + " → " + (r.b() == null ? "–" : r.baselineB()));
            }
            row.add(r.result());
            rows.add(row);
            classes.add(r.reproduced() ? null : "bad");
        }
        return new Doc.Table(measure.label() + " per variant, B − A", header, rows, classes);
    }

    private String variantRule(Score score) {
        return "B − A: the difference of the means with its 95% CI, paired t by seed when both runs have the same "
                + "seeds, else Welch; p adjusted across the variants ("
                + Stats.correctionName(a.manifest().statistics().correction()) + "). A variant reproduces when it is "
                + "identical (the same trials with the same cells in trials.csv), within seed noise (adjusted p ≥ "
                + Stats.ALPHA + ")" + (rope > 0 ? " or within the ROPE (|B − A| ≤ "
                + score.difference(rope).replace("+", "") + ")" : "") + ".";
    }

    private Doc.Table claimTable() {
        List<List<String>> rows = new ArrayList<>();
        List<String> classes = new ArrayList<>();
        for (ClaimRow r : claims) {
            Claims.Claim c = r.a().claim();
            Comparison.Result k = r.change();
            rows.add(List.of(c.claim(), c.metricLabel(), r.a().verdict().text(),
                    Claims.difference(c, r.a().difference()), r.b().verdict().text(),
                    Claims.difference(c, r.b().difference()),
                    k.defined() ? Claims.difference(c, k.difference()) : "–",
                    k.defined() ? interval(k.ci(), d -> plain(c, d)) : "–", Fmt.p(r.pAdjusted()),
                    r.result()));
            classes.add(r.reproduced() ? null : "bad");
        }
        return new Doc.Table("Claims of A on both runs", List.of("claim", "metric", "A verdict", "A difference",
                "B verdict", "B difference", "change B − A", "95% CI", "p adj", "result"), rows, classes);
    }

    /** A claim's difference without its unit (the column beside it states it). */
    private static String plain(Claims.Claim c, double d) {
        return Claims.difference(c, d).replace(" pts", "").replace(" epochs", "");
    }

    private static String interval(Stats.Interval ci, java.util.function.DoubleFunction<String> f) {
        return "[" + f.apply(ci.low()) + ", " + f.apply(ci.high()) + "]";
    }
}
