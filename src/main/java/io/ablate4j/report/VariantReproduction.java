package io.ablate4j.report;

import io.ablate4j.report.ReproductionResult.AgainstBaseline;
import io.ablate4j.report.ReproductionResult.SameSeeds;
import io.ablate4j.report.ReproductionResult.VariantRow;
import io.ablate4j.report.read.Axes;
import io.ablate4j.report.read.Manifest;
import io.ablate4j.report.read.RunData;
import io.ablate4j.report.read.TrialRow;
import io.ablate4j.report.read.VariantCells;
import io.ablate4j.report.stats.Comparison;
import io.ablate4j.report.stats.Overfitting;
import io.ablate4j.report.stats.Stats;
import io.ablate4j.report.stats.Summary;
import io.ablate4j.report.stats.Verdict;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * {@code compare}'s variants: each variant of A matched in B (by id, else by its axis values), B − A in the measure
 * with its 95% CI ({@link Summary#compare}), p adjusted across the variants by A's correction, and a
 * {@link VariantResult}.
 */
final class VariantReproduction {
    private VariantReproduction() {
    }

    /** One row per variant of A in A's order, then one per variant of B that matched none of A's. */
    static List<VariantRow> rows(RunData a, RunData b, Measure measure, double rope) {
        ToDoubleFunction<TrialRow> metric = t -> t.metric(measure.column());
        Manifest ma = a.manifest();
        Map<String, VariantCells> byIdB = new LinkedHashMap<>();
        b.manifest().variants().forEach(v -> byIdB.put(v.variantId(), v));
        Map<String, AgainstBaseline> outcomesA = baselineOutcomes(a);
        Map<String, AgainstBaseline> outcomesB = baselineOutcomes(b);
        Set<String> matchedB = new LinkedHashSet<>();
        List<VariantCells> vas = ma.variants();
        List<VariantCells> vbs = new ArrayList<>();
        List<double[]> valuesA = new ArrayList<>();
        List<double[]> valuesB = new ArrayList<>();
        List<Comparison.Result> comparisons = new ArrayList<>();
        for (VariantCells va : vas) {
            VariantCells vb = byIdB.get(va.variantId());
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
            VariantCells va = vas.get(i);
            VariantCells vb = vbs.get(i);
            double[] xa = valuesA.get(i);
            double[] xb = valuesB.get(i);
            Comparison.Result k = comparisons.get(i);
            SameSeeds same = vb == null ? SameSeeds.NONE : sameSeeds(a, va.variantId(), b, vb.variantId());
            boolean identical = xa.length > 0 && same.all();
            double diff = Stats.mean(xb) - Stats.mean(xa);
            VariantResult result;
            String detail = "";
            if (xa.length == 0 && RaceReproduction.pruned(a, va.variantId())) {
                result = vb != null && xb.length == 0 && RaceReproduction.pruned(b, vb.variantId())
                        ? VariantResult.PRUNED_IN_BOTH : VariantResult.PRUNED_IN_A;
                detail = " (after epoch " + RaceReproduction.prunedAfter(a, va.variantId()) + ")";
            } else if (xa.length == 0) {
                result = xb.length == 0 ? VariantResult.NO_OK_TRIALS_IN_A_OR_B : VariantResult.NO_OK_TRIALS_IN_A;
            } else if (vb == null) {
                result = VariantResult.MISSING_IN_B;
            } else if (xb.length == 0 && RaceReproduction.pruned(b, vb.variantId())) {
                result = VariantResult.PRUNED_IN_B;
                detail = " (after epoch " + RaceReproduction.prunedAfter(b, vb.variantId()) + ")";
            } else if (xb.length == 0) {
                result = VariantResult.NO_OK_TRIALS_IN_B;
            } else if (identical) {
                result = VariantResult.IDENTICAL;
            } else if (k.defined() && adjusted[i] >= Stats.ALPHA) {
                result = VariantResult.WITHIN_NOISE;
            } else if (rope > 0 && Math.abs(diff) <= rope) {
                result = VariantResult.WITHIN_ROPE;
            } else {
                result = k.defined() ? VariantResult.DIFFERS : VariantResult.TOO_FEW_SEEDS;
            }
            String note = vb != null && !vb.variantId().equals(va.variantId())
                    ? "matched by axis values (B's id " + vb.variantId() + ")" : "";
            rows.add(new VariantRow(va, vb, note, xa.length, xb.length, Stats.mean(xa), Stats.mean(xb), k,
                    adjusted[i], same, identical, outcomesA.getOrDefault(va.variantId(), AgainstBaseline.NONE),
                    vb == null ? AgainstBaseline.NONE : outcomesB.getOrDefault(vb.variantId(), AgainstBaseline.NONE),
                    result, detail));
        }
        for (VariantCells vb : b.manifest().variants()) {
            if (!matchedB.contains(vb.variantId())) {
                double[] xb = values(Summary.bySeed(b, vb.variantId(), metric));
                rows.add(new VariantRow(null, vb, "only in B", 0, xb.length, Double.NaN, Stats.mean(xb),
                        Comparison.Result.NONE, Double.NaN, SameSeeds.NONE, false, AgainstBaseline.NONE,
                        outcomesB.getOrDefault(vb.variantId(), AgainstBaseline.NONE), VariantResult.ONLY_IN_B, ""));
            }
        }
        return rows;
    }

    /** Whether two variants sit at the same point of the axes (numbers by value). */
    private static boolean sameCell(Manifest m, VariantCells x, VariantCells y) {
        return m.axes().stream().allMatch(axis -> Axes.sameValue(x.axes().get(axis), y.axes().get(axis)));
    }

    private static double[] values(Map<Long, Double> bySeed) {
        return bySeed.values().stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static SameSeeds sameSeeds(RunData a, String idA, RunData b, String idB) {
        Map<Long, Map<Integer, TrialRow>> ta = bySeedAndFold(a, idA);
        Map<Long, Map<Integer, TrialRow>> tb = bySeedAndFold(b, idB);
        int shared = 0;
        int same = 0;
        for (Map.Entry<Long, Map<Integer, TrialRow>> e : ta.entrySet()) {
            Map<Integer, TrialRow> other = tb.get(e.getKey());
            if (other != null) {
                shared++;
                same += sameTrials(e.getValue(), other) ? 1 : 0;
            }
        }
        return new SameSeeds(shared, same, !ta.isEmpty() && ta.keySet().equals(tb.keySet()) && same == shared);
    }

    private static boolean sameTrials(Map<Integer, TrialRow> a, Map<Integer, TrialRow> b) {
        return a.keySet().equals(b.keySet()) && a.keySet().stream().allMatch(fold -> {
            TrialRow x = a.get(fold);
            TrialRow y = b.get(fold);
            return x.status() == y.status() && Double.compare(x.epochsRun(), y.epochsRun()) == 0
                    && Double.compare(x.bestEpoch(), y.bestEpoch()) == 0 && x.metrics().equals(y.metrics());
        });
    }

    private static Map<Long, Map<Integer, TrialRow>> bySeedAndFold(RunData run, String variantId) {
        Map<Long, Map<Integer, TrialRow>> out = new LinkedHashMap<>();
        run.trials().stream().filter(t -> t.variantId().equals(variantId))
                .forEach(t -> out.computeIfAbsent(t.seed(), k -> new LinkedHashMap<>()).put(t.fold(), t));
        return out;
    }

    /** Variant id → where it stands against the baseline in this run; empty when the run has no baseline. */
    private static Map<String, AgainstBaseline> baselineOutcomes(RunData run) {
        Optional<VariantCells> baseline = Summary.baseline(run.manifest());
        Map<String, AgainstBaseline> out = new LinkedHashMap<>();
        if (baseline.isEmpty()) {
            return out;
        }
        Map<String, Overfitting.VariantCurve> curves = Overfitting.variants(run.manifest(), Overfitting.trials(run));
        for (Summary.Row r : Summary.compute(run, baseline, curves)) {
            out.put(r.variant().variantId(), new AgainstBaseline(r.baseline(), Verdict.outcome(r)));
        }
        return out;
    }
}
