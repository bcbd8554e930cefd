package io.ablate4j.report.stats;

import io.ablate4j.config.Enums.RaceRule;
import io.ablate4j.report.read.TrialRow;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The decisions of a race ({@code sweep.race}), the one place they are made: the runner asks {@link #decide} at
 * each rung who leaves, and records the answer in {@code race.csv}, which the report shows.
 *
 * <p>At a rung every surviving variant has a validation score per seed (its trials' score at the best epoch so
 * far, folds averaged within a seed). The <b>leader</b> is the survivor with the best mean. Under rule {@code test}
 * each other survivor is compared with the leader by a one-sided paired t-test over the seeds both have (the seeds
 * are paired replicates: same data order, augmentation and, where the network allows, initialization), and leaves
 * when its p is below {@code alpha / ((K − 1) · R)}, K the variants of the grid and R the rungs that decide.
 *
 * <p><b>What this guarantees.</b> Let B be a variant whose expected validation score is at least every other's at
 * every rung, and assume paired differences normal across seeds. B leaves only if at some rung its test against the
 * leader rejects; the leader is one of K − 1 other variants, and for each fixed other variant V and rung the paired
 * test of B against V rejects with probability at most the level (V is truly no better). The union over the
 * (K − 1) · R pairs of (V, rung) bounds P(B leaves the race) by {@code alpha}, whichever variants lead, however the
 * rungs' scores are correlated and however many variants have left before (Bonferroni over the planned looks, as
 * adaptive seeds do for comparisons without a variance-free joint law). {@code RaceTest} checks it by simulation
 * and shows that the uncorrected test does not hold it. Nothing is promised for a variant that is behind early and
 * best late (a slow starter), nor under rule {@code top} (successive halving's keep-the-best-1/eta), which is
 * offered for comparison with the schedulers of the field.
 *
 * <p>A variant with a diverged or failed trial leaves at the next rung without a test: it has no score on that
 * seed to compare, and a grid search's selection should not be a variant that diverges.
 */
public final class Race {
    private Race() {
    }

    /** Why a variant left the race (or that it did not). */
    public enum Outcome {
        /** Goes on to the next rung (or, at the last, finished the race). */
        STAYS,
        /** Rule test: decided worse than the leader. */
        WORSE,
        /** Rule top: not among the best 1/eta. */
        NOT_TOP,
        /** A trial of it diverged. */
        DIVERGED,
        /** A trial of it failed. */
        FAILED,
        /** Trained to training.epochs: the last leg's survivors (race.csv's last rung). */
        FINISHED;

        /** race.csv's spelling ({@code results.CsvSchemas#RACE_OUTCOMES}). */
        public String csvName() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }

        /** The outcome race.csv spells {@code s}; null when none. */
        public static Outcome parse(String s) {
            for (Outcome o : values()) {
                if (o.csvName().equals(s)) {
                    return o;
                }
            }
            return null;
        }
    }

    /**
     * A race as planned.
     *
     * @param rule      test or top
     * @param alpha     rule test: the most probability that the truly best variant leaves
     * @param eta       rule top: the best 1/eta go on
     * @param variants  K, the variants of the grid
     * @param rungs     R, the rungs that decide (the last leg, to training.epochs, decides nothing)
     */
    public record Design(RaceRule rule, double alpha, int eta, int variants, int rungs) {
        /** The level of each test: alpha over the (K − 1) · R pairs of rival and rung the best can meet. */
        public double level() {
            return io.ablate4j.config.RaceConfig.testLevel(alpha, variants, rungs);
        }
    }

    /**
     * One survivor at one rung.
     *
     * @param variant the variant id
     * @param seeds   the seeds with a score
     * @param mean    its mean validation score over them (the metric's own direction)
     * @param behind  how far its mean is behind the leader's over their shared seeds, in the metric's units (0 for
     *                the leader; positive = worse)
     * @param p       rule test: the one-sided paired p that it is worse than the leader; NaN for the leader or
     *                when fewer than 2 seeds are shared
     * @param outcome stays, or why it leaves
     */
    public record Standing(String variant, int seeds, double mean, double behind, double p, Outcome outcome) {
        public boolean leaves() {
            return outcome != Outcome.STAYS;
        }
    }

    /**
     * The decision at one rung.
     *
     * @param number    1-based rung
     * @param epoch     the epoch the survivors reached
     * @param leader    the leader's id; null when no survivor has a score
     * @param level     the level each test was held to (rule test)
     * @param standings every survivor, the leader first, then by mean
     */
    public record Rung(int number, int epoch, String leader, double level, List<Standing> standings) {
    }

    /**
     * Decides a rung.
     *
     * @param scores       survivor id → seed → validation score (the survivors, in plan order)
     * @param higherBetter whether a higher score is better (accuracy) or lower (RMSE)
     * @param broken       survivors with a diverged or failed trial → {@link Outcome#DIVERGED} or {@link Outcome#FAILED}
     */
    public static Rung decide(Design design, int number, int epoch, Map<String, Map<Long, Double>> scores,
                              boolean higherBetter, Map<String, Outcome> broken) {
        return decide(design, design.level(), number, epoch, scores, higherBetter, broken);
    }

    /** As {@link #decide(Design, int, int, Map, boolean, Map)}, each test held to {@code level} (tests). */
    static Rung decide(Design design, double level, int number, int epoch, Map<String, Map<Long, Double>> scores,
                       boolean higherBetter, Map<String, Outcome> broken) {
        double sign = higherBetter ? 1 : -1;
        Map<String, Double> means = new LinkedHashMap<>();
        scores.forEach((id, bySeed) -> means.put(id, Stats.mean(Stats.finite(bySeed.values()))));
        String leader = null;
        for (Map.Entry<String, Double> e : means.entrySet()) {
            if (broken.containsKey(e.getKey()) || Double.isNaN(e.getValue())) {
                continue;
            }
            if (leader == null || sign * e.getValue() > sign * means.get(leader)) {
                leader = e.getKey();
            }
        }
        List<Standing> standings = new ArrayList<>();
        List<String> ranked = new ArrayList<>(means.keySet());
        ranked.removeIf(broken::containsKey);
        ranked.sort(Comparator.comparingDouble((String id) -> Double.isNaN(means.get(id)) ? Double.NEGATIVE_INFINITY
                : sign * means.get(id)).reversed());
        int keep = Math.max(1, (int) Math.ceil(ranked.size() / (double) design.eta()));
        for (String id : scores.keySet()) {
            Map<Long, Double> own = scores.get(id);
            int n = Stats.finite(own.values()).length;
            if (broken.containsKey(id)) {
                standings.add(new Standing(id, n, means.get(id), Double.NaN, Double.NaN, broken.get(id)));
                continue;
            }
            if (id.equals(leader)) {
                standings.add(new Standing(id, n, means.get(id), 0, Double.NaN, Outcome.STAYS));
                continue;
            }
            double[] diffs = leader == null ? new double[0] : pairedDifferences(scores.get(leader), own, sign);
            double behind = diffs.length == 0 ? Double.NaN : Stats.mean(diffs);
            double p = diffs.length < 2 ? Double.NaN : pWorse(diffs);
            Outcome outcome = switch (design.rule()) {
                case TEST -> p < level ? Outcome.WORSE : Outcome.STAYS;
                case TOP -> ranked.indexOf(id) < keep ? Outcome.STAYS : Outcome.NOT_TOP;
            };
            standings.add(new Standing(id, n, means.get(id), behind, p, outcome));
        }
        String first = leader;
        standings.sort(Comparator.comparing((Standing s) -> !s.variant().equals(first))
                .thenComparing(s -> broken.containsKey(s.variant()))
                .thenComparingDouble(s -> Double.isNaN(s.mean()) ? Double.POSITIVE_INFINITY : -sign * s.mean()));
        return new Rung(number, epoch, leader, level, List.copyOf(standings));
    }

    /**
     * The compute a run spent: the epochs its trials trained, whatever their status (a pruned trial's up to the rung it
     * left at), in trial-epochs.
     */
    public static double trialEpochs(List<TrialRow> trials) {
        return trials.stream().mapToDouble(TrialRow::epochsRun).filter(Double::isFinite).sum();
    }

    /**
     * A trial's score at a rung: the validation score of its best epoch (lowest validation loss, the first on ties,
     * as the trainer picks it) among the epochs up to {@code rung}, what the trial would report had it stopped
     * there. NaN without epochs.
     *
     * @param valLoss the validation loss of epochs 1, 2, …
     * @param score   the validation score (accuracy, or RMSE) of the same epochs
     */
    public static double scoreAt(double[] valLoss, double[] score, int rung) {
        int best = -1;
        for (int i = 0; i < Math.min(rung, valLoss.length); i++) {
            if (best < 0 || valLoss[i] < valLoss[best]) {
                best = i;
            }
        }
        return best < 0 ? Double.NaN : score[best];
    }

    /** leader − other over the seeds both have a finite score for, oriented so that positive means other is worse. */
    static double[] pairedDifferences(Map<Long, Double> leader, Map<Long, Double> other, double sign) {
        List<Double> d = new ArrayList<>();
        leader.forEach((seed, a) -> {
            Double b = other.get(seed);
            if (b != null && Double.isFinite(a) && Double.isFinite(b)) {
                d.add(sign * (a - b));
            }
        });
        return d.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /**
     * The one-sided paired t-test's p that the mean difference is above 0 (the other variant is worse): {@code
     * P(T ≥ t)}, T with n − 1 degrees of freedom. With every difference equal (no variance) p is 0 when they are
     * positive and 1 otherwise, as the report's paired tests take it.
     */
    static double pWorse(double[] diffs) {
        double m = Stats.mean(diffs);
        double sd = Stats.std(diffs);
        if (sd == 0 || Double.isNaN(sd)) {
            return m > 0 ? 0 : 1;
        }
        double t = m / (sd / Math.sqrt(diffs.length));
        return 1 - Stats.t(diffs.length - 1).cumulativeProbability(t);
    }
}
