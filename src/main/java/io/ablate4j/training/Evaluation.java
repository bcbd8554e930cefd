package io.ablate4j.training;

import io.ablate4j.training.lean.BnCaches;
import io.ablate4j.training.lean.TrainingStep;
import java.lang.ref.Reference;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarMax;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;
import java.util.function.UnaryOperator;

/**
 * Inference-mode loss and accuracy. The loss is computed here rather than with {@code net.score(ds)} because
 * DL4J's score adds the L1/L2 penalty, which would make losses of different regularization strengths
 * incomparable. Probabilities are clipped at 1e-10 as DL4J's MCXENT loss does.
 */
public final class Evaluation {
    private static final int CHUNK = 2048;
    /** Input values of a chunk of images larger than 28×28: a quarter of a full chunk of 28×28 images. */
    private static final long CHUNK_VALUES = CHUNK * 784L / 4;
    private static final double CLIP = 1e-10;

    private Evaluation() {
    }

    /** {loss, accuracy} of the network on a dataset in inference mode; {NaN, NaN} for an empty one. */
    public static double[] lossAndAccuracy(MultiLayerNetwork net, DataSet data) {
        return lossAndAccuracy(net, data, false, CHUNK);
    }

    /**
     * {loss, accuracy} in inference mode with the probabilities from {@code step.output} (the Java kernels where
     * they train the network, see {@link TrainingStep#output}).
     */
    public static double[] lossAndAccuracy(TrainingStep step, DataSet data) {
        return lossAndAccuracy(step::output, data, CHUNK);
    }

    /**
     * The inference-mode {@link Scores} of a dataset, with the outputs from {@code step.output}: loss and accuracy
     * for classes, loss, RMSE, MAE and R² for a regression target; {@link Scores#NONE} for an empty dataset.
     */
    public static Scores scores(TrainingStep step, DataSet data, Target target) {
        return scores(step, data, target, UnaryOperator.identity());
    }

    /**
     * As {@link #scores(TrainingStep, DataSet, Target)} for a dataset whose features {@code input} turns into network
     * input chunk by chunk (image pixels kept as bytes); each converted chunk is freed once scored.
     */
    public static Scores scores(TrainingStep step, DataSet data, Target target, UnaryOperator<INDArray> input) {
        UnaryOperator<INDArray> output = converted(step::output, input);
        if (!target.regression()) {
            double[] la = lossAndAccuracy(output, data, chunk(data));
            return Double.isNaN(la[0]) && data.numExamples() == 0 ? Scores.NONE : Scores.classification(la[0], la[1]);
        }
        return regression(output, data, target);
    }

    /**
     * Examples per evaluation chunk: 2,048; for images (stored as UINT8 pixels) of more than 784 values, as many as
     * hold 2,048 × 784 / 4 values (130 CIFAR images), at least 64. The Java kernels of the lean step keep arrays as
     * large as the largest chunk they saw, for the trial: with chunks of 2,048, and then of 522, two trials of
     * cifar10_cnn (two full-size 32-filter convolutions with BN) did not fit the launcher's 512 MB heap. Other data
     * keeps 2,048, and with it its numbers.
     */
    static int chunk(DataSet data) {
        INDArray x = data.getFeatures();
        long features = x.size(1);
        return features <= 784 || x.dataType() != DataType.UINT8 ? CHUNK
                : (int) Math.max(64, CHUNK_VALUES / features);
    }

    /** The outputs of {@code output} on {@code input}'s conversion of the rows, the conversion closed after use. */
    static UnaryOperator<INDArray> converted(UnaryOperator<INDArray> output, UnaryOperator<INDArray> input) {
        return rows -> {
            INDArray x = input.apply(rows);
            INDArray probabilities = output.apply(x);
            if (x != rows && x != probabilities && x.closeable()) {
                x.close();
            }
            return probabilities;
        };
    }

