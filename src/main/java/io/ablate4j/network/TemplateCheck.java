package io.ablate4j.network;

import io.ablate4j.config.Enums.BatchNorm;
import io.ablate4j.config.Enums.DropoutPosition;
import io.ablate4j.config.ModelConfig;
import io.ablate4j.config.RawConfig;
import io.ablate4j.config.RegularizationConfig;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.deeplearning4j.nn.api.layers.LayerConstraint;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.constraint.MaxNormConstraint;
import org.deeplearning4j.nn.conf.dropout.AlphaDropout;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.dropout.GaussianDropout;
import org.deeplearning4j.nn.conf.dropout.IDropout;
import org.deeplearning4j.nn.conf.dropout.SpatialDropout;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.learning.regularization.L1Regularization;
import org.nd4j.linalg.learning.regularization.L2Regularization;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.linalg.learning.regularization.WeightDecay;

/**
 * Does a template's network do what the trial's factors ask? Checked on the returned configuration, before
 * anything trains: every drop rate asked has a dropout of that rate and type and there is no other; batch norm is
 * there exactly when asked, on the side of the activation asked, and ordered against dropout as asked; each
 * penalty asked is on some layer with its coefficient and none that was not asked is anywhere; the seed and the
 * number of outputs are the trial's. Which block gets which rate is the template's business (only it knows its
 * blocks).
 */
final class TemplateCheck {
    private static final double EPS = 1e-12;

    private TemplateCheck() {
    }

    static List<String> problems(MultiLayerConfiguration conf, TrialFactors f) {
        List<String> problems = new ArrayList<>();
        List<Layer> layers = new ArrayList<>();
        conf.getConfs().forEach(c -> layers.add(c.getLayer()));
        if (layers.isEmpty()) {
            return List.of("it has no layers");
        }
        long seed = conf.getConf(0).getSeed();
        if (seed != f.seed()) {
            problems.add("its seed is " + seed + ", the trial's " + f.seed() + " (set .seed(factors.seed()) on the "
                    + "NeuralNetConfiguration.Builder, or every replicate trains the same network)");
        }
        dropout(layers, f.model(), problems);
        batchNorm(layers, f.model(), problems);
        penalties(layers, f.regularization(), problems);
        Layer last = layers.get(layers.size() - 1);
        if (!(last instanceof BaseOutputLayer out)) {
            problems.add("its last layer is " + LayerDescriptions.of(last) + ", not an output layer");
        } else if (out.getNOut() != f.numOutputs()) {
            problems.add("its output layer has " + out.getNOut() + " outputs; the data has " + f.numOutputs()
                    + (f.regression() ? " (a regression)" : " classes") + " (use factors.numOutputs())");
        }
        return problems;
    }

    private static void dropout(List<Layer> layers, ModelConfig m, List<String> problems) {
        Set<Double> asked = new LinkedHashSet<>();
        if (m.inputDropout() > 0) {
            asked.add(m.inputDropout());
        }
        if (m.layerDropout().isEmpty()) {
            if (m.dropout() > 0) {
                asked.add(m.dropout());
            }
        } else {
            m.layerDropout().stream().filter(r -> r > 0).forEach(asked::add);
        }
        Set<Double> found = new LinkedHashSet<>();
        for (int i = 0; i < layers.size(); i++) {
            Layer l = layers.get(i);
            IDropout d = l.getIDropout();
            if (d == null) {
                continue;
            }
            if (l instanceof BatchNormalization || l instanceof ActivationLayer) {
                problems.add("layer " + i + " (" + LayerDescriptions.of(l) + ") carries a dropout, which DL4J ignores "
                        + "on batch-norm and activation layers; use a DropoutLayer (factors.dropoutLayer(block))");
                continue;
            }
            String kind = kind(d);
            boolean typeOk = switch (m.dropoutType()) {
                case BERNOULLI -> kind.equals("bernoulli");
                case GAUSSIAN -> kind.equals("gaussian");
                case ALPHA -> kind.equals("alpha");
                case SPATIAL -> kind.equals("spatial") || kind.equals("bernoulli");
            };
            if (!typeOk) {
                problems.add("layer " + i + " has " + kind + " dropout; the trial asks for dropoutType "
                        + m.dropoutType().yamlName());
            }
            double rate = Dropouts.dropRate(d);
            Double match = asked.stream().filter(a -> Math.abs(a - rate) < 1e-9).findFirst().orElse(null);
            if (match == null) {
                problems.add("layer " + i + " drops " + shown(rate) + " (DL4J retain " + shown(1 - rate) + "), a rate the trial "
                        + "does not ask for (asked: " + (asked.isEmpty() ? "no dropout" : asked) + "; take rates "
                        + "from factors.dropout(block), never as literals)");
            } else {
                found.add(match);
            }
        }
        for (double a : asked) {
            if (!found.contains(a)) {
                problems.add("no dropout layer drops " + a + ", which the trial asks for (model.dropout, "
                        + "layerDropout or inputDropout)");
            }
        }
    }

