package com.example;

import io.ablate4j.network.NetworkTemplate;
import io.ablate4j.network.TrialFactors;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.dropout.IDropout;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * A tapered MLP (128 → 64 → 32, ELU) as a java template: the architecture is this class's, the factors of each trial
 * (drop rates, batch-norm placement, dropout position, penalties, seed, updater, loss) are ablate4j's.
 */
public class TaperedMlp implements NetworkTemplate {
    private static final int[] WIDTHS = {128, 64, 32};

    @Override
    public MultiLayerConfiguration build(TrialFactors f) {
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder()
                .seed(f.seed())
                .dataType(DataType.FLOAT)
                .updater(f.updater())
                .list();
        IDropout input = f.inputDropout();
        if (input != null) {
            list.layer(new DropoutLayer.Builder(input).build());
        }
        for (int block = 0; block < WIDTHS.length; block++) {
            DenseLayer.Builder dense = new DenseLayer.Builder()
                    .nOut(WIDTHS[block])
                    .activation(f.weightActivation(Activation.ELU))   // identity when BN comes before the activation
                    .hasBias(f.weightBias())
                    .weightInit(TrialFactors.weightInit(Activation.ELU));
            f.regularize(dense);
            list.layer(dense.build());
            for (Layer layer : f.afterWeights(block, Activation.ELU)) {   // BN, activation, dropout as asked
                list.layer(layer);
            }
        }
        OutputLayer.Builder out = new OutputLayer.Builder(f.loss())
                .nOut(f.numOutputs())
                .activation(f.outputActivation());
        f.regularize(out);
        list.layer(out.build());
        list.setInputType(InputType.feedForward(f.numInputs()));
        return list.build();
    }
}
