package io.ablate4j.report.stats;

import io.ablate4j.config.Enums;
import io.ablate4j.config.Enums.ExpectMetric;
import io.ablate4j.report.read.Axes;
import io.ablate4j.report.read.Claim;
import io.ablate4j.report.read.EpochRow;
import io.ablate4j.report.read.Manifest;
import io.ablate4j.report.read.Range;
import io.ablate4j.report.read.RunData;
import io.ablate4j.report.read.Score;
import io.ablate4j.report.read.TrialRow;
import io.ablate4j.report.read.VariantCells;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The expectations of {@code manifest.json} ({@code expect:} in the config) checked against the results: for
 * each claim, the metric's mean and 95% CI on both sides, their difference with a paired or Welch comparison
 * ({@link Comparison}), the p-value adjusted across the claims (Holm by default, Benjamini–Hochberg when
 * {@code statistics.correction} says so) and a {@link Decision}: confirmed, refuted or inconclusive with the seeds
 * that would decide it.
 *
 * <p>A side is every variant whose axis cells equal the selector's (axes the selector leaves out are pooled);
 * its values are those of its ok trials (with cross-validation one per variant and seed, its folds' mean). The
 * sides are <em>paired</em> when their values match one to one by seed and by the cells of the axes neither
 * selector names (so {@code {dropout: 0.5}} vs {@code {dropout: 0}} pools the L2 levels and pairs each L2 level
 * and seed with the same L2 level and seed); otherwise, e.g. when one side pools an axis the other fixes, or seeds
 * are missing on one side, Welch's test compares them.
 */
public final class Claims {

    private Claims() {
    }

    /**
     * One side of a claim.
     *
     * @param variants  ids of the variants the selector matches
     * @param planned   trials planned for them (variants × seeds)
     * @param values    the metric of their ok trials (finite values only)
     * @param unreached for epochs_to_val_acc: trials that never reached the threshold (counted as epochs run + 1)
     * @param range     the values the claim's metric can take
     */
    public record Side(Map<String, String> selector, List<String> variants, int planned, double[] values,
                       int unreached, Range range) {
        public int n() {
            return values.length;
        }

        public double mean() {
            return Stats.mean(values);
        }

        /** The t-interval of the mean, cut to the values the metric can take. */
        public Stats.Interval ci() {
            return Stats.ci95(values, range);
        }

        public String label() {
            return Axes.label(selector);
        }
    }

    /**
     * A checked claim.
     *
     * @param comparison subject against than ({@link Comparison.Result#NONE} with fewer than 2 values on a side)
     * @param pAdjusted  the comparison's p adjusted across the run's claims; NaN when undefined
     * @param correction how {@code pAdjusted} was adjusted
     */
    public record Result(Claim claim, Side subject, Side than, Comparison.Result comparison, double pAdjusted,
                         Enums.Correction correction, Decision decision, String note) {
        /** subject − than (means); NaN without values. */
        public double difference() {
            return Double.isFinite(comparison.difference()) ? comparison.difference()
                    : subject.mean() - than.mean();
        }

        public double p() {
            return comparison.p();
        }

        public Conclusion verdict() {
            return decision.verdict();
        }

        /** P(the subject's value lies the claimed way of the other side's), ties counting half. */
        public double pClaimedWay() {
            return claim.higher() ? comparison.pGreater() : 1 - comparison.pGreater();
        }
    }

    /** "epochs_to_val_acc ≥ 0.80" or the metric's name. */
    public static String metricLabel(Claim c) {
        return c.isEpochs() ? c.metric().yamlName() + " ≥ " + Fmt.num(c.threshold(), 2) : c.metric().yamlName();
    }

    public static List<Result> evaluate(RunData run) {
        return evaluate(run, run.manifest().expectations());
    }

    /** One claim checked on its own (a family of one: no adjustment). */
    public static Result evaluate(RunData run, Claim claim) {
        return evaluate(run, List.of(claim)).get(0);
    }

    /** The claims checked as one family: their p-values are adjusted together. */
    public static List<Result> evaluate(RunData run, List<Claim> claims) {
        List<Prepared> prepared = claims.stream().map(c -> prepare(run, c)).toList();
        double[] p = prepared.stream().mapToDouble(x -> x.comparison().p()).toArray();
        Enums.Correction correction = run.manifest().statistics().correction();
        double[] adjusted = Stats.adjust(p, correction);
        int family = (int) java.util.Arrays.stream(p).filter(Double::isFinite).count();
        List<Result> out = new ArrayList<>();
        for (int i = 0; i < claims.size(); i++) {
            Prepared x = prepared.get(i);
            Claim c = claims.get(i);
            Decision decision = x.subject().n() < 2 || x.than().n() < 2
                    ? new Decision(Conclusion.INCONCLUSIVE, "needs at least 2 ok trials on each side (has "
                    + x.subject().n() + " and " + x.than().n() + ")", Double.NaN)
                    : Decision.of(x.comparison(), adjusted[i], c.higher(), c.ropeInUnits(), family, x.perSeed(),
                    d -> difference(c, d));
            String note = x.subject().n() < 2 || x.than().n() < 2
                    ? decision.reason() + (x.note().isEmpty() ? "" : "; " + x.note()) : x.note();
            out.add(new Result(c, x.subject(), x.than(), x.comparison(), adjusted[i], correction, decision, note));
        }
        return out;
    }

    /** A claim's sides and comparison before the family's adjustment. */
    private record Prepared(Side subject, Side than, Comparison.Result comparison, int perSeed, String note) {
    }

    private static Prepared prepare(RunData run, Claim c) {
        Keyed subjectValues = keyed(run, c, c.subject());
        Keyed thanValues = keyed(run, c, c.than());
        Side subject = side(run, c, c.subject(), subjectValues);
        Side than = side(run, c, c.than(), thanValues);
        List<String> notes = new ArrayList<>();
        for (Side s : List.of(subject, than)) {
            if (s.variants().isEmpty()) {
                notes.add("no variant matches " + s.label());
            } else if (s.n() < s.planned()) {
                notes.add((s.planned() - s.n()) + " of " + s.planned() + " trials of " + s.label()
                        + " are missing, failed or diverged");
            }
            if (s.unreached() > 0) {
                notes.add(s.unreached() + " of " + s.n() + " trials of " + s.label() + " never reached val_acc "
                        + Fmt.num(c.threshold(), 2) + " and count as epochs run + 1");
            }
        }
        Comparison.Result comparison;
        int perSeed = 1;
        Manifest.Adaptive adaptive = run.manifest().adaptive();
        // With adaptive seeds the sides may have different seeds (one side's variants also serve another claim):
        // they pair on the keys they share.
        List<String> common = new ArrayList<>(subjectValues.values().keySet());
        common.retainAll(thanValues.values().keySet());
        if (subject.n() < 2 || than.n() < 2) {
            comparison = Comparison.Result.NONE;
        } else if (subjectValues.unique() && thanValues.unique()
                && (subjectValues.values().keySet().equals(thanValues.values().keySet())
                || adaptive != null && common.size() >= 2)) {
            List<String> keys = common;
            comparison = Comparison.paired(keys.stream().mapToDouble(k -> subjectValues.values().get(k)).toArray(),
                    keys.stream().mapToDouble(k -> thanValues.values().get(k)).toArray());
            // Pairs per seed over the paired keys (under adaptive seeds a side may hold seeds the other lacks).
            long seeds = keys.stream().map(subjectValues.seedOf()::get).distinct().count();
            perSeed = (int) Math.max(1, keys.size() / Math.max(1, seeds));
        } else {
            comparison = Comparison.unpaired(subject.values(), than.values());
            perSeed = Math.max(1, Math.min(subject.variants().size(), than.variants().size()));
            notes.add("not paired (the sides do not match one to one by seed"
                    + (subjectValues.unique() && thanValues.unique() ? "" : " and the other axes") + "): Welch's test");
        }
        if (adaptive != null) {
            comparison = Sequential.adjust(comparison, Sequential.Design.of(adaptive), perSeed);
        }
        if (comparison.defined() && comparison.se() == 0) {
            notes.add("every pair has the same difference (no variance), so the test is degenerate; p is taken as "
                    + (comparison.difference() != 0 ? "0" : "1"));
        }
        return new Prepared(subject, than, comparison, perSeed, String.join("; ", notes));
    }

    /**
     * A side's values keyed for pairing: the cells of the axes neither selector names, and the seed.
     *
     * @param variantIds the variants the selector matches, in manifest order
     * @param values key → value (folds averaged)
     * @param unique whether no key collected values of two variants (the side pools an axis the key leaves out)
     * @param seedOf key → the seed it holds
     */
    private record Keyed(List<String> variantIds, Map<String, Double> values, boolean unique, Map<String, Long> seedOf,
                         double[] flat, int unreached) {
    }

    private static Keyed keyed(RunData run, Claim c, Map<String, String> selector) {
        Manifest m = run.manifest();
        List<String> free = m.axes().stream().filter(a -> !c.subject().containsKey(a) && !c.than().containsKey(a))
                .toList();
        Map<String, VariantCells> variants = new LinkedHashMap<>();
        m.variants().stream()
                .filter(v -> selector.entrySet().stream().allMatch(e -> e.getValue().equals(v.axes().get(e.getKey()))))
                .forEach(v -> variants.put(v.variantId(), v));
        int[] unreached = {0};
        List<TrialRow> ofSide = run.trials().stream().filter(t -> variants.containsKey(t.variantId())).toList();
        Map<String, Double> values = new LinkedHashMap<>();
        Map<String, String> variantOfKey = new LinkedHashMap<>();
        List<Double> flat = new ArrayList<>();
        Map<String, Long> seedOf = new LinkedHashMap<>();
        boolean unique = true;
        for (Replicates.Replicate r : Replicates.list(ofSide, t -> value(run, c, t, unreached))) {
            VariantCells v = variants.get(r.variantId());
            StringBuilder key = new StringBuilder();
            free.forEach(a -> key.append(a).append('=').append(v.axes().getOrDefault(a, "")).append('\n'));
            String k = key.append("seed=").append(r.seed()).toString();
            String seen = variantOfKey.putIfAbsent(k, r.variantId());
            unique &= seen == null || seen.equals(r.variantId());
            values.put(k, r.value());
            flat.add(r.value());
            seedOf.put(k, r.seed());
        }
        return new Keyed(List.copyOf(variants.keySet()), values, unique, seedOf, Stats.finite(flat),
                unreached[0]);
    }

    private static Side side(RunData run, Claim c, Map<String, String> selector, Keyed keyed) {
        int planned = keyed.variantIds().stream().mapToInt(id -> Math.max(1, run.manifest().seedsOf(id).size()))
                .sum();
        return new Side(selector, keyed.variantIds(), planned, keyed.flat(), keyed.unreached(), c.range());
    }

    /** A trial's value of the claim's metric; epochs_to_val_acc counts a trial that never reached it. */
    private static double value(RunData run, Claim c, TrialRow t, int[] unreached) {
        if (!c.isEpochs() && c.metric() != ExpectMetric.GAP_FINAL_ACC) {
            return metric(t, c.metric());
        }
        List<EpochRow> epochs = run.epochsOf(t.trialId());
        if (epochs.isEmpty()) {
            return Double.NaN;
        }
        if (c.metric() == ExpectMetric.GAP_FINAL_ACC) {
            return epochs.get(epochs.size() - 1).gap();
        }
        EpochRow first = epochs.stream().filter(e -> e.valScore() >= c.threshold()).findFirst().orElse(null);
        if (first != null) {
            return first.epoch();
        }
        unreached[0]++;
        return (Double.isFinite(t.epochsRun()) ? t.epochsRun() : epochs.get(epochs.size() - 1).epoch()) + 1;
    }

    /** A trial's value of a metric column; gap_acc, where the row has none, by the runner's rule. */
    private static double metric(TrialRow t, ExpectMetric metric) {
        double v = t.metric(metric.yamlName());
        if (metric == ExpectMetric.GAP_ACC && !Double.isFinite(v)) {
            return Score.ACCURACY.gap(t.metric("train_acc"), t.metric("val_acc"), t.metric("test_acc"), Double.NaN,
                    Double.NaN, Double.NaN);
        }
        return v;
    }

    /** A value of the claim's metric for people: a percentage for fractions, epochs with one decimal. */
    public static String value(Claim c, double x) {
        return c.isFraction() ? Fmt.pct(x) + "%" : c.isEpochs() ? Fmt.num(x, 1) : Fmt.sig(x);
    }

    /** A difference of the claim's metric: percentage points or epochs, signed. */
    public static String difference(Claim c, double d) {
        if (!Double.isFinite(d)) {
            return "–";
        }
        return c.isFraction() ? Fmt.pts(d) + " pts" : c.isEpochs()
                ? String.format(java.util.Locale.ROOT, "%+.1f epochs", d) : Fmt.signedSig(d);
    }

}