    /**
     * Regression scores. Sums run in double over the float outputs. With {@code d} = prediction − label in training
     * units: MSE loss mean d², MAE loss mean |d|, Huber loss mean of ½ d² (|d| ≤ 1) or |d| − ½; RMSE = std·√(mean d²)
     * and MAE = std·mean |d| in original units; R² = 1 − Σ d² / Σ (y − ȳ)², which the standardization leaves
     * unchanged. A non-finite output makes every score NaN (the trainer then reports the trial as diverged).
     */
    static Scores regression(java.util.function.UnaryOperator<INDArray> output, DataSet data, Target target) {
        long n = data.numExamples();
        if (n == 0) {
            return Scores.NONE;
        }
        double squares = 0;
        double absolutes = 0;
        double huber = 0;
        double sumY = 0;
        double sumY2 = 0;
        for (long start = 0; start < n; start += CHUNK) {
            long end = Math.min(n, start + CHUNK);
            double[] p = output.apply(rows(data.getFeatures(), start, end)).castTo(DataType.DOUBLE).toDoubleVector();
            double[] y = rows(data.getLabels(), start, end).castTo(DataType.DOUBLE).toDoubleVector();
            for (int i = 0; i < y.length; i++) {
                double d = p[i] - y[i];
                double a = Math.abs(d);
                squares += d * d;
                absolutes += a;
                huber += a <= 1 ? 0.5 * d * d : a - 0.5;
                sumY += y[i];
                sumY2 += y[i] * y[i];
            }
        }
        if (!Double.isFinite(squares)) {
            return new Scores(Double.POSITIVE_INFINITY, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double loss = switch (target.loss()) {
            case MSE -> squares / n;
            case MAE -> absolutes / n;
            case HUBER -> huber / n;
            case CROSS_ENTROPY -> throw new IllegalStateException("cross-entropy on a regression target");
        };
        double total = sumY2 - sumY * sumY / n;
        double r2 = total > 0 ? 1 - squares / total : Double.NaN;
        return new Scores(loss, Double.NaN, target.std() * Math.sqrt(squares / n), target.std() * absolutes / n, r2);
    }

    /**
     * {loss, accuracy} with the network in training mode ({@code train}: dropout active, BN on batch statistics)
     * or inference mode, over chunks of {@code chunk} examples (in training mode the chunk is the batch whose
     * statistics BN uses).
     */
    static double[] lossAndAccuracy(MultiLayerNetwork net, DataSet data, boolean train, int chunk) {
        return lossAndAccuracy(x -> {
            INDArray probs = net.output(x, train);
            BnCaches.release(net);
            return probs;
        }, data, chunk);
    }

    private static double[] lossAndAccuracy(java.util.function.UnaryOperator<INDArray> output, DataSet data, int chunk) {
        long n = data.numExamples();
        if (n == 0) {
            return new double[]{Double.NaN, Double.NaN};
        }
        double lossSum = 0;
        long correct = 0;
        for (long start = 0; start < n; start += chunk) {
            long end = Math.min(n, start + chunk);
            INDArray probs = output.apply(rows(data.getFeatures(), start, end));
            INDArray labels = rows(data.getLabels(), start, end);
            correct += probs.argMax(1).eq(labels.argMax(1)).castTo(DataType.INT32).sumNumber().longValue();
            // Cross-entropy of one-hot (or soft) labels: -sum(labels * log(max(p, 1e-10))).
            lossSum -= Transforms.log(clipped(probs), false).muli(labels).sumNumber().doubleValue();
        }
        return new double[]{lossSum / n, (double) correct / n};
    }

    /**
     * {@code Transforms.max(probs, CLIP, true)}: the scalar op it runs, held until it returned. ND4J's scalar ops
     * pass their scalar, an array of their own outside every workspace, to native code by its handle only; without
     * the hold a collection during the op could free it (see {@code training.lean.Ops}).
     */
    private static INDArray clipped(INDArray probs) {
        ScalarMax max = new ScalarMax(probs, null, probs.ulike(), CLIP);
        try {
            return Nd4j.getExecutioner().exec(max);
        } finally {
            Reference.reachabilityFence(max);
        }
    }

    static INDArray rows(INDArray a, long start, long end) {
        if (start == 0 && end == a.size(0)) {
            return a;
        }
        return a.get(NDArrayIndex.interval(start, end), NDArrayIndex.all());
    }
}