    /** A probability as a person writes it (0.2, not 0.19999999999999996). */
    private static String shown(double p) {
        return RawConfig.renderNumber(Math.round(p * 1e9) / 1e9);
    }

    private static String kind(IDropout d) {
        return d instanceof Dropout ? "bernoulli" : d instanceof GaussianDropout ? "gaussian"
                : d instanceof AlphaDropout ? "alpha" : d instanceof SpatialDropout ? "spatial"
                : d.getClass().getSimpleName();
    }

    private static void batchNorm(List<Layer> layers, ModelConfig m, List<String> problems) {
        List<Integer> bns = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            if (layers.get(i) instanceof BatchNormalization) {
                bns.add(i);
            }
        }
        if (m.batchNorm() == BatchNorm.NONE) {
            if (!bns.isEmpty()) {
                problems.add("it has batch normalization (layer " + bns.get(0) + ") but the trial asks for "
                        + "batchNorm: none");
            }
            return;
        }
        if (bns.isEmpty()) {
            problems.add("it has no BatchNormalization layer but the trial asks for batchNorm: "
                    + m.batchNorm().yamlName());
            return;
        }
        for (int i : bns) {
            int p = i - 1;
            boolean dropoutJustBefore = p >= 0 && layers.get(p) instanceof DropoutLayer;
            if (dropoutJustBefore && m.dropoutPosition() == DropoutPosition.AFTER_BN) {
                problems.add("layer " + p + " is a dropout right before the BN at layer " + i + "; the trial asks for "
                        + "dropoutPosition: after-bn");
            }
            while (p >= 0 && layers.get(p) instanceof DropoutLayer) {
                p--;
            }
            if (p < 0) {
                continue;
            }
            Layer before = layers.get(p);
            boolean linear = before instanceof FeedForwardLayer ff && !(before instanceof BatchNormalization)
                    && ff.getActivationFn() instanceof ActivationIdentity;
            BatchNorm placed = linear ? BatchNorm.BEFORE_ACTIVATION : BatchNorm.AFTER_ACTIVATION;
            if (placed != m.batchNorm()) {
                problems.add("the BN at layer " + i + " sits " + placed.yamlName() + " (after "
                        + LayerDescriptions.of(before) + "); the trial asks for batchNorm: " + m.batchNorm().yamlName()
                        + " (use factors.weightActivation(act) and factors.afterWeights(block, act))");
            }
        }
        boolean blockDropout = m.dropout() > 0 && m.layerDropout().isEmpty()
                || m.layerDropout().stream().anyMatch(r -> r > 0);
        if (m.dropoutPosition() == DropoutPosition.BEFORE_BN && blockDropout
                && bns.stream().noneMatch(i -> i > 0 && layers.get(i - 1) instanceof DropoutLayer)) {
            problems.add("no dropout layer sits right before a BN layer; the trial asks for dropoutPosition: "
                    + "before-bn");
        }
    }

    private static void penalties(List<Layer> layers, RegularizationConfig reg, List<String> problems) {
        penalty(layers, "l1", reg.l1(), r -> r instanceof L1Regularization x ? x.getL1().valueAt(0, 0) : null,
                problems);
        penalty(layers, "l2", reg.l2(), r -> r instanceof L2Regularization x ? x.getL2().valueAt(0, 0) : null,
                problems);
        penalty(layers, "weightDecay", reg.weightDecay(),
                r -> r instanceof WeightDecay x ? x.getCoeff().valueAt(0, 0) : null, problems);
        boolean maxNorm = false;
        for (Layer l : layers) {
            if (l.getConstraints() != null) {
                for (LayerConstraint c : l.getConstraints()) {
                    maxNorm |= c instanceof MaxNormConstraint;
                }
            }
        }
        if (maxNorm != (reg.maxNorm() > 0)) {
            problems.add(reg.maxNorm() > 0 ? "no layer has the max-norm constraint " + reg.maxNorm() + " the trial "
                    + "asks for (factors.regularize(builder))" : "it has a max-norm constraint the trial does not ask for");
        }
    }

    private static void penalty(List<Layer> layers, String name, double asked,
                                java.util.function.Function<Regularization, Double> coefficient,
                                List<String> problems) {
        boolean seen = false;
        for (int i = 0; i < layers.size(); i++) {
            if (!(layers.get(i) instanceof BaseLayer b) || b.getRegularization() == null) {
                continue;
            }
            for (Regularization r : b.getRegularization()) {
                Double c = coefficient.apply(r);
                if (c == null) {
                    continue;
                }
                seen = true;
                if (Math.abs(c - asked) > EPS * Math.max(1, asked)) {
                    problems.add("layer " + i + " has " + name + " " + c + "; the trial asks for " + name + " "
                            + asked + (asked == 0 ? " (none)" : "") + " (factors.regularize(builder))");
                }
            }
        }
        if (asked > 0 && !seen) {
            problems.add("no layer has the " + name + " " + asked + " the trial asks for (factors.regularize(builder))");
        }
    }
}
