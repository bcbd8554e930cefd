package io.ablate4j.training;

import io.ablate4j.training.lean.BnCaches;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Measures {@link BnDiagnostics}: train-mode accuracy and the BN variance shift.
 *
 * <p>Train-mode accuracy runs {@code net.output(x, true)} over the split in chunks of the training batch size:
 * BN normalizes each chunk with its own batch statistics, so the number depends on the batch size (a last,
 * smaller chunk is included as it is), and dropout masks are drawn from the calling thread's ND4J random
 * generator. That draw moves the random stream the rest of training uses, which is why the diagnostics are
 * opt-in: a trial with them trains differently from one without, though still deterministically per seed.
 *
 * <p>The variance shift feeds the split through in inference mode ({@code feedForward(x, false)}; no RNG use),
 * takes each BN layer's input, computes its variance per feature (per column for dense input, per channel over
 * examples, height and width for [n, c, h, w] input), and divides by the running variance + eps the layer
 * normalizes with at inference: {@code 10^(2·log10stdev)} with DL4J's default {@code useLogStd}, else
 * {@code var + eps}.
 */
public final class BnProbe {
    private BnProbe() {
    }

    /**
     * Diagnostics of the network's current state on {@code data}, whose inference-mode accuracy the caller has
     * already measured this epoch ({@code inference}).
     */
    public static BnDiagnostics measure(MultiLayerNetwork net, DataSet data, double inference, int batchSize, int epoch) {
        double trainMode = trainModeAccuracy(net, data, batchSize);
        List<Double> perLayer = varianceShift(net, data.getFeatures());
        double mean = perLayer.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        return new BnDiagnostics(epoch, inference, trainMode, mean, perLayer);
    }

    /** Accuracy with dropout active and BN batch statistics, in chunks of {@code batchSize}. */
    static double trainModeAccuracy(MultiLayerNetwork net, DataSet data, int batchSize) {
        return Evaluation.lossAndAccuracy(net, data, true, batchSize)[1];
    }

    /** Per BN layer: mean over features of (inference-mode input variance / running variance + eps). */
    static List<Double> varianceShift(MultiLayerNetwork net, INDArray features) {
        List<Double> shifts = new ArrayList<>();
        if (features.size(0) < 2) {
            return shifts;
        }
        List<INDArray> activations = net.feedForward(features, false);
        BnCaches.release(net);
        Layer[] layers = net.getLayers();
        for (int i = 0; i < layers.length; i++) {
            if (!(layers[i] instanceof BatchNormalization bn)) {
                continue;
            }
            INDArray input = activations.get(i).castTo(DataType.DOUBLE);
            INDArray variance = perFeatureVariance(input);
            INDArray running = runningVariance(bn);
            shifts.add(variance.div(running).meanNumber().doubleValue());
        }
        return shifts;
    }

    /** Population variance per column (2D) or per channel over n, h, w (4D [n, c, h, w]). */
    static INDArray perFeatureVariance(INDArray input) {
        if (input.rank() == 2) {
            return input.var(false, 0);
        }
        if (input.rank() == 4) {
            return input.var(false, 0, 2, 3);
        }
        throw new IllegalArgumentException("BN input of rank " + input.rank() + " is not supported");
    }

    /** The variance + eps the layer divides by at inference. */
    static INDArray runningVariance(BatchNormalization bn) {
        Map<String, INDArray> params = bn.paramTable();
        var conf = (org.deeplearning4j.nn.conf.layers.BatchNormalization) bn.conf().getLayer();
        INDArray running;
        if (params.containsKey("log10stdev")) {
            // std = sqrt(var + eps), stored as log10(std): var + eps = 10^(2·log10stdev).
            INDArray twiceLog = params.get("log10stdev").castTo(DataType.DOUBLE).mul(2);
            running = Transforms.pow(Nd4j.valueArrayOf(twiceLog.shape(), 10.0, DataType.DOUBLE), twiceLog, false);
        } else if (params.containsKey("var")) {
            running = params.get("var").castTo(DataType.DOUBLE).add(conf.getEps());
        } else {
            throw new IllegalStateException("BN layer without a running variance parameter: " + params.keySet());
        }
        return running.reshape(running.length());
    }
}
