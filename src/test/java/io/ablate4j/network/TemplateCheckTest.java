package io.ablate4j.network;

import static io.ablate4j.network.NetworkFactoryTest.variant;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ablate4j.config.VariantConfig;
import java.util.List;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.regularization.L2Regularization;

/** The check a java template's network must pass, held against ablate4j's own templates and against broken ones. */
class TemplateCheckTest {
    /** The factory's own networks satisfy the check in every placement: the check and the factory agree. */
    @ParameterizedTest
    @CsvSource({
            "'type: mlp, hidden: [8, 4]', ''",
            "'type: mlp, hidden: [8, 4], dropout: 0.5, inputDropout: 0.2', 'l2: 1e-4'",
            "'type: mlp, hidden: [8, 4], dropout: 0.3, batchNorm: before-activation', 'weightDecay: 0.1'",
            "'type: mlp, hidden: [8, 4], dropout: 0.3, batchNorm: before-activation, dropoutPosition: before-bn', 'l1: 1e-5'",
            "'type: mlp, hidden: [8, 4], dropout: 0.3, batchNorm: after-activation, dropoutPosition: before-bn', 'maxNorm: 3'",
            "'type: mlp, hidden: [8, 4], layerDropout: [0.1, 0.4], batchNorm: after-activation', ''",
            "'type: cnn, conv: [{filters: 4}], hidden: [8], dropout: 0.2, dropoutType: spatial, batchNorm: before-activation', ''",
            "'type: mlp, hidden: [8], dropout: 0.2, dropoutType: gaussian', ''",
    })
    void ablate4jsOwnNetworksPass(String model, String regularization) {
        VariantConfig v = variant(model, regularization);
        MultiLayerConfiguration conf = NetworkFactory.build(v, 784, 10, 7);
        assertEquals(List.of(), TemplateCheck.problems(conf, TrialFactors.of(v, 784, 10, 7)));
    }

    @Test
    void contradictionsAreEachNamed() {
        VariantConfig asked = variant("type: mlp, hidden: [8, 4], dropout: 0.5, batchNorm: before-activation, "
                + "dropoutPosition: before-bn", "l2: 1e-4");
        VariantConfig built = variant("type: mlp, hidden: [8, 4], dropout: 0.2, batchNorm: after-activation", "");
        List<String> problems = TemplateCheck.problems(NetworkFactory.build(built, 784, 10, 1),
                TrialFactors.of(asked, 784, 3, 2));
        String all = String.join("\n", problems);
        for (String part : List.of("its seed is 1, the trial's 2", "drops 0.2", "no dropout layer drops 0.5",
                "sits after-activation", "no dropout layer sits right before a BN layer", "no layer has the l2 1.0E-4",
                "its output layer has 10 outputs; the data has 3 classes")) {
            assertTrue(all.contains(part), () -> "expected '" + part + "' in:\n" + all);
        }
        VariantConfig plain = variant("type: mlp, hidden: [8]", "");
        String extra = String.join("\n", TemplateCheck.problems(NetworkFactory.build(variant("type: mlp, hidden: "
                + "[8], batchNorm: after-activation", "l2: 0.01"), 784, 10, 1), TrialFactors.of(plain, 784, 10, 1)));
        assertTrue(extra.contains("has batch normalization (layer 1) but the trial asks for batchNorm: none")
                && extra.contains("has l2 0.01; the trial asks for l2 0.0 (none)"), extra);
    }

    /**
     * The convention behind the Keras l2 conversion: DL4J's (and ablate4j's) l2 adds {@code l2·w} to the gradient,
     * where Keras' {@code l2·Σw²} loss term adds {@code 2·l2·w}.
     */
    @Test
    void dl4jsL2AddsItsCoefficientTimesTheWeightToTheGradient() {
        var w = Nd4j.createFromArray(new float[]{0.5f, -2f, 3f}).castTo(DataType.FLOAT);
        var g = Nd4j.zeros(DataType.FLOAT, 3);
        new L2Regularization(0.1).apply(w, g, 1e-3, 0, 0);
        assertEquals(0.05, g.getDouble(0), 1e-7);
        assertEquals(-0.2, g.getDouble(1), 1e-7);
        assertEquals(0.5 * 0.1 * (0.25 + 4 + 9), new L2Regularization(0.1).score(w, 0, 0), 1e-6);
    }
}
