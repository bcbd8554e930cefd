package io.ablate4j.config;

import static io.ablate4j.config.ConfigLoaderTest.MINIMAL;
import static io.ablate4j.config.ConfigLoaderTest.assertMentions;
import static io.ablate4j.config.ConfigLoaderTest.error;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.ablate4j.sweep.Plan;
import io.ablate4j.sweep.SweepExpander;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code seeds: {initial, max, step}}. */
class AdaptiveSeedsConfigTest {
    private static Experiment parse(String seeds) {
        return ConfigLoader.parse("x.yaml", MINIMAL + "seeds: " + seeds + "\n");
    }

    @Test
    void aCountStartsAtSeedOneAndTheSequenceContinuesToMax() {
        Experiment e = parse("{initial: 3, max: 6}");
        assertEquals(List.of(1L, 2L, 3L), e.seeds());
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L), e.allSeeds());
        assertEquals(1, e.adaptive().step());
        assertEquals(List.of(3, 4, 5, 6), e.adaptive().looks());
    }

    @Test
    void aListOfInitialSeedsIsContinuedAfterItsLargest() {
        Experiment e = parse("{initial: [7, 3], max: 5, step: 2}");
        assertEquals(List.of(7L, 3L), e.seeds());
        assertEquals(List.of(7L, 3L, 8L, 9L, 10L), e.allSeeds());
        assertEquals(List.of(2, 4, 5), e.adaptive().looks());
    }

    @Test
    void aPlainListStaysFixed() {
        Experiment e = parse("[4, 5]");
        assertNull(e.adaptive());
        assertEquals(List.of(4L, 5L), e.allSeeds());
    }

    @Test
    void thePlanHoldsTheInitialTrialsAndTheRestInReserve() {
        Plan fixed = SweepExpander.expand(parse("[1, 2, 3]"));
        Plan adaptive = SweepExpander.expand(parse("{initial: 3, max: 5}"));
        assertEquals(3, adaptive.trials().size());
        assertEquals(2, adaptive.reserve().size());
        assertEquals(fixed.trials(), adaptive.trials(), "the initial trials have the ids of a fixed run's");
        assertEquals(List.of(4L, 5L), adaptive.reserve().stream().map(t -> t.seed()).toList());
        // Changing max changes what the run may train: another hash (a run directory refuses to resume under it).
        Plan longer = SweepExpander.expand(parse("{initial: 3, max: 6}"));
        org.junit.jupiter.api.Assertions.assertNotEquals(adaptive.configHash(), longer.configHash());
        org.junit.jupiter.api.Assertions.assertNotEquals(fixed.configHash(), adaptive.configHash());
    }

    @Test
    void badValuesAreLocatedAndExplained() {
        assertMentions(error(MINIMAL + "seeds: {initial: 3}\n"), "x.yaml:5", "seeds.max", "adaptive seeds need",
                "initial", "max");
        assertMentions(error(MINIMAL + "seeds: {initial: 3, max: 3}\n"), "x.yaml:5", "seeds.max = 3",
                "more than the 3 initial seeds");
        assertMentions(error(MINIMAL + "seeds: {initial: 1, max: 5}\n"), "seeds.initial = 1", "[2, 99]");
        assertMentions(error(MINIMAL + "seeds: {initial: [4, 4], max: 5}\n"), "seeds.initial[1] = 4",
                "duplicate seed");
        assertMentions(error(MINIMAL + "seeds: {initial: 3, max: 500}\n"), "seeds.max = 500", "100");
        assertMentions(error(MINIMAL + "seeds: {initial: 3, max: 5, step: 3}\n"), "seeds.step = 3");
        assertMentions(error(MINIMAL + "seeds: {initial: 3, mx: 5}\n"), "seeds.mx", "unknown key",
                "did you mean 'max'?");
    }
}
