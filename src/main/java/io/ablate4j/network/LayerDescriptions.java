package io.ablate4j.network;

import java.util.Locale;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.dropout.AlphaDropout;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.dropout.GaussianDropout;
import org.deeplearning4j.nn.conf.dropout.IDropout;
import org.deeplearning4j.nn.conf.dropout.SpatialDropout;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;

/** Short human-readable layer names for {@code plan} output; dropout is shown as its drop probability. */
final class LayerDescriptions {
    private LayerDescriptions() {
    }

    static String of(Layer layer) {
        if (layer instanceof DropoutLayer d) {
            return dropout(d.getIDropout());
        }
        if (layer instanceof BatchNormalization) {
            return "BN";
        }
        if (layer instanceof ActivationLayer a) {
            return name(a.getActivationFn().toString());
        }
        if (layer instanceof ConvolutionLayer c) {
            return "Conv" + c.getKernelSize()[0] + "x" + c.getKernelSize()[1] + "(" + c.getNOut() + ", "
                    + name(c.getActivationFn().toString())
                    + (c.getStride()[0] != 1 || c.getStride()[1] != 1 ? ", stride " + c.getStride()[0] : "")
                    + (c.getConvolutionMode() == ConvolutionMode.Truncate ? ", valid" : "") + ")";
        }
        if (layer instanceof SubsamplingLayer s) {
            return (s.getPoolingType() == org.deeplearning4j.nn.conf.layers.PoolingType.AVG ? "AvgPool" : "MaxPool")
                    + s.getKernelSize()[0] + (s.getConvolutionMode() == ConvolutionMode.Same ? "(same)" : "");
        }
        if (layer instanceof OutputLayer o) {
            // "LossMSE" → "mse"; softmax cross-entropy, the classifier's, goes unnamed
            String loss = o.getLossFn() == null || o.getLossFn() instanceof org.nd4j.linalg.lossfunctions.impl.LossMCXENT
                    ? "" : o.getLossFn().getClass().getSimpleName().replaceFirst("^Loss", "").toLowerCase(Locale.ROOT);
            return "Output(" + o.getNIn() + "→" + o.getNOut() + ", " + (o.getActivationFn() instanceof
                    org.nd4j.linalg.activations.impl.ActivationSoftmax ? "softmax" : "linear")
                    + (loss.isEmpty() ? "" : ", " + loss) + ")";
        }
        if (layer instanceof DenseLayer d) {
            return "Dense(" + d.getNIn() + "→" + d.getNOut() + ", " + name(d.getActivationFn().toString()) + ")";
        }
        return layer.getClass().getSimpleName();
    }

    private static String dropout(IDropout d) {
        if (d instanceof Dropout x) {
            return "Dropout(drop " + fmt(1 - x.getP()) + ")";
        }
        if (d instanceof GaussianDropout g) {
            return "GaussianDropout(rate " + fmt(g.getRate()) + ")";
        }
        if (d instanceof AlphaDropout a) {
            return "AlphaDropout(drop " + fmt(1 - a.getP()) + ")";
        }
        if (d instanceof SpatialDropout s) {
            return "SpatialDropout(drop " + fmt(1 - s.getP()) + ")";
        }
        return String.valueOf(d);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.3g", v).replaceFirst("\\.?0+$", "");
    }

    private static String name(String activation) {
        return activation.replace("()", "").toLowerCase(Locale.ROOT);
    }
}
