package io.ablate4j.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ablate4j.config.ConfigLoader;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SweepExpanderTest {
    static final String BASE = """
            name: s
            dataset: {name: synthetic, trainSize: 100, validationSize: 20, testSize: 50}
            model: {type: mlp, hidden: [8], dropout: 0.0}
            regularization: {l2: 0}
            training: {epochs: 1}
            seeds: [1, 2, 3]
            """;

    static Plan plan(String yaml) {
        return SweepExpander.expand(ConfigLoader.parse("s.yaml", yaml));
    }

    @Test
    void gridIsTheCartesianProductTimesSeeds() {
        Plan p = plan(BASE + "sweep: {axes: {model.dropout: [0.0, 0.2, 0.5], regularization.l2: [0, 1e-4]}}\n");
        assertEquals(6, p.variants().size());
        assertEquals(18, p.trials().size());
        assertEquals(List.of("model.dropout", "regularization.l2"), p.axes());
        assertEquals("0.2", p.variants().get(2).axisValues().get("model.dropout"));
        assertEquals("0.0001", p.variants().get(3).axisValues().get("regularization.l2"));
        assertEquals(0.5, p.variants().get(5).config().model().dropout());
        Set<String> ids = new HashSet<>();
        p.trials().forEach(t -> ids.add(t.id()));
        assertEquals(18, ids.size());
    }

    /** The baseline's axis values, and how it was chosen. */
    private static String baseline(Plan p) {
        return p.baseline().map(Variant::label).orElse("none") + " (" + p.baselineSource() + ")";
    }

    @Test
    void withoutBaselineTheBaseConfigsWrittenValuesChooseIt() {
        // BASE writes dropout 0.0 and l2 0: the variant with those values, wherever it lies in the grid
        Plan p = plan(BASE + "sweep: {axes: {model.dropout: [0.5, 0.0], regularization.l2: [1e-4, 0]}}\n");
        assertEquals("model.dropout=0, regularization.l2=0 (BASE_CONFIG)", baseline(p));
        assertTrue(p.variants().get(3).baseline(), "the last point of the grid");
        assertEquals(1, p.variants().stream().filter(Variant::baseline).count());
    }

    @Test
    void withoutBaselineAnAxisTheBaseConfigLeavesOutTakesItsSchemaDefault() {
        // BASE writes no batchNorm: its default, none, is the second value of the axis
        Plan p = plan(BASE + "sweep: {axes: {model.batchNorm: [before-activation, none]}}\n");
        assertEquals("model.batchNorm=none (BASE_CONFIG)", baseline(p));
        Plan defaults = plan(BASE.replace(", dropout: 0.0", "").replace("regularization: {l2: 0}\n", "")
                + "sweep: {axes: {model.dropout: [0.3, 0], regularization.weightDecay: [1e-4, 0]}}\n");
        assertEquals("model.dropout=0, regularization.weightDecay=0 (BASE_CONFIG)", baseline(defaults));
    }

    @Test
    void whereNoVariantHasTheBaseConfigsValuesTheFirstValueOfEachAxisIsTheBaseline() {
        Plan p = plan(BASE + "sweep: {axes: {model.dropout: [0.2, 0.5], regularization.l2: [0, 1e-4]}}\n");
        assertEquals("model.dropout=0.2, regularization.l2=0 (FIRST_VALUES)", baseline(p));
        assertEquals("baseline: model.dropout=0.2, regularization.l2=0 (no variant has the base config's values; "
                + "the first value of each axis)", p.baselineLine());
    }

    @Test
    void aWrittenBaselineIsThatVariantAndTheAxesItLeavesOutFollowTheRule() {
        Plan full = plan(BASE + "sweep: {axes: {model.dropout: [0.2, 0.5]}}\nbaseline: {model.dropout: 0.5}\n");
        assertEquals("model.dropout=0.5 (WRITTEN)", baseline(full));
        assertEquals("baseline: model.dropout=0.5 (as written under baseline:)", full.baselineLine());
        String axes = "sweep: {axes: {model.dropout: [0.2, 0.5], regularization.l2: [1e-4, 0]}}\n";
        Plan partial = plan(BASE + axes + "baseline: {model.dropout: 0.5}\n");
        assertEquals("model.dropout=0.5, regularization.l2=0 (WRITTEN)", baseline(partial), "l2 at the base's 0");
        Plan partialFirst = plan(BASE + axes.replace("[1e-4, 0]", "[1e-4, 1e-3]") + "baseline: {model.dropout: 0.5}\n");
        assertEquals("model.dropout=0.5, regularization.l2=0.0001 (FIRST_VALUES)", baseline(partialFirst));
    }

    @Test
    void baselineNoneTurnsComparisonsOffAndKeepsTheHashOfARunWithoutOne() {
        String axes = "sweep: {axes: {model.dropout: [0.2, 0.5]}}\n";
        Plan none = plan(BASE + axes + "baseline: none\n");
        assertEquals("none (NONE)", baseline(none));
        assertTrue(none.variants().stream().noneMatch(Variant::baseline));
        assertEquals("baseline: none (as the config asks: nothing is compared with a reference)", none.baselineLine());
        Plan chosen = plan(BASE + axes);
        assertNotEquals(none.configHash(), chosen.configHash(), "the baseline is part of what the hash covers");
        assertEquals(none.variants().stream().map(Variant::id).toList(),
                chosen.variants().stream().map(Variant::id).toList(), "the same variants");
    }

    @Test
    void aRandomSweepThatDrewNeitherTheBaseNorTheFirstValuesTakesItsFirstVariant() {
        int firstVariant = 0;
        for (int seed = 0; seed < 30; seed++) {
            Plan p = plan(BASE + "sweep: {mode: random, samples: 2, seed: " + seed + ", axes: {model.dropout: "
                    + "[0.1, 0.2, 0.3], regularization.l2: [1e-4, 1e-3]}}\n");
            boolean drewFirst = p.variants().stream().anyMatch(v -> v.label()
                    .equals("model.dropout=0.1, regularization.l2=0.0001"));
            if (drewFirst) {
                assertEquals("model.dropout=0.1, regularization.l2=0.0001 (FIRST_VALUES)", baseline(p));
            } else {
                firstVariant++;
                assertEquals(p.variants().get(0).label() + " (FIRST_VARIANT)", baseline(p), "seed " + seed);
                assertTrue(p.variants().get(0).baseline());
            }
        }
        assertTrue(firstVariant > 0, "some seed draws neither");
    }

    @Test
    void aWrittenBaselineARandomSweepDidNotDrawIsAnError() {
        for (int seed = 0; seed < 30; seed++) {
            String yaml = BASE + "sweep: {mode: random, samples: 2, seed: " + seed + ", axes: {model.dropout: "
                    + "[0.1, 0.2, 0.3], regularization.l2: [1e-4, 1e-3]}}\nbaseline: {model.dropout: 0.3, "
                    + "regularization.l2: 1e-3}\n";
            Plan p;
            try {
                p = plan(yaml);
            } catch (io.ablate4j.config.ConfigException e) {
                assertTrue(e.getMessage().startsWith("s.yaml:8: baseline = {model.dropout: 0.3, regularization.l2: "
                        + "0.001}: matches no variant of the random sweep (2 variants)"), e.getMessage());
                return;
            }
            assertEquals("model.dropout=0.3, regularization.l2=0.001 (WRITTEN)", baseline(p));
        }
        throw new AssertionError("no seed left the written baseline out");
    }

    @Test
    void idsAreStableUnderKeyOrderAndNumberSpelling() {
        Plan a = plan(BASE + "sweep: {axes: {model.dropout: [0.5]}}\n");
        Plan b = plan(BASE.replace("model: {type: mlp, hidden: [8], dropout: 0.0}", "model: {dropout: 0, hidden: [8], type: mlp}")
                + "sweep: {axes: {model.dropout: [5e-1]}}\n");
        assertEquals(a.trials().get(0).id(), b.trials().get(0).id());
        assertEquals(a.configHash(), b.configHash());
        Plan c = plan(BASE + "sweep: {axes: {model.dropout: [0.4]}}\n");
        assertNotEquals(a.trials().get(0).id(), c.trials().get(0).id());
    }

    @Test
    void idsAreFixedAcrossVersionsOfThisCode() {
        // Sealed: an id change silently breaks resuming every existing run directory.
        Plan p = plan(BASE);
        assertEquals(1, p.variants().size());
        assertEquals(p.variants().get(0).id(), Ids.hash(Ids.canonicalJson(p.variants().get(0).config().toMap())));
        assertEquals(12, p.trials().get(0).id().length());
    }

    @Test
    void randomModeDrawsDistinctPointsDeterministically() {
        String yaml = BASE + "sweep: {mode: random, samples: 4, seed: 7, axes: {model.dropout: [0.0, 0.1, 0.2, 0.3],"
                + " regularization.l2: [0, 1e-4, 1e-3]}}\n";
        Plan a = plan(yaml);
        Plan b = plan(yaml);
        assertEquals(4, a.variants().size());
        assertEquals(a.variants().stream().map(Variant::id).toList(), b.variants().stream().map(Variant::id).toList());
        Plan c = plan(yaml.replace("seed: 7", "seed: 8"));
        assertNotEquals(a.variants().stream().map(Variant::id).toList(), c.variants().stream().map(Variant::id).toList());
    }

    /** 10 × 10 × 8 × 6 × 3 × 3 × 3 × 2 = 259,200 grid points: the grid that once ran validate out of memory. */
    static final String HUGE_AXES = "{model.dropout: [0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.85], "
            + "regularization.l2: [0, 1e-6, 1e-5, 3e-5, 1e-4, 3e-4, 1e-3, 3e-3, 1e-2, 3e-2], "
            + "training.optimizer.learningRate: [1e-4, 2e-4, 5e-4, 1e-3, 2e-3, 5e-3, 1e-2, 2e-2], "
            + "training.batchSize: [8, 16, 32, 64, 128, 256], training.epochs: [1, 2, 3], regularization.l1: [0, "
            + "1e-5, 1e-4], model.hidden: [[8], [16], [32]], dataset.trainSize: [100, 90]}";

    @Test
    void aGridAboveTheLimitIsCountedAndRefusedWithTheFixNotExpanded() {
        long start = System.nanoTime();
        io.ablate4j.config.ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(
                io.ablate4j.config.ConfigException.class, () -> plan(BASE + "sweep: {axes: " + HUGE_AXES + "}\n"));
        double seconds = (System.nanoTime() - start) / 1e9;
        assertTrue(e.getMessage().contains("s.yaml:") && e.getMessage().contains("sweep.axes"), e.getMessage());
        assertTrue(e.getMessage().contains("259,200 variants (10 × 10 × 8 × 6 × 3 × 3 × 3 × 2) × 3 seeds = 777,600 "
                + "trials, above the 10,000 variants a run expands"), e.getMessage());
        assertTrue(e.getMessage().contains("mode: random, samples: N"), e.getMessage());
        // counted, not expanded: a full expansion took minutes and ran out of memory
        assertTrue(seconds < 10, seconds + " s");
    }

    @Test
    void aBadValueOfAGridAboveTheLimitIsStillLocated() {
        io.ablate4j.config.ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(
                io.ablate4j.config.ConfigException.class, () -> plan(BASE + "sweep: {axes: "
                        + HUGE_AXES.replace("0.85]", "1.0]") + "}\n"));
        assertTrue(e.getMessage().contains("sweep.axes.model.dropout[9]"), e.getMessage());
        assertTrue(!e.getMessage().contains("259,200"), e.getMessage());
    }

    @Test
    void aRandomSweepSamplesAGridAboveTheLimitWithoutListingIt() {
        Plan p = plan(BASE + "sweep: {mode: random, samples: 40, seed: 3, axes: " + HUGE_AXES + "}\n");
        assertEquals(40, p.variants().size());
        assertEquals(120, p.trials().size());
        assertEquals(40, new HashSet<>(p.variants().stream().map(Variant::id).toList()).size());
    }

    @Test
    void aRandomSweepDrawsTheIndicesShufflingEveryIndexWouldDraw() {
        java.util.Map<String, List<Object>> axes = new java.util.LinkedHashMap<>();
        axes.put("a", List.of(1, 2, 3, 4, 5, 6, 7));
        axes.put("b", List.of("x", "y", "z"));
        axes.put("c", List.of(10, 20, 30, 40, 50));
        // the draw as it was made before points were decoded from indices: shuffle every index, keep the first k
        List<Integer> order = new java.util.ArrayList<>();
        for (int i = 0; i < 105; i++) {
            order.add(i);
        }
        java.util.Collections.shuffle(order, io.ablate4j.random.Prng.lcg(42));
        List<Integer> chosen = new java.util.ArrayList<>(order.subList(0, 9));
        java.util.Collections.sort(chosen);
        List<java.util.Map<String, Object>> expected = chosen.stream().map(i ->
                java.util.Map.<String, Object>of("a", i / 15 + 1, "b", List.of("x", "y", "z").get(i / 5 % 3),
                        "c", (i % 5 + 1) * 10)).toList();
        List<java.util.Map<String, Object>> drawn = SweepExpander.random(axes, 9, 42);
        assertEquals(expected, drawn);
        // Floyd beyond the shuffle limit: distinct, in grid order, the same for the same seed
        java.util.Map<String, List<Object>> big = new java.util.LinkedHashMap<>();
        List<Object> thousand = new java.util.ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            thousand.add(i);
        }
        big.put("a", thousand);
        big.put("b", thousand);
        big.put("c", thousand);
        assertTrue(SweepExpander.product(big) > SweepExpander.SHUFFLE_LIMIT);
        List<java.util.Map<String, Object>> floyd = SweepExpander.random(big, 50, 5);
        assertEquals(50, new HashSet<>(floyd).size());
        assertEquals(floyd, SweepExpander.random(big, 50, 5));
    }

    @Test
    void oneAtATimeVariesEachAxisAloneAroundTheBaseline() {
        Plan p = plan(BASE + "sweep: {mode: one-at-a-time, axes: {model.dropout: [0.0, 0.2, 0.5], regularization.l2: [0, 1e-4]}}\n");
        // baseline + 2 dropout values + 1 l2 value
        assertEquals(4, p.variants().size());
        assertTrue(p.variants().get(0).baseline());
        assertEquals("0", p.variants().get(3).axisValues().get("model.dropout"));
        assertEquals("0.0001", p.variants().get(3).axisValues().get("regularization.l2"));
    }

    @Test
    void aSectionAxisMovesSeveralKeysTogetherAndKeepsTheRest() {
        Plan p = plan(BASE + "sweep: {axes: {model: [{dropout: 0.0}, {inputDropout: 0.2, dropout: 0.5}],"
                + " regularization.maxNorm: [0, 3]}}\nbaseline: {model: {dropout: 0.0}, regularization.maxNorm: 0}\n");
        assertEquals(4, p.variants().size());
        Variant linked = p.variants().get(2);
        assertEquals("{inputDropout: 0.2, dropout: 0.5}", linked.axisValues().get("model"));
        assertEquals(0.2, linked.config().model().inputDropout());
        assertEquals(0.5, linked.config().model().dropout());
        assertEquals(List.of(8), linked.config().model().hidden(), "keys not named keep the base value");
        assertTrue(p.variants().get(0).baseline());
    }

    @Test
    void noSweepIsOneVariant() {
        Plan p = plan(BASE);
        assertEquals(1, p.variants().size());
        assertEquals(3, p.trials().size());
        assertTrue(p.axes().isEmpty());
    }
}
