package io.ablate4j.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The expectations of {@code manifest.json} ({@code expect:} in the config) checked against the results: for
 * each claim, the metric's mean and 95% CI on both sides, their difference, Welch's two-sided p-value and a
 * verdict.
 *
 * <p>A side is every variant whose axis cells equal the selector's (axes the selector leaves out are pooled);
 * its values are those of its ok trials. Verdicts: {@value #CONFIRMED} (the difference points the claimed way and
 * p &lt; {@value Stats#ALPHA}), {@value #CONSISTENT} (claimed way, p ≥ α), {@value #NOT_CONFIRMED} (the other way,
 * or no difference) and {@value #INCONCLUSIVE} (fewer than two values on a side). When every value on both
 * sides is the same (no variance, e.g. every seed reached a threshold in the same epoch) Welch's test is
 * undefined; a difference is then taken as certain (p = 0), no difference as p = 1.
 */
final class Claims {
    static final String CONFIRMED = "confirmed";
    static final String CONSISTENT = "consistent, not significant";
    static final String NOT_CONFIRMED = "not confirmed";
    static final String INCONCLUSIVE = "inconclusive";
    static final String EPOCHS_TO_VAL_ACC = "epochs_to_val_acc";
    static final String GAP_FINAL_ACC = "gap_final_acc";
    /** The metrics an expectation may name (the config's {@code ExpectMetric}s). */
    static final List<String> METRICS = List.of("test_acc", "val_acc", "train_acc", "gap_acc", GAP_FINAL_ACC,
            EPOCHS_TO_VAL_ACC, "test_rmse", "val_rmse", "train_rmse", "test_mae", "val_mae", "test_r2", "val_r2",
            "gap_loss", "test_loss");

    private Claims() {
    }

    /**
     * One expectation as the manifest states it.
     *
     * @param metric    one of {@link #METRICS}
     * @param threshold the validation accuracy epochs_to_val_acc waits for; NaN otherwise
     * @param direction higher | lower: how {@code subject} is expected to compare with {@code than}
     * @param subject   axis → cell text of the side the claim is about
     * @param than      axis → cell text of the side it is compared with
     */
    record Claim(String claim, String metric, double threshold, String direction, Map<String, String> subject,
                 Map<String, String> than) {
        Claim {
            subject = Collections.unmodifiableMap(new LinkedHashMap<>(subject));
            than = Collections.unmodifiableMap(new LinkedHashMap<>(than));
        }

        boolean higher() {
            return !"lower".equals(direction);
        }

        /** Accuracies and their gaps are fractions; epochs_to_val_acc counts epochs; the rest are plain numbers. */
        boolean isFraction() {
            return metric.endsWith("_acc");
        }

        boolean isEpochs() {
            return EPOCHS_TO_VAL_ACC.equals(metric);
        }

        /** "epochs_to_val_acc ≥ 0.8" or the metric's name. */
        String metricLabel() {
            return isEpochs() ? metric + " ≥ " + Fmt.num(threshold, 2) : metric;
        }
    }

    /**
     * One side of a claim.
     *
     * @param variants  ids of the variants the selector matches
     * @param planned   trials planned for them (variants × seeds)
     * @param values    the metric of their ok trials (finite values only)
     * @param unreached for epochs_to_val_acc: trials that never reached the threshold (counted as epochs run + 1)
     */
    record Side(Map<String, String> selector, List<String> variants, int planned, double[] values, int unreached) {
        int n() {
            return values.length;
        }

        double mean() {
            return Stats.mean(values);
        }

        Stats.Interval ci() {
            return Stats.ci95(values);
        }

        String label() {
            return selectorLabel(selector);
        }
    }

    /** A checked claim. {@code p} is NaN when inconclusive. */
    record Result(Claim claim, Side subject, Side than, double difference, double p, String verdict, String note) {
    }

    static String selectorLabel(Map<String, String> selector) {
        return selector.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", "));
    }

    static List<Result> evaluate(RunData run) {
        List<Result> out = new ArrayList<>();
        for (Claim c : run.manifest().expectations()) {
            out.add(evaluate(run, c));
        }
        return out;
    }

    static Result evaluate(RunData run, Claim c) {
        Side subject = side(run, c, c.subject());
        Side than = side(run, c, c.than());
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
        if (subject.n() < 2 || than.n() < 2) {
            notes.add(0, "needs at least 2 ok trials on each side (has " + subject.n() + " and " + than.n() + ")");
            return new Result(c, subject, than, subject.mean() - than.mean(), Double.NaN, INCONCLUSIVE,
                    String.join("; ", notes));
        }
        double difference = subject.mean() - than.mean();
        double p = Stats.welch(subject.values(), than.values()).p();
        if (Double.isNaN(p)) {
            p = difference != 0 ? 0 : 1;
            notes.add("every trial on each side has the same value, so Welch's test is undefined; p is taken as "
                    + (difference != 0 ? "0" : "1"));
        }
        boolean holds = c.higher() ? difference > 0 : difference < 0;
        String verdict = !holds ? NOT_CONFIRMED : p < Stats.ALPHA ? CONFIRMED : CONSISTENT;
        return new Result(c, subject, than, difference, p, verdict, String.join("; ", notes));
    }

    private static Side side(RunData run, Claim c, Map<String, String> selector) {
        Manifest m = run.manifest();
        List<String> ids = m.variants().stream()
                .filter(v -> selector.entrySet().stream().allMatch(e -> e.getValue().equals(v.axes().get(e.getKey()))))
                .map(Variant::variantId).toList();
        Set<String> idSet = Set.copyOf(ids);
        int[] unreached = {0};
        double[] values = run.replicates(ids, t -> {
            if (!c.isEpochs() && !GAP_FINAL_ACC.equals(c.metric())) {
                return metric(t, c.metric());
            }
            List<EpochRow> epochs = run.epochsOf(t.trialId());
            if (epochs.isEmpty()) {
                return Double.NaN;
            }
            if (GAP_FINAL_ACC.equals(c.metric())) {
                return epochs.get(epochs.size() - 1).gap();
            }
            EpochRow first = epochs.stream().filter(e -> e.valScore() >= c.threshold()).findFirst().orElse(null);
            if (first != null) {
                return first.epoch();
            }
            unreached[0]++;
            return (Double.isFinite(t.epochsRun()) ? t.epochsRun() : epochs.get(epochs.size() - 1).epoch()) + 1;
        });
        int planned = ids.size() * Math.max(1, m.seeds().size());
        return new Side(selector, ids, planned, values, unreached[0]);
    }

    private static double metric(Trial t, String metric) {
        if (metric.equals("gap_acc") && !Double.isFinite(t.metric("gap_acc"))) {
            double train = t.metric("train_acc");
            double val = t.metric("val_acc");
            return train - (Double.isFinite(val) ? val : t.metric("test_acc"));
        }
        return t.metric(metric);
    }

    /** A value of the claim's metric for people: a percentage for fractions, epochs with one decimal. */
    static String value(Claim c, double x) {
        return c.isFraction() ? Fmt.pct(x) + "%" : c.isEpochs() ? Fmt.num(x, 1) : Fmt.sig(x);
    }

    /** A difference of the claim's metric: percentage points or epochs, signed. */
    static String difference(Claim c, double d) {
        if (!Double.isFinite(d)) {
            return "–";
        }
        return c.isFraction() ? Fmt.pts(d) + " pts" : c.isEpochs()
                ? String.format(java.util.Locale.ROOT, "%+.1f epochs", d) : Fmt.signedSig(d);
    }

    /** "87.10% [86.20, 88.00] (n=3)". */
    static String side(Claim c, Side s) {
        if (s.n() == 0) {
            return "no results";
        }
        Stats.Interval ci = s.ci();
        String interval = Double.isFinite(ci.low())
                ? " [" + (c.isFraction() ? Fmt.pct(ci.low()) + ", " + Fmt.pct(ci.high()) : c.isEpochs()
                ? Fmt.num(ci.low(), 1) + ", " + Fmt.num(ci.high(), 1) : Fmt.sig(ci.low()) + ", " + Fmt.sig(ci.high()))
                + "]" : "";
        return value(c, s.mean()) + interval + " (n=" + s.n() + ")";
    }

    /** "=0.012" or "<0.001". */
    private static String pEquals(double p) {
        String text = Fmt.p(p);
        return text.startsWith("<") ? text : "=" + text;
    }

    /** One console line: {@code confirmed: dropout helps (test_acc: 85.10% vs 82.00%, +3.10 pts, p=0.004)}. */
    static String line(Result r) {
        Claim c = r.claim();
        String numbers = r.subject().n() == 0 || r.than().n() == 0 ? r.note()
                : c.metricLabel() + ": " + value(c, r.subject().mean()) + " vs " + value(c, r.than().mean()) + ", "
                + difference(c, r.difference()) + (Double.isFinite(r.p()) ? ", p" + pEquals(r.p()) : "");
        return r.verdict() + ": " + c.claim() + " (" + numbers + ")";
    }
}
