package io.ablate4j.config;

import io.ablate4j.config.Enums.RaceRule;
import io.ablate4j.config.Schema.Race;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code sweep.race}: successive halving over epochs with the seeds as paired replicates. Every variant trains
 * to the first rung; the survivors are compared on their validation score over their shared seeds; those that leave
 * stop there, the others go on from their checkpoints to the next rung, and the last survivors train to
 * {@code training.epochs}.
 *
 * @param rule  how the leavers are decided: a corrected paired test against the leader, or keep the best 1/eta
 * @param alpha rule test: the probability, at most, that the truly best variant leaves the race
 * @param eta   the factor between rungs (and, rule top, 1/eta of the survivors go on)
 * @param rungs the epochs after which the survivors are compared, strictly ascending (the run's last epoch is not
 *              one: the race ends there)
 */
public record RaceConfig(RaceRule rule, double alpha, int eta, List<Integer> rungs) {
    /** @throws ConfigException naming the key, the value and what is allowed */
    public RaceConfig {
        Race.RULE.check(rule);
        Race.ALPHA.check(alpha);
        Race.ETA.check(eta);
        rungs = List.copyOf(rungs);
        if (rungs.isEmpty()) {
            throw new ConfigException(Race.RUNGS.path(), rungs, "needs at least one rung (an epoch below "
                    + "training.epochs), e.g. [1, 3]");
        }
        Race.RUNGS.check(rungs);
        for (int i = 1; i < rungs.size(); i++) {
            if (rungs.get(i) <= rungs.get(i - 1)) {
                throw new ConfigException(Race.RUNGS.path() + "[" + i + "]", rungs.get(i), "rungs must be strictly "
                        + "ascending (the one before is " + rungs.get(i - 1) + ")");
            }
        }
    }

    /** The default rungs of a run of {@code epochs}: epochs / eta^k for k = 1, 2, … while at least 1, ascending. */
    public static List<Integer> defaultRungs(int epochs, int eta) {
        List<Integer> out = new ArrayList<>();
        for (long d = eta; epochs / d >= 1; d *= eta) {
            int r = (int) (epochs / d);
            if (!out.contains(r)) {
                out.add(0, r);
            }
        }
        return out;
    }

    /**
     * Rule test: the level each paired test is held to, alpha over the (K − 1) · R pairs of rival and rung the truly
     * best variant can meet (Bonferroni; {@code report.stats.Race} says why this bounds its elimination by alpha).
     *
     * @param variants K, the variants of the grid
     */
    public double testLevel(int variants) {
        return testLevel(alpha, variants, rungs.size());
    }

    /** As {@link #testLevel(int)} for a given alpha and R deciding rungs. */
    public static double testLevel(double alpha, int variants, int rungs) {
        return alpha / ((double) Math.max(1, variants - 1) * Math.max(1, rungs));
    }

    /** The rungs and then the last epoch: where every leg of the race ends. */
    public List<Integer> legs(int epochs) {
        List<Integer> out = new ArrayList<>(rungs);
        out.add(epochs);
        return out;
    }

    /** The canonical map (manifest, resolved config). */
    public java.util.Map<String, Object> toMap() {
        return Race.KEYS.writer().put(Race.RULE, rule).put(Race.ALPHA, alpha).put(Race.ETA, eta)
                .put(Race.RUNGS, rungs).toMap();
    }
}
