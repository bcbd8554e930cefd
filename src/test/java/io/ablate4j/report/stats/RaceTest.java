package io.ablate4j.report.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ablate4j.config.Enums.RaceRule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The decisions of a race ({@link Race}) and, by simulation, what they guarantee. */
class RaceTest {
    private static final int VARIANTS = 27;
    private static final int SEEDS = 5;
    private static final int RUNGS = 2;
    private static final int GRIDS = 2000;

    /**
     * Simulated grids of paired normal scores: 27 variants, 5 seeds, 2 deciding rungs. Variant 0 is truly best by
     * 0.1 standard deviations of a trial's score, the others tie behind it, so the leader is usually one of them and
     * chosen for its lucky seeds: the worst case for the best variant. A seed effect shared by all variants (the
     * pairing) and per-trial noise correlated across rungs (ρ = 0.5). With the race's correction the best variant
     * leaves in at most α of the grids; with each test at α uncorrected it leaves far more often, so this test can
     * fail.
     */
    @Test
    void theTrulyBestLeavesWithProbabilityAtMostAlphaOnlyWithTheCorrection() {
        Race.Design design = new Race.Design(RaceRule.TEST, 0.05, 3, VARIANTS, RUNGS);
        double corrected = bestEliminated(design, design.level(), 2026);
        double uncorrected = bestEliminated(design, design.alpha(), 2026);
        System.out.printf("P(truly best eliminated): corrected %.4f, uncorrected %.4f (alpha %.2f, %d grids)%n",
                corrected, uncorrected, design.alpha(), GRIDS);
        assertTrue(corrected <= design.alpha(), "corrected: " + corrected);
        assertTrue(uncorrected > design.alpha(), "uncorrected: " + uncorrected);
    }

    /** The share of simulated grids whose truly best variant (id "v0") leaves the race at some rung. */
    private static double bestEliminated(Race.Design design, double level, long seed) {
        Random rng = new Random(seed);
        int eliminated = 0;
        for (int grid = 0; grid < GRIDS; grid++) {
            double[][] noise = new double[VARIANTS][SEEDS];
            double[] seedEffect = new double[SEEDS];
            for (int s = 0; s < SEEDS; s++) {
                seedEffect[s] = rng.nextGaussian() * 2;
            }
            List<String> alive = new ArrayList<>();
            for (int v = 0; v < VARIANTS; v++) {
                alive.add("v" + v);
            }
            boolean lost = false;
            for (int rung = 1; rung <= RUNGS && !lost; rung++) {
                Map<String, Map<Long, Double>> scores = new LinkedHashMap<>();
                for (int v = 0; v < VARIANTS; v++) {
                    for (int s = 0; s < SEEDS; s++) {
                        noise[v][s] = rung == 1 ? rng.nextGaussian()
                                : 0.5 * noise[v][s] + Math.sqrt(0.75) * rng.nextGaussian();
                    }
                    if (!alive.contains("v" + v)) {
                        continue;
                    }
                    Map<Long, Double> bySeed = new LinkedHashMap<>();
                    double mean = (v == 0 ? 0.1 : 0) + 0.05 * rung;
                    for (int s = 0; s < SEEDS; s++) {
                        bySeed.put((long) s, mean + seedEffect[s] + noise[v][s]);
                    }
                    scores.put("v" + v, bySeed);
                }
                Race.Rung r = Race.decide(design, level, rung, rung, scores, true, Map.of());
                for (Race.Standing st : r.standings()) {
                    if (st.leaves()) {
                        alive.remove(st.variant());
                        lost |= st.variant().equals("v0");
                    }
                }
            }
            eliminated += lost ? 1 : 0;
        }
        return eliminated / (double) GRIDS;
    }

    @Test
    void theLevelIsAlphaOverRivalsTimesRungs() {
        assertEquals(0.05 / (26 * 2), new Race.Design(RaceRule.TEST, 0.05, 3, 27, 2).level(), 1e-15);
    }

