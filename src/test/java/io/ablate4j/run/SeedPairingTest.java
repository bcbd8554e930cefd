package io.ablate4j.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.ablate4j.config.ConfigLoader;
import io.ablate4j.data.BatchIterator;
import io.ablate4j.data.DataCache;
import io.ablate4j.data.LoadedData;
import io.ablate4j.sweep.Plan;
import io.ablate4j.sweep.SweepExpander;
import io.ablate4j.sweep.Variant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;

/**
 * What a seed controls, which the report's paired comparisons rely on: trials of different variants with the same
 * seed share the data split (drawn from {@code dataset.splitSeed}), the minibatch order and the augmentation draws;
 * another seed changes the minibatches.
 */
class SeedPairingTest {
    private final DataCache cache = new DataCache();

    private static final String YAML = """
            name: pairing
            dataset: {name: fashion-mnist, trainSize: 300, validationSize: 100, testSize: 100,
                      augment: {shiftPixels: 2, flipHorizontal: true}}
            model: {type: mlp, hidden: [16]}
            training: {epochs: 1, batchSize: 64}
            seeds: [1, 2]
            sweep:
              axes:
                model.dropout: [0.0, 0.5]
                model.batchNorm: [none, before-activation]
                regularization.l2: [0, 0.001]
            """;

    @Test
    void sameSeedSameDataAndMinibatchesAcrossVariants() {
        Plan plan = SweepExpander.expand(ConfigLoader.parse("pairing.yaml", YAML));
        List<Variant> variants = plan.variants();
        assertEquals(8, variants.size());
        LoadedData first = cache.load(variants.get(0).config().dataset());
        List<String> seed1 = epoch(variants.get(0), first, 1);
        for (Variant v : variants) {
            LoadedData data = cache.load(v.config().dataset());
            assertEquals(first.train().getFeatures(), data.train().getFeatures(), v.axisValues().toString());
            assertEquals(first.test().getFeatures(), data.test().getFeatures(), v.axisValues().toString());
            assertEquals(first.validation().getLabels(), data.validation().getLabels(), v.axisValues().toString());
            assertEquals(seed1, epoch(v, data, 1), "minibatches of seed 1 in " + v.axisValues());
        }
        assertNotEquals(seed1, epoch(variants.get(0), first, 2), "another seed, other minibatches");
    }

    /** One epoch's minibatches, each as a digest of its (augmented) features and labels. */
    private static List<String> epoch(Variant v, LoadedData data, long seed) {
        BatchIterator it = TrialRunner.batches(v.config(), data, seed);
        List<String> out = new ArrayList<>();
        while (it.hasNext()) {
            DataSet b = it.next();
            out.add(b.getFeatures().sumNumber().doubleValue() + "/" + b.getFeatures().mul(b.getFeatures()).sumNumber()
                    + "/" + b.getLabels().argMax(1));
        }
        return out;
    }
}