    @Test
    void pairedOneSidedPMatchesTheTDistribution() {
        // d = [1, 2, 3]: t = 2 / (1 / √3) = 3.4641 with 2 df; P(T ≥ t) = (1 − t / √(t² + 2)) / 2 = 0.037090
        assertEquals(0.0370900, Race.pWorse(new double[] {1, 2, 3}), 1e-6);
        assertEquals(0, Race.pWorse(new double[] {0.5, 0.5, 0.5}), 0);
        assertEquals(1, Race.pWorse(new double[] {0, 0, 0}), 0);
    }

    @Test
    void aClearlyWorseVariantLeavesAndTheLeaderStays() {
        Map<String, Map<Long, Double>> scores = new LinkedHashMap<>();
        scores.put("a", Map.of(1L, 0.80, 2L, 0.81, 3L, 0.79, 4L, 0.80, 5L, 0.82));
        scores.put("b", Map.of(1L, 0.50, 2L, 0.52, 3L, 0.49, 4L, 0.51, 5L, 0.50));
        scores.put("c", Map.of(1L, 0.79, 2L, 0.82, 3L, 0.78, 4L, 0.81, 5L, 0.81));
        Race.Rung r = Race.decide(new Race.Design(RaceRule.TEST, 0.05, 3, 3, 1), 1, 2, scores, true, Map.of());
        assertEquals("a", r.leader());
        Map<String, Race.Outcome> outcome = new LinkedHashMap<>();
        r.standings().forEach(s -> outcome.put(s.variant(), s.outcome()));
        assertEquals(Map.of("a", Race.Outcome.STAYS, "b", Race.Outcome.WORSE, "c", Race.Outcome.STAYS), outcome);
        assertEquals("a", r.standings().get(0).variant());
        assertEquals(0.3, r.standings().stream().filter(s -> s.variant().equals("b")).findFirst().orElseThrow()
                .behind(), 1e-9);
    }

    @Test
    void lowerIsBetterForRmseAndBrokenVariantsLeaveWithoutATest() {
        Map<String, Map<Long, Double>> scores = new LinkedHashMap<>();
        scores.put("a", Map.of(1L, 3.0, 2L, 3.1));
        scores.put("b", Map.of(1L, 2.0, 2L, 2.2));
        scores.put("c", Map.of(1L, 1.0, 2L, 1.0));
        Race.Rung r = Race.decide(new Race.Design(RaceRule.TEST, 0.05, 3, 3, 1), 1, 2, scores, false,
                Map.of("c", Race.Outcome.DIVERGED));
        assertEquals("b", r.leader());
        assertEquals(Race.Outcome.DIVERGED, r.standings().get(2).outcome());
    }

    @Test
    void ruleTopKeepsTheBestThirdWithEtaThree() {
        Map<String, Map<Long, Double>> scores = new LinkedHashMap<>();
        for (int v = 0; v < 9; v++) {
            scores.put("v" + v, Map.of(1L, v / 10.0, 2L, v / 10.0 + 0.01));
        }
        Race.Rung r = Race.decide(new Race.Design(RaceRule.TOP, 0.05, 3, 9, 1), 1, 1, scores, true, Map.of());
        assertEquals(List.of("v8", "v7", "v6"), r.standings().stream().filter(s -> !s.leaves())
                .map(Race.Standing::variant).toList());
        assertEquals(6, r.standings().stream().filter(s -> s.outcome() == Race.Outcome.NOT_TOP).count());
    }

    @Test
    void noScoresNoLeader() {
        Map<String, Map<Long, Double>> scores = new LinkedHashMap<>();
        scores.put("a", Map.of(1L, Double.NaN));
        scores.put("b", Map.of(1L, Double.NaN));
        Race.Rung r = Race.decide(new Race.Design(RaceRule.TEST, 0.05, 3, 2, 1), 1, 1, scores, true, Map.of());
        assertNull(r.leader());
        assertTrue(r.standings().stream().noneMatch(Race.Standing::leaves));
    }
}
